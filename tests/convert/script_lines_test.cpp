#include "convert/script_lines.hpp"

#include <doctest/doctest.h>

using namespace nbloop::convert;

TEST_SUITE("convert") {
  TEST_CASE("is_magic") {
    SUBCASE("line and cell magics, escaped or not") {
      CHECK(is_magic("%matplotlib inline", "python", true, true));
      CHECK(is_magic("  %time x", "python", true, true));
      CHECK(is_magic("# %time x", "python", true, true));
      CHECK(is_magic("%%bash", "python", true, true));
      CHECK_FALSE(is_magic("% not a magic", "python", true, true));
    }
    SUBCASE("shell, help and assignments") {
      CHECK(is_magic("!pip install numpy", "python", true, true));
      CHECK(is_magic("files = !ls", "python", true, true));
      CHECK(is_magic("    t = %timeit f()", "python", true, true));
      CHECK(is_magic("obj?", "python", true, true));
      CHECK_FALSE(is_magic("obj?", "python", true, false));
      CHECK_FALSE(is_magic("x = 1 != 2", "python", true, true));
    }
    SUBCASE("bare shell commands") {
      CHECK(is_magic("ls", "python", true, true));
      CHECK(is_magic("cd data", "python", true, true));
      CHECK(is_magic("rmdir x", "python", true, true));
      CHECK_FALSE(is_magic("ls = [1]", "python", true, true));
      CHECK_FALSE(is_magic("cat, dog = 1, 2", "python", true, true));
      CHECK_FALSE(is_magic("lsx", "python", true, true));
    }
    SUBCASE("escape and noescape comments, other languages") {
      CHECK_FALSE(is_magic("%time x  # noescape", "python", true, true));
      CHECK(is_magic("%time x  # escape", "python", false, true));
      CHECK(is_magic("%time x", "julia", true, true));
      CHECK_FALSE(is_magic("!ls", "julia", true, true));
      CHECK_FALSE(is_magic("%time x", "html", true, true));
    }
  }

  TEST_CASE("comment_magics") {
    SUBCASE("round trip keeps indentation and skips strings") {
      Lines src{"%matplotlib inline", "s = '''", "%not_in_string", "'''", "def f():", "    x = !ls"};
      Lines commented = src;
      comment_magics(commented, "python", true);
      CHECK(commented[0] == "# %matplotlib inline");
      CHECK(commented[2] == "%not_in_string");
      CHECK(commented[5] == "    # x = !ls");
      uncomment_magics(commented, "python", true);
      CHECK(commented == src);
    }
    SUBCASE("continuation lines follow their magic") {
      Lines src{"!echo a \\", "  b", "x = 1"};
      comment_magics(src, "python", true);
      CHECK(src == Lines{"# !echo a \\", "#   b", "x = 1"});
    }
  }

  TEST_CASE("StringParser") {
    StringParser p("python");
    p.read_line("x = \"\"\"start");
    CHECK(p.is_quoted());
    p.read_line("# %% inside");
    CHECK(p.is_quoted());
    p.read_line("end\"\"\"");
    CHECK_FALSE(p.is_quoted());
    p.read_line("y = 'unclosed");
    CHECK_FALSE(p.is_quoted());  // single quotes end with the line
    p.read_line("# a comment with \"\"\" inside");
    CHECK_FALSE(p.is_quoted());
  }

  TEST_CASE("pep8_lines_between_cells") {
    CHECK(pep8_lines_between_cells({"# %%", "x = 1"}, {"# %%", "y = 2"}) == 1);
    CHECK(pep8_lines_between_cells({"# %%", "def f():", "    pass"}, {"# %%", "f()"}) == 2);
    CHECK(pep8_lines_between_cells({"# %%", "x = 1"}, {"# %%", "class A:", "    pass"}) == 2);
    CHECK(pep8_lines_between_cells({"# %%", "def f():", "    pass"}, {"# %% [markdown]", "# text"}) == 1);
    CHECK(pep8_lines_between_cells({"# %%"}, {}) == 1);
    CHECK(pep8_lines_between_cells({}, {"x"}) == 0);
  }

  TEST_CASE("split_lines") {
    CHECK(split_lines("a\nb\r\nc\rd") == Lines{"a", "b", "c", "d"});
    CHECK(split_lines("a\n") == Lines{"a"});
    CHECK(split_lines("").empty());
  }
}
