#include "convert/package/imports.hpp"

#include <doctest/doctest.h>

#include "convert/package/stdlib_modules.hpp"
#include "python/parser.hpp"

using namespace nbloop::convert::package;

namespace {
std::vector<ImportPiece> pieces_of(const std::string& src) {
  nbloop::python::Tree tree = nbloop::python::parse(src);
  std::vector<ImportPiece> out;
  TSNode root = ts_tree_root_node(tree.get());
  for (uint32_t i = 0; i < ts_node_named_child_count(root); ++i) {
    for (auto& p : import_pieces(ts_node_named_child(root, i), src)) {
      out.push_back(std::move(p));
    }
  }
  return out;
}
}  // namespace

TEST_SUITE("convert.package") {
  TEST_CASE("render_imports") {
    SUBCASE("grouped, sorted, deduplicated, from-imports merged") {
      auto pieces = pieces_of(
          "import numpy as np\nimport os\nfrom collections import OrderedDict, defaultdict\nimport numpy as np\n"
          "from __future__ import annotations\nfrom . import sibling\nfrom mypkg.util import helper\n"
          "from collections import Counter\nimport os.path\nimport Bio\nfrom pandas import *\n");
      CHECK(render_imports(pieces, "mypkg", 88) ==
            "from __future__ import annotations\n\n"
            "import os\nimport os.path\nfrom collections import Counter, OrderedDict, defaultdict\n\n"
            "import Bio\nimport numpy as np\nfrom pandas import *\n\n"
            "from . import sibling\nfrom mypkg.util import helper\n");
    }
    SUBCASE("long from-imports wrap one name per line") {
      auto pieces = pieces_of("from sklearn.model_selection import train_test_split, cross_val_score, GridSearchCV");
      CHECK(
          render_imports(pieces, "", 60) ==
          "from sklearn.model_selection import (\n    GridSearchCV,\n    cross_val_score,\n    train_test_split,\n)\n");
    }
    SUBCASE("pieces remember where the analysis binds them") {
      auto pieces = pieces_of("import a.b\nfrom m import x as y");
      REQUIRE(pieces.size() == 2);
      CHECK(pieces[0].bound_at == 7);   // the dotted name
      CHECK(pieces[1].bound_at == 30);  // the alias
      CHECK(pieces[0].top_level() == "a");
    }
  }

  TEST_CASE("is_stdlib_module") {
    CHECK(is_stdlib_module("os"));
    CHECK(is_stdlib_module("tomllib"));    // 3.11+
    CHECK(is_stdlib_module("distutils"));  // removed in 3.12, still 3.8-3.11
    CHECK(is_stdlib_module("imp"));
    CHECK(is_stdlib_module("__future__"));
    CHECK_FALSE(is_stdlib_module("numpy"));
    CHECK_FALSE(is_stdlib_module("typing_extensions"));
    CHECK_FALSE(is_stdlib_module("_collections"));
  }
}
