// Reading nbformat 4 cells lazily (ReadOptions::lazy_cells): what the parser reports of
// each raw cell as it validates it, and the checks and index (RawCellFields) the reader
// builds from that without building the cell. Internal to the notebook layer.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "notebook/json.hpp"
#include "notebook/notebook.hpp"
#include "util/result.hpp"

namespace nbloop::notebook::detail {

// Collects, for each object the parser leaves raw at the cells' level, the members a
// lazily read cell is checked and indexed by.
class CellMemberSink final : public json::RawMemberSink {
 public:
  struct Entry {
    const char* object = nullptr;
    std::string_view id;
    std::string_view type;
    std::string_view source;
    std::string_view metadata;
    bool has_id = false;
  };
  std::vector<Entry> entries;

  void member(const char* object, const json::RawMember& m) override;
};

/// Checks a raw cell as an eager read checks it (same errors; `index` is 1-based) from
/// the members the parser reported, and appends its RawCellFields to
/// `nb.raw_cell_fields` (the source joined as the reader joins it). `scratch` is reused
/// between calls.
util::Result<bool> index_raw_cell(Notebook& nb, const json::Value& cell, const CellMemberSink::Entry& e, size_t index,
                                  std::vector<std::string_view>& scratch);

}  // namespace nbloop::notebook::detail
