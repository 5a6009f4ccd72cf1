#include "convert/update.hpp"

#include <vector>

#include "notebook/notebook.hpp"

namespace nbloop::convert {
namespace json = notebook::json;

namespace {
std::string str_of(const json::Value* v) { return v != nullptr && v->is_string() ? v->str() : std::string(); }

bool text_excluded(std::string_view k) {
  return k == "autoscroll" || k == "collapsed" || k == "scrolled" || k == "trusted" || k == "execution" ||
         k == "ExecuteTime";
}
}  // namespace

util::Result<std::string> update_notebook(const std::string& existing, const std::string& rebuilt) {
  auto old_nb = notebook::read_notebook(existing);
  if (!old_nb) return old_nb.error();
  auto new_nb = notebook::read_notebook(rebuilt);
  if (!new_nb) return new_nb.error();
  std::vector<json::Value*> old_cells = old_nb->cells();
  std::vector<json::Value*> new_cells = new_nb->cells();
  std::vector<bool> used(old_cells.size(), false);
  size_t cursor = 0;
  auto same = [&](json::Value* a, json::Value* b) {
    return str_of(a->find("cell_type")) == str_of(b->find("cell_type")) &&
           str_of(a->find(old_nb->source_key(*a))) == str_of(b->find("source"));
  };
  for (json::Value* cell : new_cells) {
    size_t match = old_cells.size();
    for (size_t k = cursor; k < old_cells.size() && match == old_cells.size(); ++k) {
      if (!used[k] && same(old_cells[k], cell)) match = k;
    }
    for (size_t k = 0; k < cursor && match == old_cells.size(); ++k) {
      if (!used[k] && same(old_cells[k], cell)) match = k;
    }
    if (match == old_cells.size()) continue;
    used[match] = true;
    cursor = match + 1;
    json::Value* old = old_cells[match];
    if (const json::Value* id = old->find("id")) cell->set("id", *id);
    if (str_of(cell->find("cell_type")) == "code") {
      if (json::Value* outputs = old->find("outputs")) cell->set("outputs", *outputs);
      if (json::Value* count = old->find("execution_count")) cell->set("execution_count", *count);
    }
    json::Value* old_md = old->find("metadata");
    json::Value* new_md = cell->find("metadata");
    if (old_md != nullptr && new_md != nullptr && old_nb->expand(*old_md).is_object() && new_nb->expand(*new_md).is_object()) {
      for (auto& m : old_md->members) {
        std::string key = m.key.str();
        if (text_excluded(key) && new_md->find(key) == nullptr) new_md->members.push_back(m);
      }
    }
  }
  json::Value& old_meta = old_nb->metadata();
  json::Value& new_meta = new_nb->metadata();
  for (auto& m : old_meta.members) {
    std::string key = m.key.str();
    if (new_meta.find(key) == nullptr) new_meta.members.push_back(m);
  }
  return notebook::write_notebook(*new_nb);
}

}  // namespace nbloop::convert
