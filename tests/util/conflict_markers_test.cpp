#include <doctest/doctest.h>

#include "util/conflict_markers.hpp"

using nbloop::util::find_conflict_markers;
using nbloop::util::has_conflict_markers;
using nbloop::util::MarkerKind;

TEST_CASE("find_conflict_markers") {
  SUBCASE("git's markers, diff3 style") {
    auto m = find_conflict_markers("a\n<<<<<<< ours\nb\n||||||| base\nx\n=======\nc\n>>>>>>> theirs\nd");
    REQUIRE(m.size() == 4);
    CHECK(m[0].line == 2);
    CHECK(m[0].kind == MarkerKind::ours);
    CHECK(m[1].kind == MarkerKind::base);
    CHECK(m[2].line == 6);
    CHECK(m[2].kind == MarkerKind::separator);
    CHECK(m[3].line == 8);
    CHECK(m[3].kind == MarkerKind::theirs);
  }
  SUBCASE("CRLF lines and bare markers") {
    auto m = find_conflict_markers("<<<<<<<\r\nx\r\n=======\r\ny\r\n>>>>>>>\r\n");
    CHECK(m.size() == 3);
  }
  SUBCASE("a Markdown underline is not a marker") {
    CHECK(find_conflict_markers("Title\n=======\n\ntext").empty());
  }
  SUBCASE("longer marker sizes count, shorter ones do not") {
    CHECK(find_conflict_markers("<<<<<<<<<< ours\n").size() == 1);
    CHECK(find_conflict_markers("<<<<<< ours\n").empty());
    CHECK(find_conflict_markers("<<<<<<<<<< ours\n", 10).size() == 1);
    CHECK(find_conflict_markers("<<<<<<< ours\n", 10).empty());
  }
  SUBCASE("a marker needs a space or the line end after it") {
    CHECK(find_conflict_markers("<<<<<<<x\n>>>>>>>>y").empty());
    CHECK(find_conflict_markers("x <<<<<<< y").empty());
  }
}

TEST_CASE("has_conflict_markers") {
  CHECK(has_conflict_markers("<<<<<<< deleted in theirs, edited in ours\nx = 1"));
  CHECK(has_conflict_markers("x\n>>>>>>> theirs"));
  CHECK_FALSE(has_conflict_markers("x = 1\n# <<<<<<< not at line start\n"));
  CHECK_FALSE(has_conflict_markers("Heading\n=======\n"));
  CHECK_FALSE(has_conflict_markers(""));
  CHECK_FALSE(has_conflict_markers(">>> doctest prompt\n"));
}

TEST_CASE("find_conflicts") {
  using nbloop::util::find_conflicts;
  SUBCASE("one per opening marker, and closing markers without one") {
    auto c = find_conflicts("<<<<<<< a\nx\n=======\ny\n>>>>>>> b\n>>>>>>> stray\n<<<<<<< note only\n");
    REQUIRE(c.size() == 3);
    CHECK(c[0].line == 1);
    CHECK(c[0].opening);
    CHECK(c[1].line == 6);
    CHECK(!c[1].opening);
    CHECK(c[2].line == 7);
  }
  SUBCASE("a setext underline is no conflict") { CHECK(find_conflicts("Title\n=======\n").empty()); }
}
