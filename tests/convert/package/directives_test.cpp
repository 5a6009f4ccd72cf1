#include "convert/package/directives.hpp"

#include <doctest/doctest.h>

using namespace nbloop::convert::package;

TEST_SUITE("convert.package") {
  TEST_CASE("parse_directives") {
    SUBCASE("nbloop comments, several on one line, blank lines between") {
      CellDirectives d =
          parse_directives("# nbloop: export module=io_utils\n\n# nbloop: test\nx = 1\n# nbloop: skip", {});
      CHECK(d.export_cell);
      CHECK(d.module == "io_utils");
      CHECK(d.test);
      CHECK_FALSE(d.skip);  // directives are read only at the top of the cell
      CHECK(d.directive_lines == 3);
    }
    SUBCASE("tags") {
      CellDirectives d = parse_directives("x = 1", {"parameters", "nbloop:skip", "module=m"});
      CHECK(d.parameters);
      CHECK(d.skip);
      CHECK(d.module == "m");
      CHECK(d.directive_lines == 0);
      CHECK(parse_directives("", {"injected-parameters"}).injected_parameters);
      CHECK(parse_directives("", {"test"}).test);
    }
    SUBCASE("nbdev") {
      CellDirectives d = parse_directives("#| export utils\ndef f(): pass", {});
      CHECK(d.export_cell);
      CHECK_FALSE(d.private_export);
      CHECK(d.module == "utils");
      CHECK(parse_directives("#|exporti\nx", {}).private_export);
      CHECK(parse_directives("#| default_exp core.data", {}).default_exp == "core.data");
      CHECK(parse_directives("#| hide\nimport x", {}).skip);
      CHECK(parse_directives("#| eval: false\nf()", {}).skip);
      CHECK_FALSE(parse_directives("#| eval: true\nf()", {}).skip);
      CellDirectives docs = parse_directives("#| echo: false\nprint(1)", {});
      CHECK_FALSE(docs.skip);
      CHECK(docs.directive_lines == 1);  // removed from the code, no effect on routing
    }
    SUBCASE("ordinary comments end the directive block; unknown words are reported") {
      CellDirectives d = parse_directives("# load data\n# nbloop: skip\n", {});
      CHECK_FALSE(d.skip);
      CHECK(d.directive_lines == 0);
      CellDirectives u = parse_directives("# nbloop: exprot", {});
      REQUIRE(u.unknown.size() == 1);
      CHECK(u.unknown[0] == "exprot");
    }
  }
}
