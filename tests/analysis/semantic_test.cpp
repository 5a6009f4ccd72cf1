#include "analysis/semantic.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "python/parser.hpp"
#include "python/source.hpp"

using namespace nbloop;

namespace {

struct Analysed {
  std::vector<python::SourceUnit> units;
  std::vector<python::Tree> trees;
  analysis::Model model;

  std::vector<std::string> unresolved(bool star = false) const {
    std::vector<std::string> out;
    for (const auto& u : model.unresolved) {
      if (u.star == star) {
        out.push_back(u.name);
      }
    }
    return out;
  }
  const analysis::Binding* binding(std::string_view name, int scope = -1) const {
    const analysis::Binding* found = nullptr;
    for (const auto& b : model.bindings) {
      if (b.name == name && (scope < 0 || b.scope == scope)) {
        found = &b;
      }
    }
    return found;
  }
};

Analysed analyse(std::vector<std::string> cells, bool notebook) {
  Analysed a;
  for (size_t i = 0; i < cells.size(); ++i) {
    a.units.push_back(python::make_unit(cells[i], static_cast<int>(i + 1), 1, notebook));
  }
  std::vector<analysis::UnitTree> trees;
  for (auto& u : a.units) {
    a.trees.push_back(python::parse(u.text));
  }
  for (size_t i = 0; i < a.units.size(); ++i) {
    trees.push_back(analysis::UnitTree{a.trees[i].get(), &a.units[i]});
  }
  a.model = analysis::analyze(trees, notebook);
  return a;
}

}  // namespace

TEST_CASE("analyze: notebook order") {
  auto a = analyse({"print(df)", "import pandas as pd\ndf = pd.DataFrame()", "print(df)\ndisplay(df)",
                    "def f():\n    return later", "later = 1"},
                   true);
  CHECK(a.unresolved() == std::vector<std::string>{"df"});
  CHECK(a.binding("pd")->used);
  CHECK(a.binding("pd")->qualified == "pandas");
  auto py = analyse({"display(1)"}, false);
  CHECK(py.unresolved() == std::vector<std::string>{"display"});
}

TEST_CASE("analyze: scopes") {
  SUBCASE("class scope is invisible to methods") {
    auto a = analyse({"class C:\n    x = 1\n    y = x\n    def m(self):\n        return x\n"}, false);
    CHECK(a.unresolved() == std::vector<std::string>{"x"});
  }
  SUBCASE("comprehension variables do not leak; walrus does") {
    auto a = analyse({"[n for n in range(3)]\nprint(n)\n[(m := k) for k in range(2)]\nprint(m)\n"}, false);
    CHECK(a.unresolved() == std::vector<std::string>{"n"});
  }
  SUBCASE("global, del, except names") {
    auto a = analyse({"def f():\n    global g\n    g = 1\nf()\nprint(g)\nx = 1\ndel x\nprint(x)\n"
                      "try:\n    pass\nexcept E as e:\n    pass\nprint(e)\n"},
                     false);
    CHECK(a.unresolved() == std::vector<std::string>{"x", "E", "e"});  // g: declared global in f
    CHECK(a.model.unused_exception_names.size() == 1);
  }
  SUBCASE("try/except NameError hides undefined names") {
    auto a = analyse({"try:\n    unicode\nexcept NameError:\n    unicode = str\n"}, false);
    CHECK(a.unresolved().empty());
  }
  SUBCASE("string annotations and Literal") {
    auto a = analyse({"from typing import Literal\ndef f(x: \"Later\") -> Literal[\"a\"]:\n    pass\nclass Later:\n    pass\n"
                      "def g(y: \"Missing\"):\n    pass\n"},
                     false);
    CHECK(a.unresolved() == std::vector<std::string>{"Missing"});
  }
  SUBCASE("star imports turn undefined names into maybe-defined") {
    auto a = analyse({"from os.path import *\nprint(join)\n"}, false);
    CHECK(a.unresolved().empty());
    CHECK(a.unresolved(true) == std::vector<std::string>{"join"});
    CHECK(a.model.star_imports.size() == 1);
  }
  SUBCASE("match/case captures") {
    auto a = analyse({"match p:\n    case Point(x=0, y=yy) as pt:\n        print(yy, pt)\n    case [first, *rest]:\n"
                      "        print(first, rest)\n    case other:\n        print(other)\n"},
                     false);
    CHECK(a.unresolved() == std::vector<std::string>{"p", "Point"});
  }
  SUBCASE("__all__ and locals() count as uses") {
    auto a = analyse({"import os\n__all__ = ['os']\ndef f():\n    v = 1\n    return locals()\n"}, false);
    CHECK(a.binding("os")->used);
    CHECK(a.model.scopes[static_cast<size_t>(a.binding("v")->scope)].uses_locals);
  }
}

TEST_CASE("analyze: shadowing and forks") {
  auto a = analyse({"import json\nimport json\nif c:\n    import re\nelse:\n    import re\n"}, false);
  REQUIRE(a.model.shadowings.size() == 2);
  const auto& first = a.model.bindings[static_cast<size_t>(a.model.shadowings[1].shadowed)];
  const auto& second = a.model.bindings[static_cast<size_t>(a.model.shadowings[1].binding)];
  CHECK(first.name == "re");
  REQUIRE(first.forks.size() == 1);
  CHECK(first.forks[0].first == second.forks[0].first);
  CHECK(first.forks[0].second != second.forks[0].second);
}
