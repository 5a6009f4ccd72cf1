// Which form a file's bytes are in: Jupyter JSON, a percent script or a Databricks source
// notebook, decided from the content (jupytext's guess_format rule for percent).
#pragma once

#include <string_view>

namespace nbloop::convert {

enum class Form { ipynb, percent, databricks, unknown };

/// The form of `text`: JSON object → ipynb; first line "# Databricks notebook source" (or
/// its SQL/Scala spellings) → databricks; a YAML header naming format_name percent, or an
/// unquoted "# %%" line → percent.
Form detect_form(std::string_view text);

const char* form_name(Form form);

}  // namespace nbloop::convert
