// Databricks "source" notebooks (.py export): writer and reader. docs/text-forms.md
// gives the format (header line, COMMAND separators, MAGIC lines, DBTITLE).
#pragma once

#include <string>
#include <string_view>

#include "convert/text_notebook.hpp"
#include "notebook/notebook.hpp"
#include "util/result.hpp"

namespace nbloop::convert {

/// The first line of a Python Databricks source notebook.
inline constexpr std::string_view k_databricks_header = "# Databricks notebook source";

/// Writes a notebook as a Databricks Python source file: Python code cells as plain source,
/// Markdown as "# MAGIC %md", code cells that start with a %magic as MAGIC lines, raw cells
/// as "# MAGIC %raw" (an nbloop extension: Databricks has no raw cells), a cell title
/// (metadata "title") as "# DBTITLE 1,…".
std::string write_databricks(notebook::Notebook& nb);

/// Reads a Databricks Python source file. Failure kinds: missing header line; SQL, Scala
/// or R source notebooks (refused with a message naming the language).
util::Result<TextNotebook> read_databricks(std::string_view text);

}  // namespace nbloop::convert
