#include "lint/rules/escapes.hpp"

#include <doctest/doctest.h>

using namespace nbloop;
using nbloop::lint::rules::Escape;

TEST_CASE("escapes") {
  python::SourceUnit unit =
      python::make_unit("%pip install x\nfiles = !ls -la\n  !!date\ncd ..\ndf?\n%%time\nx = 1\n", 1, 1, true);
  auto got = lint::rules::escapes(unit);
  REQUIRE(got.size() == 6);
  SUBCASE("a line magic") {
    CHECK(got[0].kind == Escape::Kind::magic);
    CHECK(got[0].name == "pip");
    CHECK(got[0].args == "install x");
    CHECK(got[0].text == "%pip install x");
    CHECK(got[0].start == 0);
    CHECK(got[0].end == 14);
  }
  SUBCASE("an assigned shell escape: the value is the escape, the range is the statement") {
    CHECK(got[1].kind == Escape::Kind::shell);
    CHECK(got[1].text == "!ls -la");
    CHECK(got[1].name == "ls");
    CHECK(got[1].start == 15);
  }
  SUBCASE("indented !!, automagic, help") {
    CHECK(got[2].kind == Escape::Kind::shell);
    CHECK(got[2].name == "date");
    CHECK(got[3].kind == Escape::Kind::magic);
    CHECK(got[3].name == "cd");
    CHECK(got[3].args == "..");
    CHECK(got[4].kind == Escape::Kind::help);
  }
  SUBCASE("a %% line is read as a cell magic") {
    CHECK(got[5].kind == Escape::Kind::other);
    CHECK(got[5].name == "time");
  }
  // A .py unit is never masked.
  CHECK(lint::rules::escapes(python::make_unit("%pip install x\n", 0, 1, false)).empty());
}

TEST_CASE("words") {
  CHECK(lint::rules::words("  pip   install\t-q x ") == std::vector<std::string_view>{"pip", "install", "-q", "x"});
  CHECK(lint::rules::words("").empty());
}
