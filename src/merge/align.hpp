// Cell alignment: decides which cell of one notebook is "the same cell" as which cell of
// another, for the three-way merge (docs/merge.md) and the cell-aware diff.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace nbloop::notebook {
class Notebook;
}

namespace nbloop::merge {

/// What the aligner looks at in one cell. The views must stay valid during the call.
struct CellView {
  std::string_view id;      ///< the cell id; empty when the cell has none
  std::string_view type;    ///< cell_type: "code", "markdown", "raw", …
  std::string_view source;  ///< the whole source text (joined, as Notebook holds it)
};

/// The views of a notebook's cells, in order (nbformat 3 worksheets are concatenated).
/// Views point into `nb`, which must outlive them; a cell with a non-string id, type or
/// source gets an empty view for that field.
std::vector<CellView> cell_views(notebook::Notebook& nb);

/// Why two cells were paired.
enum class MatchKind : uint8_t {
  none,     ///< not paired: the cell exists on one side only
  id,       ///< same cell id (and same cell type)
  exact,    ///< same cell type and byte-identical source
  similar,  ///< same cell type and similar source (see `source_similarity`)
  position,  ///< same cell type, dissimilar, but replacing each other in place (see
             ///< `AlignOptions::pair_replacements`)
};

/// Marks the missing side of an unpaired row.
inline constexpr size_t k_no_cell = static_cast<size_t>(-1);

/// One row of an alignment: cell `a` of A corresponds to cell `b` of B. A row with
/// `b == k_no_cell` is a cell only in A (deleted, going from A to B); `a == k_no_cell` is a
/// cell only in B (inserted).
struct AlignedPair {
  size_t a = k_no_cell;
  size_t b = k_no_cell;
  MatchKind kind = MatchKind::none;
};

/// A cell that exists in both notebooks but not in the same relative order. In
/// `Alignment::pairs` it appears twice, unpaired: once as A-only, once as B-only.
struct Move {
  size_t a = 0;
  size_t b = 0;
  MatchKind kind = MatchKind::id;  ///< id or exact
};

/// The result of aligning A with B.
///
/// Invariants: every cell index of A and of B appears in exactly one row of `pairs`; the
/// `a` indices of the rows (ignoring k_no_cell) increase, and so do the `b` indices, so
/// walking `pairs` walks both notebooks in order. Within the stretch between two paired
/// rows the A-only rows come first, then the B-only rows. Paired cells always have the
/// same cell type.
struct Alignment {
  std::vector<AlignedPair> pairs;
  /// Reordered cells, sorted by `a`. Each is an A-only row plus a B-only row in `pairs`.
  std::vector<Move> moves;
};

struct AlignOptions {
  /// Pair cells by id when both notebooks carry ids. Ids that look renumbered ("0", "1",
  /// … in order, nbstripout's default) are ignored, since they name positions, not cells.
  bool use_ids = true;
  /// Lowest `source_similarity` for pairing two different sources.
  double similarity_threshold = 0.3;
  /// Where, between two pairs, as many cells of A as of B are left unpaired, pair them in
  /// order when their types agree (a cell rewritten in place is an edit, as a line diff
  /// sees a changed line), with MatchKind::position.
  bool pair_replacements = true;
};

/// Aligns the cells of A with the cells of B, keeping order.
///
/// Order of evidence: (1) cells with the same id and type; of those, the longest
/// order-preserving subset is paired and the rest are reported as moves; (2) between
/// those anchors, identical sources (common prefix/suffix, then sources unique on both
/// sides, patience-diff style, recursively); (3) what is left in each gap, by source
/// similarity, maximizing the total similarity (exhaustive for small gaps, a diagonal band
/// for large ones), then equal-sized unpaired stretches in order (`pair_replacements`);
/// (4) cells left unpaired on both sides with the same unique content are
/// reported as moves. The cell type is a hard constraint at every step.
///
/// Cost: O((n + m) log(n + m)) for the id and exact steps; the similarity step is
/// O(gap_n · gap_m) only for gaps with at most 4,096 candidate pairs, and O(gap · 64)
/// otherwise. Memory is linear.
Alignment align_cells(std::span<const CellView> a, std::span<const CellView> b, const AlignOptions& options = {});

/// Similarity of two sources in [0, 1]: the larger of the Jaccard index of their sets of
/// character trigrams (whitespace runs collapsed) and that of their sets of non-blank
/// trimmed lines, each estimated from 64-element bottom-k sketches when a set is larger.
/// Identical texts score 1; texts shorter than three characters score 1 when equal after
/// collapsing whitespace, else 0.
double source_similarity(std::string_view a, std::string_view b);

/// source_similarity(a, b) exactly when it is at least `floor`, otherwise some value
/// below `floor`: the form the aligner uses, which stops comparing sketches as soon as
/// `floor` is out of reach.
double source_similarity_at_least(std::string_view a, std::string_view b, double floor);

}  // namespace nbloop::merge
