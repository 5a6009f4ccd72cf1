#include "convert/package/cell_source.hpp"

#include <doctest/doctest.h>

#include "python/parser.hpp"

using namespace nbloop::convert::package;

TEST_SUITE("convert.package") {
  TEST_CASE("cell_source") {
    SUBCASE("names and lines") {
      CHECK(lower("MiXed1") == "mixed1");
      CHECK(is_blank(" \t\n"));
      CHECK_FALSE(is_blank(" x "));
      CHECK(is_upper_name("MAX_ITER"));
      CHECK(is_upper_name("_LIMIT"));
      CHECK_FALSE(is_upper_name("Max"));
      CHECK_FALSE(is_upper_name("_1"));
      std::string src = "# nbloop: skip\n#| hide\nx = 1\n";
      blank_lines(src, 2);
      CHECK(src == "\n\nx = 1\n");
      CHECK(logical_line_end("a = 1 + \\\n    2\nb", 0) == 15);
      CHECK(logical_line_end("last", 1) == 4);
    }
    SUBCASE("what Python refuses and tree-sitter accepts") {
      auto unit = nbloop::python::make_unit("if x:\nprint(x)\n", 1, 1, false);
      auto tree = nbloop::python::parse(unit.text);
      CHECK(empty_block(unit, tree.get()) == 4);
      auto ok = nbloop::python::make_unit("if x:\n    # note\n    print(x)\n", 1, 1, false);
      auto ok_tree = nbloop::python::parse(ok.text);
      CHECK(empty_block(ok, ok_tree.get()) == UINT32_MAX);
      auto py2 = nbloop::python::make_unit("x = 1\nprint 'a'\n", 1, 1, false);
      auto py2_tree = nbloop::python::parse(py2.text);
      CHECK(ts_node_start_byte(python2_statement(ts_tree_root_node(py2_tree.get()))) == 6);
    }
    SUBCASE("collapse_spaces") { CHECK(collapse_spaces("(a,\n    b=1,\t c)") == "(a, b=1, c)"); }
  }
}
