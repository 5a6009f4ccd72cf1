#include "python/ipython.hpp"

#include <doctest/doctest.h>

#include "python/parser.hpp"

using nbloop::python::CellMagic;
using nbloop::python::classify_cell_magic;
using nbloop::python::mask_ipython;

namespace {
std::string masked(std::string_view s) { return mask_ipython(s).text; }
bool parses(std::string_view s) {
  auto tree = nbloop::python::parse(s);
  return !nbloop::python::has_error(tree.get());
}
}  // namespace

TEST_CASE("mask_ipython") {
  SUBCASE("line magics, shell escapes and help keep every offset") {
    const char* cases[] = {"%matplotlib inline\nx = 1\n", "!pip install numpy\n", "x = !ls -la\n", "a = %pwd\n",
                           "obj?\n", "??obj\n", "obj.method??\n", "for i in range(3):\n    !echo {i}\n",
                           "pip install numpy\n", "cd ..\n", "%timeit f(a,\n        b)\nx = 1\n",
                           "%time x = 1 \\\n  + 2\ny = x\n", "%%time\nx = 1\n"};
    for (const char* c : cases) {
      std::string m = masked(c);
      CAPTURE(c);
      CHECK(m.size() == std::string_view(c).size());
      CHECK(parses(m));
      for (size_t i = 0; i < m.size(); ++i) {
        if (c[i] == '\n') {
          CHECK(m[i] == '\n');
        }
      }
    }
  }
  SUBCASE("placeholders") {
    CHECK(masked("%matplotlib inline\n") == "0                 \n");
    CHECK(masked("files = !ls\n") == "files = 0  \n");
    CHECK(masked("    !echo hi\n") == "    0       \n");
  }
  SUBCASE("strings, comments and Python are untouched") {
    const char* untouched[] = {"s = '''\n%not a magic\n!nor this\n'''\n", "# %comment\n", "x = a % b\n",
                               "if x != 3:\n    pass\n", "y = {'a': 1}\n", "time = 3\nprint(time + 1)\n",
                               "ls = [1]\nls -1\n", "f(x)  # really?\n"};
    for (const char* c : untouched) {
      CAPTURE(c);
      CHECK(masked(c) == c);
    }
  }
  SUBCASE("escape offsets mark masked statements") {
    auto m = mask_ipython("x = 1\n%ls\n  !pwd\n");
    REQUIRE(m.escape_offsets.size() == 2);
    CHECK(m.escape_offsets[0] == 6);
    CHECK(m.escape_offsets[1] == 12);
  }
}

TEST_CASE("classify_cell_magic") {
  CHECK(classify_cell_magic("x = 1") == CellMagic::none);
  CHECK(classify_cell_magic("%%time\nx = 1") == CellMagic::python_body);
  CHECK(classify_cell_magic("%%timeit -n 3\nx = 1") == CellMagic::python_body);
  CHECK(classify_cell_magic("%%capture out\nx = 1") == CellMagic::python_body);
  CHECK(classify_cell_magic("%%bash\nls") == CellMagic::other);
  CHECK(classify_cell_magic("%%html\n<b>x</b>") == CellMagic::other);
  CHECK(classify_cell_magic("%%sql\nselect 1") == CellMagic::other);
  CHECK(classify_cell_magic("%%writefile a.py\nx = 1") == CellMagic::other);
  CHECK(classify_cell_magic("%matplotlib inline") == CellMagic::none);
}
