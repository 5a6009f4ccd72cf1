// The cell-aware diff of two notebooks, rendered for people (unified diffs of sources,
// metadata by key, outputs summarised by type and size) or as JSON for tools. Which cell
// matches which is decided by the caller (merge::align_cells).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "notebook/notebook.hpp"

namespace nbloop::convert {

inline constexpr size_t k_no_cell = static_cast<size_t>(-1);

/// One row of a cell alignment: cell `a` of A is cell `b` of B (k_no_cell: one side only).
struct CellRow {
  size_t a = k_no_cell;
  size_t b = k_no_cell;
};

struct DiffOptions {
  std::string label_a = "a";
  std::string label_b = "b";
  bool color = false;
  int context = 3;  ///< lines of context in source hunks
};

struct DiffReport {
  bool different = false;
  std::string text;
  std::string json;
};

/// Compares A and B along `rows` (in order; every cell of each side once) and `moves`
/// (cells present in both but reordered: each also appears as one A-only and one B-only
/// row). Execution counts are not compared. Outputs are compared in full but shown only
/// as one summary line each.
DiffReport diff_notebooks(notebook::Notebook& a, notebook::Notebook& b, const std::vector<CellRow>& rows,
                          const std::vector<CellRow>& moves, const DiffOptions& options);

/// A unified diff of two texts (hunks only, no file header), `context` lines around changes.
std::string unified_diff(const std::string& a, const std::string& b, int context);

}  // namespace nbloop::convert
