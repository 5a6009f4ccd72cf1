#include <doctest/doctest.h>

#include <algorithm>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "merge/notebook_merge.hpp"
#include "notebook/json_write.hpp"
#include "support/corpus.hpp"

using nbloop::merge::empty_notebook;
using nbloop::merge::merge_notebooks;
using nbloop::merge::MergeOptions;
using nbloop::merge::MergeResult;
using nbloop::notebook::Notebook;
using nbloop::notebook::read_notebook;

namespace {

// A small nbformat 4.5 notebook of code cells given as (id, source).
std::string notebook(std::initializer_list<std::pair<const char*, const char*>> cells, const char* extra_meta = "") {
  std::string s = R"({"cells": [)";
  bool first = true;
  for (const auto& [id, src] : cells) {
    if (!first) {
      s += ", ";
    }
    first = false;
    s += R"({"cell_type": "code", "execution_count": null, "id": ")" + std::string(id) +
         R"(", "metadata": {}, "outputs": [], "source": ")" + std::string(src) + R"("})";
  }
  s += R"(], "metadata": {)" + std::string(extra_meta) + R"(}, "nbformat": 4, "nbformat_minor": 5})";
  return s;
}

MergeResult merge(const std::string& b, const std::string& o, const std::string& t, const MergeOptions& options = {}) {
  auto nb_b = read_notebook(b);
  auto nb_o = read_notebook(o);
  auto nb_t = read_notebook(t);
  REQUIRE(nb_b.ok());
  REQUIRE(nb_o.ok());
  REQUIRE(nb_t.ok());
  auto r = merge_notebooks(*nb_b, *nb_o, *nb_t, options);
  REQUIRE(r.ok());
  return std::move(*r);
}

// The merged sources, joined by " | ", read back through the notebook reader.
std::string sources(const MergeResult& r) {
  auto nb = read_notebook(r.bytes);
  REQUIRE(nb.ok());
  std::string out;
  for (auto* cell : nb->cells()) {
    if (!out.empty()) {
      out += " | ";
    }
    out += cell->find("source")->str();
  }
  return out;
}

}  // namespace

TEST_CASE("merge_notebooks") {
  const std::string base = notebook({{"a", "x = 1"}, {"b", "y = 2"}, {"c", "z = 3"}});
  SUBCASE("edits to different cells") {
    auto r = merge(base, notebook({{"a", "x = 10"}, {"b", "y = 2"}, {"c", "z = 3"}}),
                   notebook({{"a", "x = 1"}, {"b", "y = 2"}, {"c", "z = 30"}}));
    CHECK(r.conflicts == 0);
    CHECK(sources(r) == "x = 10 | y = 2 | z = 30");
  }
  SUBCASE("the same cell edited differently") {
    auto r = merge(base, notebook({{"a", "x = 10"}, {"b", "y = 2"}, {"c", "z = 3"}}),
                   notebook({{"a", "x = 11"}, {"b", "y = 2"}, {"c", "z = 3"}}));
    CHECK(r.conflicts == 1);
    REQUIRE(r.notes.size() == 1);
    CHECK(r.notes[0].cell == 1);
    CHECK(r.notes[0].conflict);
    CHECK(sources(r) == "<<<<<<< ours\nx = 10\n=======\nx = 11\n>>>>>>> theirs | y = 2 | z = 3");
  }
  SUBCASE("a moved cell takes the other side's edit") {
    auto r = merge(base, notebook({{"b", "y = 2"}, {"c", "z = 3"}, {"a", "x = 1"}}),
                   notebook({{"a", "x = 5"}, {"b", "y = 2"}, {"c", "z = 3"}}));
    CHECK(r.conflicts == 0);
    CHECK(sources(r) == "y = 2 | z = 3 | x = 5");
  }
  SUBCASE("both sides move the same cell: ours' place wins") {
    auto r = merge(base, notebook({{"b", "y = 2"}, {"c", "z = 3"}, {"a", "x = 1"}}),
                   notebook({{"b", "y = 2"}, {"a", "x = 1"}, {"c", "z = 3"}}));
    CHECK(sources(r) == "y = 2 | z = 3 | x = 1");
  }
  SUBCASE("deleted on both sides") {
    auto r = merge(base, notebook({{"a", "x = 1"}, {"c", "z = 3"}}), notebook({{"a", "x = 1"}, {"c", "z = 3"}}));
    CHECK(sources(r) == "x = 1 | z = 3");
  }
  SUBCASE("ids stay unique when both sides add a cell with the same id") {
    auto r = merge(base, notebook({{"a", "x = 1"}, {"b", "y = 2"}, {"c", "z = 3"}, {"n", "ours()"}}),
                   notebook({{"a", "x = 1"}, {"b", "y = 2"}, {"c", "z = 3"}, {"n", "theirs_totally_different_text"}}));
    auto nb = read_notebook(r.bytes);
    REQUIRE(nb.ok());
    auto cells = nb->cells();
    REQUIRE(cells.size() == 5);
    CHECK(cells[3]->find("id")->str() == "n");
    CHECK(cells[4]->find("id")->str() != "n");
  }
  SUBCASE("notebook metadata merges key by key") {
    auto r = merge(notebook({{"a", "x"}}, R"("k": 1)"), notebook({{"a", "x"}}, R"("k": 1, "mine": true)"),
                   notebook({{"a", "x"}}, R"("k": 2)"));
    CHECK(r.conflicts == 0);
    CHECK(r.bytes.find("\"k\": 2") != std::string::npos);
    CHECK(r.bytes.find("\"mine\": true") != std::string::npos);
  }
  SUBCASE("different major versions are an input error") {
    auto b = read_notebook(base);
    auto o = read_notebook(base);
    auto t = read_notebook(R"({"metadata": {}, "nbformat": 3, "nbformat_minor": 0, "worksheets": []})");
    REQUIRE(t.ok());
    auto r = merge_notebooks(*b, *o, *t, {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "cannot merge notebooks of different nbformat versions (base 4, ours 4, theirs 3)");
  }
  SUBCASE("an empty base (both sides added the file)") {
    Notebook b = empty_notebook(4);
    auto o = read_notebook(notebook({{"a", "x = 1"}}));
    auto t = read_notebook(notebook({{"a", "x = 1"}, {"b", "y"}}));
    auto r = merge_notebooks(b, *o, *t, {});
    REQUIRE(r.ok());
    CHECK(r->conflicts == 0);
    CHECK(sources(*r) == "x = 1 | y");
  }
}

namespace {

using nbloop::notebook::ReadOptions;
using nbloop::notebook::write_notebook;
using nbloop::notebook::json::Value;

// A seeded variant of a notebook: `edit` cells get a line appended (or their first line
// replaced, with `first_line`), `remove` cells are deleted, one cell is inserted at
// `insert_at`, and with `clear_outputs` every code cell loses its outputs.
struct Variant {
  std::vector<size_t> edit;
  std::string line;
  bool first_line = false;
  std::vector<size_t> remove;
  size_t insert_at = 0;
  std::string inserted;
  bool clear_outputs = false;
  bool compact = false;  // written as compact JSON (no raw cell is then in Jupyter's layout)
};

std::string make_variant(const std::string& base, const Variant& v) {
  auto nb = read_notebook(base);
  REQUIRE(nb.ok());
  std::vector<Value*> cells = nb->cells();
  for (size_t i : v.edit) {
    Value* src = cells[i]->find("source");
    std::string text = src != nullptr && src->is_string() ? src->str() : std::string();
    if (v.first_line) {
      size_t nl = text.find('\n');
      text = v.line + (nl == std::string::npos ? std::string() : text.substr(nl));
    } else {
      text += (text.empty() || text.ends_with('\n') ? "" : "\n") + v.line;
    }
    cells[i]->set("source", Value::make_string(nb->doc.own(text)));
  }
  if (v.clear_outputs) {
    for (Value* cell : cells) {
      if (cell->find("outputs") != nullptr) {
        cell->set("outputs", Value::make_array());
        cell->set("execution_count", Value::make_null());
      }
    }
  }
  Value& list = *nb->root().find("cells");
  for (auto it = v.remove.rbegin(); it != v.remove.rend(); ++it) {
    list.items.erase(list.items.begin() + static_cast<std::ptrdiff_t>(*it));
  }
  Value cell = Value::make_object();
  cell.set("cell_type", Value::make_string("code"));
  cell.set("execution_count", Value::make_null());
  if (nb->minor >= 5) {
    cell.set("id", Value::make_string(nb->doc.own("ins-" + v.line)));
  }
  cell.set("metadata", Value::make_object());
  cell.set("outputs", Value::make_array());
  cell.set("source", Value::make_string(nb->doc.own(v.inserted)));
  list.items.insert(list.items.begin() + static_cast<std::ptrdiff_t>(std::min(v.insert_at, list.items.size())),
                    std::move(cell));
  std::string out = write_notebook(*nb);
  if (!v.compact) {
    return out;
  }
  auto doc = nbloop::notebook::json::Document::parse(out);
  REQUIRE(doc.ok());
  std::string compact;
  nbloop::notebook::json::dump(doc->root(), compact, {-1, false, true});
  return compact;
}

// Merges with the three notebooks read eagerly and read lazily; both must give the same
// bytes and notes. Returns the number of conflicts.
size_t merge_both_ways(const std::string& name, const std::string& b, const std::string& o, const std::string& t) {
  auto eager_b = read_notebook(b);
  auto eager_o = read_notebook(o);
  auto eager_t = read_notebook(t);
  auto lazy_b = read_notebook(b, ReadOptions{.lazy_cells = true});
  auto lazy_o = read_notebook(o, ReadOptions{.lazy_cells = true});
  auto lazy_t = read_notebook(t, ReadOptions{.lazy_cells = true});
  REQUIRE((eager_b.ok() && eager_o.ok() && eager_t.ok() && lazy_b.ok() && lazy_o.ok() && lazy_t.ok()));
  auto eager = merge_notebooks(*eager_b, *eager_o, *eager_t, {});
  auto lazy = merge_notebooks(*lazy_b, *lazy_o, *lazy_t, {});
  REQUIRE(eager.ok());
  REQUIRE(lazy.ok());
  CHECK_MESSAGE(lazy->bytes == eager->bytes, name);
  CHECK_MESSAGE(lazy->conflicts == eager->conflicts, name);
  REQUIRE(lazy->notes.size() == eager->notes.size());
  for (size_t i = 0; i < lazy->notes.size(); ++i) {
    CHECK(lazy->notes[i].cell == eager->notes[i].cell);
    CHECK(lazy->notes[i].message == eager->notes[i].message);
  }
  return eager->conflicts;
}

}  // namespace

TEST_CASE("corpus: merging lazily read notebooks gives the bytes of merging eagerly read ones") {
  auto notebooks = nbloop::test::corpus_notebooks();
  if (notebooks.empty()) {
    MESSAGE("SKIP: corpus not found (set NBLOOP_CORPUS)");
    return;
  }
  size_t tried = 0;
  size_t conflicted = 0;
  for (const auto& path : notebooks) {
    std::string original = nbloop::test::read_all(path);
    auto nb = read_notebook(original);
    if (!nb.ok() || nb->major != 4 || nb->cells().size() < 8) {
      continue;
    }
    const size_t n = nb->cells().size();
    std::mt19937 rng(static_cast<unsigned>(std::hash<std::string>{}(path)));
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), rng);
    // The original bytes as base (often not in Jupyter's layout) and the same in it.
    const std::string canonical = write_notebook(*nb);
    Variant ours{{order[0], order[1], order[2]}, "# ours edit", false, {order[3]}, rng() % n, "print('ours')"};
    Variant theirs{{order[4], order[5]}, "# theirs edit", false, {}, rng() % n, "print('theirs')", true};
    for (const std::string& base : {original, canonical}) {
      std::string o = make_variant(base, ours);
      std::string t = make_variant(base, theirs);
      merge_both_ways(path + " (disjoint)", base, o, t);
      merge_both_ways(path + " (swapped)", base, t, o);
      merge_both_ways(path + " (X, X)", base, o, o);
      Variant compact = theirs;
      compact.compact = true;
      merge_both_ways(path + " (compact theirs)", base, o, make_variant(base, compact));
      // Conflicts: the same first line changed on both sides; a cell deleted by ours
      // that theirs edited.
      Variant same_o{{order[6]}, "# changed by ours", true, {}, 0, "print('same')"};
      Variant same_t{{order[6], order[3]}, "# changed by theirs", true, {}, 0, "print('same')"};
      const size_t conflicts =
          merge_both_ways(path + " (conflicts)", base, make_variant(base, same_o), make_variant(base, same_t));
      conflicted += conflicts > 0 ? 1 : 0;
      Variant del_o = same_o;
      del_o.remove = {order[3]};
      merge_both_ways(path + " (delete vs edit)", base, make_variant(base, del_o), make_variant(base, same_t));
    }
    ++tried;
  }
  MESSAGE(tried << " corpus notebooks, " << conflicted << " conflicting merges");
  CHECK(tried >= 100);
  CHECK(conflicted >= tried);
}
