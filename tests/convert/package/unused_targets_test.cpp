#include "convert/package/unused_targets.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace nbloop::convert::package;

TEST_SUITE("convert.package") {
  TEST_CASE("drop_unused_main_targets") {
    SUBCASE("an unread name bound to a call: the call stays") {
      CHECK(drop_unused_main_targets("def main():\n    fig = plt.figure()\n    plt.plot([1])\n") ==
            "def main():\n    plt.figure()\n    plt.plot([1])\n");
    }
    SUBCASE("in nested blocks, awaited, parenthesized, multi-line") {
      CHECK(drop_unused_main_targets("async def main():\n    with m:\n        obs = pm.B('x',\n            p)\n"
                                     "    r = await fetch()\n    q = (go())\n") ==
            "async def main():\n    with m:\n        pm.B('x',\n            p)\n    await fetch()\n    (go())\n");
    }
    SUBCASE("with ... as NAME nobody reads: the context manager stays") {
      CHECK(drop_unused_main_targets("def main():\n    with pm.Model() as model:\n        f()\n"
                                     "    with open(p) as fh, lock as held:\n        print(fh)\n") ==
            "def main():\n    with pm.Model():\n        f()\n    with open(p) as fh, lock:\n        print(fh)\n");
    }
    SUBCASE("a name read later, or by a nested function, is kept") {
      const std::string read = "def main():\n    x = f()\n    print(x)\n";
      CHECK(drop_unused_main_targets(read) == read);
      const std::string closure = "def main():\n    x = f()\n\n    def g():\n        return x\n\n    g()\n";
      CHECK(drop_unused_main_targets(closure) == closure);
    }
    SUBCASE("a name rebound: every unread binding goes, a read one stays") {
      CHECK(drop_unused_main_targets("def main():\n    ax = plt.subplot(1)\n    ax = plt.subplot(2)\n") ==
            "def main():\n    plt.subplot(1)\n    plt.subplot(2)\n");
      const std::string loop = "def main():\n    x = f()\n    for i in r:\n        g(x)\n        x = h(i)\n";
      CHECK(drop_unused_main_targets(loop) == loop);
    }
    SUBCASE("the entry point by its name: `run` when the notebook has its own main()") {
      const std::string src = "def main():\n    x = f()\n\n\ndef run():\n    y = g()\n";
      CHECK(drop_unused_main_targets(src, "run") == "def main():\n    x = f()\n\n\ndef run():\n    g()\n");
    }
    SUBCASE("left as written") {
      for (const std::string& s : {
               std::string("def main():\n    x = 1 + 2\n"),                           // no call
               std::string("def main():\n    a, b = f()\n"),                          // unpacking
               std::string("def main():\n    a = b = f()\n"),                         // chained
               std::string("def main():\n    x: int = f()\n"),                        // annotated
               std::string("def main():\n    _ = f()\n"),                             // a dummy name
               std::string("def main():\n    global x\n    x = f()\n"),               // a global
               std::string("def main():\n    x = f()\n    print(locals())\n"),        // locals()
               std::string("def other():\n    x = f()\n"),                            // not main()
               std::string("def main():\n    def g():\n        x = f()\n    g()\n"),  // a nested function
               std::string("def main(:\n    x = f()\n"),                              // does not parse
           }) {
        CHECK_MESSAGE(drop_unused_main_targets(s) == s, s);
      }
    }
  }
}
