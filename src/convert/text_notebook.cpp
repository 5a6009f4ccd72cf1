#include "convert/text_notebook.hpp"

#include <algorithm>
#include <set>

#include "notebook/json_write.hpp"
#include "notebook/notebook.hpp"

namespace nbloop::convert {

const std::string* TextCell::find(std::string_view key) const {
  for (const auto& [k, v] : metadata) {
    if (k == key) return &v;
  }
  return nullptr;
}

void TextCell::set(std::string_view key, std::string json_text) {
  for (auto& [k, v] : metadata) {
    if (k == key) {
      v = std::move(json_text);
      return;
    }
  }
  metadata.emplace_back(std::string(key), std::move(json_text));
}

bool TextCell::erase(std::string_view key) {
  auto it = std::remove_if(metadata.begin(), metadata.end(), [&](const auto& kv) { return kv.first == key; });
  bool found = it != metadata.end();
  metadata.erase(it, metadata.end());
  return found;
}

namespace {
bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}
}  // namespace

util::Result<std::string> to_ipynb(const TextNotebook& nb) {
  std::string out = "{\"cells\": [";
  std::set<std::string> used;
  for (size_t i = 0; i < nb.cells.size(); ++i) {
    const TextCell& c = nb.cells[i];
    if (i > 0) out += ", ";
    out += "{\"cell_type\": ";
    notebook::json::dump_string(c.cell_type, out, false);
    std::string id = c.id;
    if (!valid_id(id) || used.contains(id)) {
      for (unsigned attempt = 0;; ++attempt) {
        id = notebook::make_cell_id(c.cell_type + "\n" + c.source + "\n" + std::to_string(i), attempt);
        if (!used.contains(id)) break;
      }
    }
    used.insert(id);
    out += ", \"id\": ";
    notebook::json::dump_string(id, out, false);
    out += ", \"metadata\": {";
    for (size_t k = 0; k < c.metadata.size(); ++k) {
      if (k > 0) out += ", ";
      notebook::json::dump_string(c.metadata[k].first, out, false);
      out += ": " + c.metadata[k].second;
    }
    out += "}, \"source\": ";
    notebook::json::dump_string(c.source, out, false);
    if (c.cell_type == "code") out += ", \"execution_count\": null, \"outputs\": []";
    out += "}";
  }
  out += "], \"metadata\": " + nb.metadata_json + ", \"nbformat\": 4, \"nbformat_minor\": 5}";
  auto parsed = notebook::read_notebook(std::move(out));
  if (!parsed) return parsed.error();
  return notebook::write_notebook(*parsed);
}

}  // namespace nbloop::convert
