// The unresolved-merge check behind `nbloop check`: merge-conflict markers in cell sources
// and .py files, mapped back to the lines of the stored file.
#include <algorithm>

#include "git/check.hpp"
#include "util/conflict_markers.hpp"
#include "notebook/json.hpp"

namespace nbloop::git {
namespace {

using notebook::json::Kind;
using notebook::json::Value;

CheckFinding marker_finding(const CheckInput& input, int file_line, int cell, size_t cell_line) {
  CheckFinding f;
  f.path = input.path;
  f.line = file_line;
  f.column = 1;
  f.end_line = file_line;
  f.code = f.name = "conflict-markers";
  f.summary = "A cell or file still holds merge-conflict markers from an unresolved merge";
  f.message = cell > 0 ? "unresolved merge conflict in cell " + std::to_string(cell) + " (remove the markers)"
                       : "unresolved merge conflict (remove the markers)";
  if (cell > 0) {
    f.display_location = "cell " + std::to_string(cell) + ":" + std::to_string(cell_line) + ":1";
  }
  return f;
}

// One finding per conflict: at each opening marker, or at a closing marker without one.
std::vector<size_t> conflict_lines(std::string_view text) {
  std::vector<size_t> lines;
  for (const auto& c : util::find_conflicts(text)) {
    lines.push_back(c.line);
  }
  return lines;
}

// Counts lines of the input incrementally, for offsets visited in increasing order.
class LineCounter {
 public:
  explicit LineCounter(std::string_view input) : m_input(input) {}
  int line_at(const char* p) {
    auto offset = static_cast<size_t>(p - m_input.data());
    if (offset < m_offset) {
      m_offset = 0;
      m_line = 1;
    }
    m_line += static_cast<int>(std::count(m_input.begin() + static_cast<std::ptrdiff_t>(m_offset),
                                          m_input.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
    m_offset = offset;
    return m_line;
  }

 private:
  std::string_view m_input;
  size_t m_offset = 0;
  int m_line = 1;
};

}  // namespace

util::Result<std::vector<CheckFinding>> check_conflict_markers(const CheckInput& input) {
  std::vector<CheckFinding> out;
  if (!input.path.ends_with(".ipynb")) {
    for (size_t line : conflict_lines(input.content)) {
      out.push_back(marker_finding(input, static_cast<int>(line), 0, 0));
    }
    return out;
  }
  notebook::json::ParseOptions options;
  options.eager_depth = 4;
  auto doc = notebook::json::Document::parse_borrowed(input.content, options);
  if (!doc) {
    return doc.error();
  }
  Value& root = doc->root();
  if (root.kind != Kind::object) {
    return out;
  }
  // nbformat 4 keeps cells at the top, nbformat 3 in worksheets.
  std::vector<Value*> cell_lists;
  if (Value* cells = root.find("cells")) {
    cell_lists.push_back(&*cells);
  } else if (Value* worksheets = root.find("worksheets")) {
    doc->expand(*worksheets);
    for (Value& ws : worksheets->items) {
      doc->expand(ws);
      if (ws.kind == Kind::object) {
        if (Value* cells = ws.find("cells")) {
          cell_lists.push_back(cells);
        }
      }
    }
  }
  LineCounter counter(input.content);
  int cell_number = 0;
  for (Value* list : cell_lists) {
    doc->expand(*list);
    for (Value& cell : list->items) {
      ++cell_number;
      doc->expand(cell);
      if (cell.kind != Kind::object) {
        continue;
      }
      Value* source = cell.find("source");
      if (source == nullptr) {
        source = cell.find("input");
      }
      if (source == nullptr) {
        continue;
      }
      doc->expand(*source);
      // The decoded text and, for each of its lines, the line of the file holding it.
      std::string text;
      std::vector<int> file_lines;
      auto add = [&](const Value& piece) {
        int line = counter.line_at(piece.text.data());
        std::string decoded = piece.str();
        bool at_line_start = text.empty() || text.back() == '\n';
        if (at_line_start && !decoded.empty()) {
          file_lines.push_back(line);
        }
        for (size_t i = 0; i + 1 < decoded.size(); ++i) {
          if (decoded[i] == '\n') {
            file_lines.push_back(line);  // a string's lines all sit on one line of the file
          }
        }
        text += decoded;
      };
      if (source->is_string()) {
        add(*source);
      } else if (source->kind == Kind::array) {
        for (const Value& piece : source->items) {
          if (piece.is_string()) {
            add(piece);
          }
        }
      }
      for (size_t line : conflict_lines(text)) {
        int file_line = line >= 1 && line - 1 < file_lines.size() ? file_lines[line - 1] : 0;
        out.push_back(marker_finding(input, file_line, cell_number, line));
      }
    }
  }
  return out;
}

}  // namespace nbloop::git
