// The notebook model: nbformat 3 and 4 read the way nbformat reads them, written back in
// Jupyter's exact bytes. Every field survives, known or not.
#pragma once

#include <string>
#include <vector>

#include "notebook/json.hpp"
#include "util/result.hpp"

namespace nbloop::notebook {

/// A notebook in memory, in nbformat's in-memory form: multi-line text (cell sources,
/// attachments) joined into single strings, transient fields removed, and (for 4.5+) every
/// cell with a unique id. Outputs are left as read; writing normalizes them.
class Notebook {
 public:
  json::Document doc;
  int major = 4;
  int minor = 0;
  bool crlf = false;  ///< the file used CRLF line endings

  json::Value& root() { return doc.root(); }
  /// The notebook-level metadata object (nbformat 3 keeps it at the top too).
  json::Value& metadata();
  /// The arrays that hold cells: `cells` for nbformat 4, each worksheet's `cells` for 3.
  std::vector<json::Value*> cell_lists();
  /// All cells in order (materialized objects).
  std::vector<json::Value*> cells();

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

/// Reads notebook bytes. Failure kinds: invalid JSON (with line:col), not a notebook
/// (wrong shape), unsupported nbformat version.
util::Result<Notebook> read_notebook(std::string bytes);

/// Like read_notebook, without copying `bytes`: the caller keeps them alive and unchanged
/// for the life of the notebook.
util::Result<Notebook> read_notebook_borrowed(std::string_view bytes);

/// Writes the notebook as nbformat.write does: split multi-line text into lines, strip
/// transient fields, json.dumps(sort_keys=True, indent=1, separators=(",", ": "),
/// ensure_ascii=False for nbformat 4 / True for 3) plus "\n". CRLF files keep CRLF unless
/// `unix_newlines`.
std::string write_notebook(Notebook& nb, bool unix_newlines = false);

/// A deterministic 8-hex-digit cell id derived from `seed` (used where nbformat would
/// draw a random one).
std::string make_cell_id(std::string_view seed, unsigned attempt);

}  // namespace nbloop::notebook
