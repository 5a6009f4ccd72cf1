// A notebook's cells as nb2py's generator reads them: type, source, tags and the recorded
// `text/plain` result of a code cell (and whether it carries any output at all).
#pragma once

#include <string>
#include <vector>

#include "notebook/notebook.hpp"

namespace nbloop::convert::package {

struct NotebookCell {
  enum class Type : uint8_t { code, markdown, raw };
  int index = 0;  ///< 1-based among all cells
  Type type = Type::code;
  std::string source;  ///< line breaks normalized to "\n"
  std::vector<std::string> tags;
  bool has_outputs = false;  ///< the cell carries outputs of any kind (a stripped cell has none)
  bool has_result = false;   ///< an execute_result (v3: pyout) with text/plain was recorded
  std::string result_text;   ///< that text/plain
};

struct NotebookCells {
  std::vector<NotebookCell> cells;
  std::string language;  ///< the kernel's language as the notebook names it ("" when unnamed)
};

/// Reads every cell (nbformat 3 heading cells become Markdown headings).
NotebookCells read_cells(notebook::Notebook& nb);

}  // namespace nbloop::convert::package
