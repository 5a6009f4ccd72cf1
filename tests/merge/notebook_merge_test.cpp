#include <doctest/doctest.h>

#include <string>

#include "merge/notebook_merge.hpp"

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
