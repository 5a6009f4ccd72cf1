#include "git/attributes_file.hpp"

#include <doctest/doctest.h>

using namespace nbloop::git;

TEST_SUITE("git") {
  TEST_CASE("with_line and without_line") {
    const std::string line = "*.ipynb filter=nbloop diff=nbloop merge=nbloop";
    SUBCASE("appends to an empty file") { CHECK(with_line("", line) == line + "\n"); }
    SUBCASE("adds the missing newline first") { CHECK(with_line("*.png binary", line) == "*.png binary\n" + line + "\n"); }
    SUBCASE("is idempotent, CRLF and trailing spaces included") {
      std::string once = with_line("a\n", line);
      CHECK(with_line(once, line) == once);
      std::string crlf = "a\r\n" + line + "  \r\n";
      CHECK(has_line(crlf, line));
      CHECK(with_line(crlf, line) == crlf);
    }
    SUBCASE("a longer line that contains ours does not count") {
      CHECK_FALSE(has_line("*.ipynb filter=nbloop diff=nbloop merge=nbloop -text\n", line));
    }
    SUBCASE("removal restores the original bytes") {
      for (std::string original : {"", "*.png binary\n", "x\r\ny\r\n", "# c\n\n*.py diff=python\n"}) {
        CHECK(without_line(with_line(original, line), line) == original);
      }
    }
    SUBCASE("removal takes every copy and keeps the rest") {
      CHECK(without_line(line + "\nkeep\n" + line, line) == "keep\n");
    }
  }
}
