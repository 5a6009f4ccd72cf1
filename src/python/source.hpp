// The Python source of a file as linted: one unit per Python code cell of a notebook (or
// one for a .py), with IPython masked, plus the map from unit positions back to
// `cell N:LINE:COL` and to the line of the file on disk.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "python/notebook_facts.hpp"
#include "util/result.hpp"

namespace nbloop::python {

/// One piece of Python parsed on its own: a code cell, or a whole .py file.
struct SourceUnit {
  int cell = 0;              ///< 1-based index among all cells (markdown too); 0 for a .py
  std::string text;          ///< the source as parsed (IPython masked, same length as `original`)
  std::string original;      ///< the source as written in the cell or file
  std::vector<uint32_t> escape_offsets;  ///< where masked IPython statements start
  std::vector<uint32_t> line_starts;     ///< byte offset of each line's start in `text`
  std::vector<int> file_lines;  ///< for each line of the unit, the 1-based line in the file
  std::vector<std::string> tags;  ///< the cell's `metadata.tags`

  /// 0-based line index holding byte `offset`.
  [[nodiscard]] uint32_t line_of(uint32_t offset) const;
  /// 1-based line and 1-based column in code points (as ruff counts them) of `offset`.
  [[nodiscard]] std::pair<int, int> position(uint32_t offset) const;
  /// The text of 0-based line `line`, without its line break.
  [[nodiscard]] std::string_view line_text(uint32_t line) const;
  /// True when a masked IPython statement starts at `offset`.
  [[nodiscard]] bool is_escape(uint32_t offset) const;
};

/// Why a notebook cell was not linted.
enum class SkipReason : uint8_t { not_code, non_python_kernel, non_python_magic, language_id };

/// A file ready to lint: the Python units in order and, for a notebook, every cell.
struct SourceFile {
  bool notebook = false;
  std::vector<SourceUnit> units;
  NotebookFacts facts;    ///< notebooks only: all cells, outputs and metadata
  int cell_count = 0;     ///< all cells, for notebooks
  int skipped_cells = 0;  ///< code cells skipped as not Python
};

/// True when `path` names a notebook (ends in .ipynb).
bool is_notebook_path(std::string_view path);

/// Builds the unit of a .py file. Fails on bytes that are not UTF-8 text (NUL bytes or
/// invalid UTF-8), with the line:col of the first bad byte.
util::Result<SourceFile> load_python_source(std::string bytes);

/// What to read besides the Python units.
struct LoadOptions {
  /// Read each output's contents: its type, stream name, mime types and readable text
  /// (`OutputFacts::text`, for secret scanning). Without it only its size and line are read.
  bool output_contents = true;
};

/// Reads a notebook's code cells (nbformat 3 and 4). Cells of a non-Python kernel,
/// non-Python cell magics, `metadata.vscode.languageId` other than python, raw and markdown
/// cells are skipped. Fails on invalid JSON (line:col) or a file that is not a notebook.
util::Result<SourceFile> load_notebook_source(std::string bytes, const LoadOptions& options = {});

/// Dispatches on the path's extension.
util::Result<SourceFile> load_source(std::string_view path, std::string bytes, const LoadOptions& options = {});

/// Builds a unit from text (used for .py files, cells and tests); `first_file_line` is the
/// file line of the unit's first line, and each later line adds one.
SourceUnit make_unit(std::string original, int cell, int first_file_line, bool mask);

}  // namespace nbloop::python
