// The notebook model: nbformat 3 and 4 read the way nbformat reads them, written back in
// Jupyter's exact bytes. Every field survives, known or not.
#pragma once

#include <string>
#include <vector>

#include "notebook/json.hpp"
#include "util/result.hpp"

namespace nbloop::notebook {

/// What callers most often read of a cell, found while a cell kept raw was read
/// (ReadOptions::lazy_cells): looking at it needs no expanding. Views into the notebook.
struct RawCellFields {
  std::string_view span;    ///< the raw cell's text, which identifies the cell
  std::string_view id;      ///< the id's decoded text, when it is a string
  std::string_view type;    ///< cell_type's decoded text, when it is a string
  std::string_view source;  ///< the source's decoded text (lines joined), when it is text
  bool has_id = false;      ///< the cell has an "id" member (of any type)
  bool id_is_string = false;
};

/// A notebook in memory, in nbformat's in-memory form: multi-line text (cell sources,
/// attachments) joined into single strings, transient fields removed, and (for 4.5+) every
/// cell with a unique id. Outputs are left as read; writing normalizes them.
class Notebook {
 public:
  json::Document doc;
  int major = 4;
  int minor = 0;
  bool crlf = false;  ///< the file used CRLF line endings
  /// By cell position (all cells in order): the fields of each cell read lazily.
  std::vector<RawCellFields> raw_cell_fields;

  json::Value& root() { return doc.root(); }
  /// The notebook-level metadata object (nbformat 3 keeps it at the top too).
  json::Value& metadata();
  /// The arrays that hold cells: `cells` for nbformat 4, each worksheet's `cells` for 3.
  std::vector<json::Value*> cell_lists();
  /// All cells in order (materialized objects; cells read lazily are expanded here).
  std::vector<json::Value*> cells();

  /// Materializes one cell of this notebook in place, if it is still a raw span (see
  /// ReadOptions::lazy_cells), with the reader's normalization (sources joined,
  /// transient metadata dropped): afterwards it is what an eager read would have made.
  /// A cell of another notebook of the same major version may be expanded here too:
  /// its joined text is then owned by this notebook. Returns the cell.
  json::Value& expand_cell(json::Value& cell);

  /// The fields found while reading, when `cell` (the `index`-th cell, 0-based, in the
  /// order of cells()) is still the raw cell that was read there; otherwise null.
  [[nodiscard]] const RawCellFields* raw_fields(const json::Value& cell, size_t index) const;

  /// Materializes a raw value in place and returns it.
  json::Value& expand(json::Value& v) const {
    doc.expand(v);
    return v;
  }

  /// Joins an output's multi-line text fields the way nbformat's reader does (list of
  /// strings → one string), so sizes and matches see what nbstripout sees.
  void rejoin_output(json::Value& output);

  /// The name of the field that holds a cell's text: "source", or "input" for nbformat 3
  /// code cells.
  [[nodiscard]] const char* source_key(const json::Value& cell) const;
};

struct ReadOptions {
  /// nbformat 4: keep each cell as a validated raw span (json::Kind::raw) until
  /// `Notebook::cells()` or `Notebook::expand_cell` asks for it. The cells are checked
  /// as an eager read checks them (same errors), and what they expand to is the same.
  /// write_notebook copies a raw cell that is already in Jupyter's layout byte for byte.
  /// For code that touches few cells of large notebooks (the merge).
  bool lazy_cells = false;
};

/// Reads notebook bytes. Failure kinds: invalid JSON (with line:col), not a notebook
/// (wrong shape), unsupported nbformat version.
util::Result<Notebook> read_notebook(std::string bytes);
util::Result<Notebook> read_notebook(std::string bytes, const ReadOptions& options);

/// Like read_notebook, without copying `bytes`: the caller keeps them alive and unchanged
/// for the life of the notebook.
util::Result<Notebook> read_notebook_borrowed(std::string_view bytes);
util::Result<Notebook> read_notebook_borrowed(std::string_view bytes, const ReadOptions& options);

/// Writes the notebook as nbformat.write does: split multi-line text into lines, strip
/// transient fields, json.dumps(sort_keys=True, indent=1, separators=(",", ": "),
/// ensure_ascii=False for nbformat 4 / True for 3) plus "\n". CRLF files keep CRLF unless
/// `unix_newlines`. Raw cells (lazy reading, or moved here from another notebook) are
/// expanded first unless they are already in this layout, in which case they are copied.
std::string write_notebook(Notebook& nb, bool unix_newlines = false);

/// A deterministic 8-hex-digit cell id derived from `seed` (used where nbformat would
/// draw a random one).
std::string make_cell_id(std::string_view seed, unsigned attempt);

}  // namespace nbloop::notebook
