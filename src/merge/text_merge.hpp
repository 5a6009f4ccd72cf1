// Three-way merge of one text (a cell source) line by line, on libgit2's git_merge_file.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "util/conflict_markers.hpp"
#include "util/result.hpp"

namespace nbloop::merge {

/// What to do where both sides changed the same lines.
enum class Strategy {
  markers,  ///< write git's conflict markers and report a conflict
  ours,     ///< take our side of each conflicting hunk (git's -Xours)
  theirs,   ///< take their side of each conflicting hunk (git's -Xtheirs)
  union_,   ///< keep both sides' lines, ours first (git's merge=union)
};

/// Labels and marker size used in conflict markers.
struct TextMergeOptions {
  size_t marker_size = util::k_default_marker_size;  ///< git's %L
  std::string label_ours = "ours";
  std::string label_theirs = "theirs";
  Strategy strategy = Strategy::markers;
};

struct TextMergeResult {
  std::string text;
  bool conflict = false;  ///< markers were written (only with Strategy::markers)
};

/// Merges `ours` and `theirs`, both derived from `base`. Identical sides, or one side
/// equal to the base, short-cut without calling libgit2. Sources stored without a final
/// newline (Jupyter's habit) are merged as if they had one, so an edit of the last line
/// merges like any other line; the result again has no final newline. Conflicting lines
/// are wrapped in "<<<<<<< LABEL_OURS", "=======", ">>>>>>> LABEL_THEIRS" of
/// `marker_size` characters. Fails only when libgit2 does (e.g. out of memory).
util::Result<TextMergeResult> merge_text(std::string_view base, std::string_view ours, std::string_view theirs,
                                         const TextMergeOptions& options);

}  // namespace nbloop::merge
