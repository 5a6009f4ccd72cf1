// jupytext's py:percent script form: writer (byte-compatible with jupytext 1.19) and
// reader. docs/text-forms.md describes the format and the remaining differences.
#pragma once

#include <string>
#include <string_view>

#include "convert/text_notebook.hpp"
#include "notebook/notebook.hpp"
#include "util/result.hpp"

namespace nbloop::convert {

struct PercentOptions {
  bool keep_ids = false;             ///< write each cell's id in its header (id="...")
  std::string version = "nbloop";    ///< written as text_representation.jupytext_version
  /// Replace each code cell's outputs by one comment line per output (type and size);
  /// used by `nbloop diff --textconv`.
  bool summarize_outputs = false;
};

/// The percent script for a notebook (nbformat 4, or 3 with heading cells turned into
/// Markdown). Never fails on a notebook that read_notebook accepted.
std::string write_percent(notebook::Notebook& nb, const PercentOptions& options = {});

/// Reads a percent script. Failure kinds: broken YAML header (with its line).
util::Result<TextNotebook> read_percent(std::string_view text);

/// One line summarising an output: "output_type [mime, N bytes; …]" — never its data.
std::string summarize_output(notebook::Notebook& nb, notebook::json::Value& output);

}  // namespace nbloop::convert
