#include <doctest/doctest.h>

#include "notebook/text_lines.hpp"

using nbloop::notebook::has_non_whitespace;
using nbloop::notebook::split_lines_keepends;

TEST_CASE("split_lines_keepends matches Python's splitlines(True)") {
  using V = std::vector<std::string_view>;
  CHECK(split_lines_keepends("") == V{});
  CHECK(split_lines_keepends("a") == V{"a"});
  CHECK(split_lines_keepends("a\nb\n") == V{"a\n", "b\n"});
  CHECK(split_lines_keepends("a\r\nb\rc") == V{"a\r\n", "b\r", "c"});
  CHECK(split_lines_keepends("a\vb\fc\x1c" "d\x1d" "e\x1e" "f") == V{"a\v", "b\f", "c\x1c", "d\x1d", "e\x1e", "f"});
  CHECK(split_lines_keepends("x\u2028y\u2029z\u0085w") == V{"x\u2028", "y\u2029", "z\u0085", "w"});
  CHECK(split_lines_keepends("a long line without any break in it at all, 40+ bytes\nend") ==
        V{"a long line without any break in it at all, 40+ bytes\n", "end"});
  CHECK(split_lines_keepends("caf\xc3\xa9 \xe2\x82\xac\n") == V{"caf\xc3\xa9 \xe2\x82\xac\n"});
}

TEST_CASE("has_non_whitespace uses Python's notion of whitespace") {
  CHECK_FALSE(has_non_whitespace(" \t\n\r\v\f\x1c\u00a0\u2003\u3000"));
  CHECK(has_non_whitespace("  x "));
  CHECK(has_non_whitespace("\u00e9"));
}
