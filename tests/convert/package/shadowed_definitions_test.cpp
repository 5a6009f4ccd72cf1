#include "convert/package/shadowed_definitions.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace nbloop::convert::package;

TEST_SUITE("convert.package") {
  TEST_CASE("drop_shadowed_definitions") {
    SUBCASE("a def replaced before any use goes, with its decorators and blank lines; comments stay") {
      CHECK(drop_shadowed_definitions("import functools\n\n\n# Cost\n@functools.cache\ndef cost(x):\n    return x\n\n\n"
                                      "def cost(x, y):\n    return x + y\n\n\ndef main():\n    cost(1, 2)\n") ==
            "import functools\n\n\n# Cost\ndef cost(x, y):\n    return x + y\n\n\ndef main():\n    cost(1, 2)\n");
    }
    SUBCASE("three versions: only the last stays; a class too") {
      CHECK(drop_shadowed_definitions(
                "def f():\n    return 1\n\n\ndef f():\n    return 2\n\n\ndef f():\n    return 3\n") ==
            "def f():\n    return 3\n");
      CHECK(drop_shadowed_definitions("class A:\n    pass\n\n\nclass A:\n    x = 1\n") == "class A:\n    x = 1\n");
    }
    SUBCASE("left as written") {
      for (const std::string& s : {
               std::string("def f():\n    return 1\n\n\nX = f()\n\n\ndef f():\n    return 2\n"),  // read in between
               std::string("def d(fn):\n    return fn\n\n\n@d\ndef g():\n    pass\n\n\ndef d(fn):\n    return None\n"),
               std::string("from typing import overload\n\n\n@overload\ndef f(x: int) -> int: ...\n\n\n"
                           "def f(x):\n    return x\n"),  // @overload
               std::string("try:\n    def f():\n        return 1\nexcept E:\n    pass\n\n\ndef f():\n    return 2\n"),
               std::string("def f():\n    return 1\n\n\nf = None\n"),                                   // not a def
               std::string("def main():\n    def g():\n        pass\n\n    def g():\n        pass\n"),  // nested
               std::string("def f(:\n    pass\n\n\ndef f():\n    pass\n"),  // does not parse
           }) {
        CHECK_MESSAGE(drop_shadowed_definitions(s) == s, s);
      }
    }
  }
}
