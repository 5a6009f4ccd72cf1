// Detection of unresolved merge-conflict markers in text (cell sources, .py files), shared
// by the merge driver, the lint rule `conflict-markers` and `nbloop check`.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace nbloop::util {

/// The smallest marker size git writes by default (`conflict-marker-size`).
inline constexpr size_t k_default_marker_size = 7;

/// Which marker a line holds.
enum class MarkerKind { ours, base, separator, theirs };

/// One marker line found in a text.
struct MarkerLine {
  size_t line = 0;  ///< 1-based line number (lines split on \n; \r\n counts as one break)
  MarkerKind kind = MarkerKind::ours;
};

/// The conflict-marker lines of `text`, in order. A marker line starts with at least
/// `min_size` copies of '<' (ours), '|' (base, diff3 style) or '>' (theirs) followed by a
/// space or the end of the line, or consists of at least `min_size` '=' only (separator).
/// Separators and base markers count only between an opening '<' marker and a closing
/// '>' marker, so a Markdown setext underline ("=======") is not a marker; an opening
/// marker without a closing one still counts (nbloop writes single-line notes such as
/// "<<<<<<< deleted in theirs, edited in ours").
std::vector<MarkerLine> find_conflict_markers(std::string_view text, size_t min_size = k_default_marker_size);

/// One unresolved conflict: the line of its opening marker, or of a closing marker that has
/// no opening one (`opening` false).
struct Conflict {
  size_t line = 0;  ///< 1-based
  bool opening = true;
};

/// The conflicts of `text`, one per opening marker plus one per closing marker without an
/// opening marker, in order: what `nbloop check` and the lint rule report.
std::vector<Conflict> find_conflicts(std::string_view text, size_t min_size = k_default_marker_size);

/// True when `text` holds an opening ('<') or closing ('>') conflict-marker line.
bool has_conflict_markers(std::string_view text, size_t min_size = k_default_marker_size);

}  // namespace nbloop::util
