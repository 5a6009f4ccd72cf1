#include <doctest/doctest.h>

#include <chrono>
#include <random>
#include <string>
#include <vector>

#include "merge/align.hpp"
#include "notebook/notebook.hpp"

using nbloop::merge::align_cells;
using nbloop::merge::AlignedPair;
using nbloop::merge::Alignment;
using nbloop::merge::AlignOptions;
using nbloop::merge::CellView;
using nbloop::merge::k_no_cell;
using nbloop::merge::MatchKind;
using nbloop::merge::source_similarity;
using nbloop::merge::source_similarity_at_least;

namespace {

// Cells owned by the test; views are made on demand.
struct Cells {
  std::vector<std::string> ids;
  std::vector<std::string> types;
  std::vector<std::string> sources;

  Cells& add(std::string source, std::string type = "code", std::string id = "") {
    ids.push_back(std::move(id));
    types.push_back(std::move(type));
    sources.push_back(std::move(source));
    return *this;
  }
  [[nodiscard]] std::vector<CellView> views() const {
    std::vector<CellView> v;
    for (size_t i = 0; i < sources.size(); ++i) {
      v.push_back(CellView{ids[i], types[i], sources[i]});
    }
    return v;
  }
};

Alignment align(const Cells& a, const Cells& b, const AlignOptions& options = {}) {
  auto va = a.views();
  auto vb = b.views();
  return align_cells(va, vb, options);
}

// "a->b" for pairs, "a-" for A-only, "-b" for B-only; compact to compare.
std::string render(const Alignment& al) {
  std::string s;
  for (const AlignedPair& p : al.pairs) {
    if (!s.empty()) {
      s += ' ';
    }
    if (p.a != k_no_cell) {
      s += std::to_string(p.a);
    }
    s += p.a != k_no_cell && p.b != k_no_cell ? "=" : "-";
    if (p.b != k_no_cell) {
      s += std::to_string(p.b);
    }
  }
  return s;
}

// The invariants stated in align.hpp, checked on any result.
void check_invariants(const Alignment& al, size_t n, size_t m) {
  std::vector<int> seen_a(n, 0);
  std::vector<int> seen_b(m, 0);
  size_t last_a = 0;
  size_t last_b = 0;
  bool any_a = false;
  bool any_b = false;
  for (const AlignedPair& p : al.pairs) {
    if (p.a != k_no_cell) {
      REQUIRE(p.a < n);
      ++seen_a[p.a];
      CHECK((!any_a || p.a > last_a));
      last_a = p.a;
      any_a = true;
    }
    if (p.b != k_no_cell) {
      REQUIRE(p.b < m);
      ++seen_b[p.b];
      CHECK((!any_b || p.b > last_b));
      last_b = p.b;
      any_b = true;
    }
    CHECK((p.a != k_no_cell || p.b != k_no_cell));
    CHECK(((p.kind == MatchKind::none) == (p.a == k_no_cell || p.b == k_no_cell)));
  }
  for (int c : seen_a) {
    CHECK(c == 1);
  }
  for (int c : seen_b) {
    CHECK(c == 1);
  }
}

}  // namespace

TEST_CASE("align_cells") {
  SUBCASE("identical notebooks pair every cell in order") {
    Cells a;
    a.add("import os").add("# Title", "markdown").add("x = 1").add("").add("");
    Alignment al = align(a, a);
    CHECK(render(al) == "0=0 1=1 2=2 3=3 4=4");
    CHECK(al.moves.empty());
    check_invariants(al, 5, 5);
  }
  SUBCASE("insertion and deletion without ids") {
    Cells a;
    a.add("import os").add("x = 1").add("print(x)");
    Cells b;
    b.add("import os").add("y = 2").add("print(x)").add("z");
    Alignment al = align(a, b, {true, 0.9, false});
    CHECK(render(al) == "0=0 1- -1 2=2 -3");
    check_invariants(al, 3, 4);
  }
  SUBCASE("a cell rewritten in place is paired by position") {
    Cells a;
    a.add("import os").add("x = 1").add("# note", "markdown").add("print(x)");
    Cells b;
    b.add("import os").add("totally different").add("other text", "raw").add("print(x)");
    Alignment al = align(a, b);
    CHECK(render(al) == "0=0 1=1 2- -2 3=3");
    CHECK(al.pairs[1].kind == MatchKind::position);
    check_invariants(al, 4, 4);
  }
  SUBCASE("lines added to a short cell keep it similar") {
    Cells a;
    a.add("x2[2, 0]").add("x2[0, 0]").add("x2[0, 1]");
    Cells b;
    b.add("x2[2, 0]\n# a comment added here").add("x2[0, 1]");
    Alignment al = align(a, b, {true, 0.3, false});
    CHECK(render(al) == "0=0 1- 2=1");
    CHECK(al.pairs[0].kind == MatchKind::similar);
  }
  SUBCASE("an edited cell is paired as similar") {
    Cells a;
    a.add("import numpy as np").add("def f(x):\n    return x + 1\n").add("f(2)");
    Cells b;
    b.add("import numpy as np").add("def f(x):\n    return x + 2\n").add("f(2)");
    Alignment al = align(a, b);
    CHECK(render(al) == "0=0 1=1 2=2");
    CHECK(al.pairs[1].kind == MatchKind::similar);
    CHECK(al.pairs[0].kind == MatchKind::exact);
  }
  SUBCASE("the cell type is a hard constraint") {
    Cells a;
    a.add("x = 1", "code");
    Cells b;
    b.add("x = 1", "markdown");
    Alignment al = align(a, b);
    CHECK(render(al) == "0- -0");
    CHECK(al.moves.empty());
  }
  SUBCASE("ids win over content and reorders are moves") {
    Cells a;
    a.add("one", "code", "aa").add("two", "code", "bb").add("three", "code", "cc");
    Cells b;
    b.add("three", "code", "cc").add("one", "code", "aa").add("two, edited", "code", "bb");
    Alignment al = align(a, b);
    CHECK(render(al) == "-0 0=1 1=2 2-");
    CHECK(al.pairs[1].kind == MatchKind::id);
    REQUIRE(al.moves.size() == 1);
    CHECK(al.moves[0].a == 2);
    CHECK(al.moves[0].b == 0);
    CHECK(al.moves[0].kind == MatchKind::id);
    check_invariants(al, 3, 3);
  }
  SUBCASE("ids pair a rewritten cell") {
    Cells a;
    a.add("completely different", "code", "x1");
    Cells b;
    b.add("nothing alike at all", "code", "x1");
    CHECK(render(align(a, b)) == "0=0");
  }
  SUBCASE("renumbered ids are ignored") {
    Cells a;
    a.add("alpha", "code", "0").add("beta", "code", "1");
    Cells b;
    b.add("new", "code", "0").add("alpha", "code", "1").add("beta", "code", "2");
    Alignment al = align(a, b, {true, 0.9});
    CHECK(render(al) == "-0 0=1 1=2");
  }
  SUBCASE("ids on one side only: content decides") {
    Cells a;
    a.add("alpha").add("beta");
    Cells b;
    b.add("alpha", "code", "k1").add("beta", "code", "k2");
    CHECK(render(align(a, b)) == "0=0 1=1");
  }
  SUBCASE("reordered cells without ids are exact moves") {
    Cells a;
    a.add("first").add("second").add("third");
    Cells b;
    b.add("third").add("first").add("second");
    Alignment al = align(a, b, {true, 0.9});
    CHECK(render(al) == "-0 0=1 1=2 2-");
    REQUIRE(al.moves.size() == 1);
    CHECK(al.moves[0].kind == MatchKind::exact);
  }
  SUBCASE("repeated sources are paired in order") {
    Cells a;
    a.add("").add("x").add("").add("y").add("");
    Cells b;
    b.add("").add("").add("y").add("").add("z");
    Alignment al = align(a, b, {true, 0.9});
    check_invariants(al, 5, 5);
    CHECK(render(al) == "0=0 1- 2=1 3=2 4=3 -4");
  }
  SUBCASE("empty sides") {
    Cells a;
    Cells b;
    b.add("x");
    CHECK(render(align(a, b)) == "-0");
    CHECK(render(align(b, a)) == "0-");
    CHECK(render(align(a, a)).empty());
  }
}

TEST_CASE("align_cells on large notebooks") {
  // 5,000 cells, every one edited (no ids, no exact matches), plus insertions: the
  // similarity pass runs on one huge gap and must stay banded.
  Cells a;
  Cells b;
  for (int i = 0; i < 5000; ++i) {
    std::string body = "def function_" + std::to_string(i) + "(x):\n    y = x * " + std::to_string(i) +
                       "\n    return compute(y, 'label " + std::to_string(i * 7) + "')\n";
    a.add(body);
    b.add(body + "# edited\n");
    if (i % 500 == 0) {
      b.add("print('inserted " + std::to_string(i) + "')");
    }
  }
  // Speed is measured by scripts/bench_merge, never asserted here.
  Alignment al = align(a, b);
  check_invariants(al, a.sources.size(), b.sources.size());
  size_t paired = 0;
  size_t right = 0;
  for (const AlignedPair& p : al.pairs) {
    if (p.a != k_no_cell && p.b != k_no_cell) {
      ++paired;
      // b holds cell i after the insertions made after cells 0, 500, … before it
      right += p.b == p.a + (p.a + 499) / 500 ? 1 : 0;
    }
  }
  CHECK(paired == 5000);
  CHECK(right == 5000);
}

TEST_CASE("source_similarity") {
  CHECK(source_similarity("x = 1", "x = 1") == 1.0);
  CHECK(source_similarity("x = 1", "x = 2") == doctest::Approx(0.5));
  CHECK(source_similarity("x  =\n1", "x = 1") == 1.0);  // whitespace runs collapse
  CHECK(source_similarity("ab", "ab ") == 1.0);
  CHECK(source_similarity("ab", "cd") == 0.0);
  CHECK(source_similarity("", "") == 1.0);
  CHECK(source_similarity("import pandas as pd", "print('hello world')") < 0.1);
  std::string long_a;
  std::string long_b;
  for (int i = 0; i < 200; ++i) {
    long_a += "line number " + std::to_string(i) + " of the cell\n";
    long_b += "line number " + std::to_string(i) + (i == 100 ? " changed" : "") + " of the cell\n";
  }
  CHECK(source_similarity(long_a, long_b) > 0.8);
}

TEST_CASE("source_similarity_at_least is source_similarity wherever it reaches the floor") {
  // Texts that share more or less: random lines from a small vocabulary, some with
  // many lines (full sketches), some short.
  std::mt19937 rng(20261201);
  const char* words[] = {"x", "y", "data", "model", "fit(", ")", "= 1", "+", "print", "'label'", "\n", "\n    "};
  auto text = [&](size_t n) {
    std::string t;
    for (size_t k = 0; k < n; ++k) {
      t += words[rng() % std::size(words)];
      t += ' ';
    }
    return t;
  };
  size_t reached = 0;
  size_t pruned = 0;
  for (int round = 0; round < 400; ++round) {
    std::string a = text(rng() % 120);
    std::string b = round % 3 == 0 ? a + text(rng() % 10) : text(rng() % 120);
    const double exact = source_similarity(a, b);
    for (double floor : {0.0, 0.1, 0.3 - 1e-9, 0.5, 0.75, 0.95, 1.0}) {
      const double r = source_similarity_at_least(a, b, floor);
      if (exact >= floor) {
        CHECK(r == exact);
        ++reached;
      } else {
        CHECK(r < floor);
        ++pruned;
      }
    }
  }
  CHECK(reached > 100);
  CHECK(pruned > 100);
}

TEST_CASE("cell_views of a lazily read notebook equal those of an eager read") {
  // Escapes of every kind in ids, types and source lines (a surrogate pair, \u escapes,
  // one-character escapes), a source given as one string, duplicate keys, a cell
  // without an id.
  const std::string text =
      R"({"cells": [)"
      R"({"cell_type": "code", "id": "a\u0062", "metadata": {}, "outputs": [], "execution_count": null,)"
      R"( "source": ["x = '\u00e9\ud83d\ude00'\n", "y = \"\\\/\b\f\r\t\"\n", "z"]},)"
      R"({"cell_type": "mark\u0064own", "id": "c", "metadata": {}, "source": "one\nstring"},)"
      R"({"cell_type": "raw", "id": "d", "metadata": {}, "source": ["only line"], "source": ["last", " wins"]},)"
      R"({"cell_type": "code", "id": "e", "metadata": {}, "outputs": [], "execution_count": 1, "source": []}],)"
      R"( "metadata": {}, "nbformat": 4, "nbformat_minor": 4})";
  auto eager = nbloop::notebook::read_notebook(text);
  auto lazy = nbloop::notebook::read_notebook(text, nbloop::notebook::ReadOptions{.lazy_cells = true});
  REQUIRE(eager.ok());
  REQUIRE(lazy.ok());
  auto a = nbloop::merge::cell_views(*eager);
  auto b = nbloop::merge::cell_views(*lazy);
  REQUIRE(a.size() == 4);
  REQUIRE(b.size() == 4);
  for (size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].id == b[i].id);
    CHECK(a[i].type == b[i].type);
    CHECK(a[i].source == b[i].source);
  }
  CHECK(b[0].id == "ab");
  CHECK(b[0].source == "x = '\xC3\xA9\xF0\x9F\x98\x80'\ny = \"\\/\b\f\r\t\"\nz");
  CHECK(b[1].type == "markdown");
  CHECK(b[2].source == "last wins");
  CHECK(b[3].source.empty());
  // The lazily read cells were not built for this.
  CHECK(lazy->root().find("cells")->items[0].kind == nbloop::notebook::json::Kind::raw);
}
