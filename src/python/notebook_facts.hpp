// What a notebook holds besides its Python code, read in the same pass over the JSON that
// builds the lint units: every cell (type, source, id, tags, execution count, outputs) and
// the notebook's metadata. Notebook rules (hygiene, secrets in outputs) read these facts;
// each piece of text keeps the line of the .ipynb file that holds each of its lines.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nbloop::python {

/// Decoded text plus, for each of its lines, the 1-based line of the file that holds it.
struct MappedText {
  std::string text;
  std::vector<uint32_t> line_starts = {0};  ///< byte offset of each line's start
  std::vector<int> file_lines;              ///< per line of `text`; may be shorter (then the last applies)

  /// Appends one JSON string's decoded text, stored at `file_line`.
  void append(std::string_view piece, int file_line);
  /// 0-based line index holding byte `offset`.
  [[nodiscard]] uint32_t line_of(uint32_t offset) const;
  /// 1-based line and column (code points) of `offset`.
  [[nodiscard]] std::pair<int, int> position(uint32_t offset) const;
  /// The file line of 0-based line `line` (0 when unknown).
  [[nodiscard]] int file_line(uint32_t line) const;
  /// The text of 0-based line `line`, without its line break.
  [[nodiscard]] std::string_view line_text(uint32_t line) const;
};

enum class CellType : uint8_t { code, markdown, raw, other };

/// One output of a code cell.
struct OutputFacts {
  std::string output_type;              ///< "stream", "execute_result", "display_data", "error" (v3: "pyout", "pyerr")
  std::string name;                     ///< a stream's name ("stdout", "stderr")
  std::vector<std::string> mime_types;  ///< the keys of `data` (nbformat 3: of the output)
  size_t bytes = 0;                     ///< size of the output's JSON text in the file
  int file_line = 0;                    ///< line where the output object starts
  /// The text a person reads in it, for secret scanning: stream text, `text/plain`,
  /// `text/html`, `text/markdown`, `text/latex` and an error's `ename: evalue` and traceback, one
  /// after the other, each ending with a line break. Binary data (images) is never decoded.
  MappedText text;
};

/// One cell of the notebook, whatever its type.
struct CellFacts {
  int index = 0;  ///< 1-based among all cells
  CellType type = CellType::other;
  std::string type_name;  ///< `cell_type` as written
  int file_line = 0;      ///< line where the cell object starts
  MappedText source;      ///< the source as written (markdown and raw too)
  bool has_source = false;
  std::optional<std::string> id;  ///< `id` when present and a string
  bool has_id = false;            ///< an `id` member exists (of any type)
  int id_line = 0;
  std::optional<int64_t> execution_count;  ///< code cells: null or absent gives none
  int execution_count_line = 0;
  bool has_outputs_member = false;
  std::vector<std::string> tags;
  std::vector<OutputFacts> outputs;
  int unit = -1;  ///< index of the cell's lint unit in SourceFile::units, -1 when not linted
  /// Why a code cell was not linted as Python: empty when it was (or it is not code).
  std::string_view skipped;
};

/// The notebook as a whole.
struct NotebookFacts {
  int nbformat = 0;
  int nbformat_minor = 0;
  int metadata_line = 0;  ///< line of the notebook's `metadata` value (1 when absent)
  bool has_kernelspec = false;
  std::string kernel_name;      ///< metadata.kernelspec.name
  std::string kernel_language;  ///< metadata.kernelspec.language (or language_info.name, v3 language)
  std::string language_info;    ///< metadata.language_info.name
  bool python_kernel = true;
  std::vector<CellFacts> cells;
};

}  // namespace nbloop::python
