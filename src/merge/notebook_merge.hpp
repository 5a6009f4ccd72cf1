// Three-way merge of whole notebooks, cell by cell: the core of `nbloop merge` (see
// docs/merge.md for what a conflict looks like).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "merge/text_merge.hpp"
#include "notebook/notebook.hpp"
#include "util/result.hpp"

namespace nbloop::merge {

/// Conflict markers, labels and the conflict strategy; cell sources use all of it, the
/// cell and metadata levels use the marker size, labels and strategy.
struct MergeOptions {
  TextMergeOptions text;
};

/// Something the user should hear about.
struct MergeNote {
  size_t cell = 0;        ///< 1-based cell number in the merged notebook; 0: the notebook level
  bool conflict = false;  ///< a conflict is recorded in the result; false: information only
  std::string message;    ///< one line, e.g. "conflicting edits to the source"
};

struct MergeResult {
  std::string bytes;        ///< the merged notebook, in Jupyter's layout
  size_t conflicts = 0;     ///< how many conflicts the result records (0: clean merge)
  std::vector<MergeNote> notes;  ///< in cell order
};

/// Merges `ours` and `theirs`, both descended from `base`.
///
/// Cells are aligned with `align_cells` (base with each side); a cell moved on one side is
/// merged with the other side's version and placed where it was moved to. Per cell:
/// the source is merged line by line (`merge_text`); metadata and attachments key by key,
/// nested objects recursively; outputs and execution counts take the side that changed
/// them, and are cleared (with an information note) when both sides changed them
/// differently; other fields as scalars. Cells inserted at the same place on both sides are
/// all kept, ours first, identical ones once. A cell deleted on one side and edited on
/// the other is kept with a marker line. Notebook metadata merges key by key;
/// `nbformat_minor` takes the larger value.
///
/// With `Strategy::markers`, conflicts are written into the notebook, which stays valid
/// JSON: conflicting source lines between git's markers; a marker line at the top of a
/// cell's source for a delete/edit conflict or a cell-metadata conflict (ours kept, theirs'
/// value quoted); a Markdown cell at the top for notebook-metadata conflicts. Volatile
/// metadata (notebook `language_info`, `widgets`; cell `execution`, `ExecuteTime`,
/// `collapsed`, `scrolled`) never conflicts: ours is kept. Other strategies take one side
/// (or both, for union) and report no conflict.
///
/// The notebooks may be read with `ReadOptions::lazy_cells`: a cell is then built only
/// when its three versions are not byte-identical where it matters (a cell unchanged on
/// one side is taken whole from the other, still raw, and written verbatim when it is
/// already in Jupyter's layout). The result is the same either way.
///
/// The result is built inside `ours` (its document is reused and rewritten); `base` and
/// `theirs` must outlive the call only. Fails (an input error: exit 2) when the notebooks
/// have different major nbformat versions or an nbformat 3 notebook has more than one
/// worksheet.
util::Result<MergeResult> merge_notebooks(notebook::Notebook& base, notebook::Notebook& ours,
                                          notebook::Notebook& theirs, const MergeOptions& options);

/// A notebook with no cells and no metadata in the given major version, standing in for
/// the missing base when both sides added the same file (git passes an empty %O).
notebook::Notebook empty_notebook(int major);

}  // namespace nbloop::merge
