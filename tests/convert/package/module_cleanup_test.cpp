#include "convert/package/module_cleanup.hpp"

#include <doctest/doctest.h>

#include <string>

#include "convert/package/shadowed_definitions.hpp"
#include "convert/package/unused_targets.hpp"

using namespace nbloop::convert::package;

namespace {

std::string two_passes(const std::string& s, const std::string& main_name) {
  return drop_unused_main_targets(drop_shadowed_definitions(s), main_name);
}

}  // namespace

TEST_SUITE("convert.package") {
  TEST_CASE("lint_clean_module: the two passes, byte for byte") {
    const std::string guard = "\n\nif __name__ == \"__main__\":\n    main()\n";
    SUBCASE("one parse: a definition replaced before main(), an unread target in it") {
      const std::string src =
          "def f():\n    return 1\n\n\ndef f():\n    return 2\n\n\ndef main() -> None:\n"
          "    x = f()\n    y = f()\n    print(y)\n" +
          guard;
      const std::string want =
          "def f():\n    return 2\n\n\ndef main() -> None:\n    f()\n    y = f()\n    print(y)\n" + guard;
      CHECK(two_passes(src, "main") == want);
      CHECK(lint_clean_module(src, "main") == want);
    }
    SUBCASE("the same as the two passes where one parse does not apply") {
      for (const std::string& s : {
               // no redefinition: main()'s text alone
               std::string("def g():\n    pass\n\n\ndef main():\n    x = g()\n") + guard,
               // a redefinition and no main()
               std::string("class A:\n    pass\n\n\nclass A:\n    x = f()\n"),
               // main() itself replaced by a later definition of the name (cut inside main's text)
               std::string("def main():\n    x = f()\n\n\ndef main():\n    y = f()\n") + guard,
               // the entry point is `run`; the notebook's own main() twice
               std::string("def main():\n    pass\n\n\ndef main():\n    a = f()\n\n\ndef run():\n    b = f()\n") +
                   "\n\nif __name__ == \"__main__\":\n    run()\n",
               // a module that does not parse
               std::string("def f():\n    pass\n\n\ndef f(:\n    pass\n\n\ndef main():\n    x = f()\n"),
               // main()'s text split by a guard line inside a string
               std::string("def f():\n    pass\n\n\ndef f():\n    pass\n\n\ndef main():\n    x = f()\n    s = \"\"\"\n"
                           "if __name__ == 1\n\"\"\"\n    print(s)\n") +
                   guard,
               // a redefinition read in between stays
               std::string(
                   "def f():\n    pass\n\n\nX = f()\n\n\ndef f():\n    pass\n\n\ndef main():\n    with f() as c:\n"
                   "        pass\n") +
                   guard,
           }) {
        for (const char* main_name : {"main", "run"}) {
          CHECK_MESSAGE(lint_clean_module(s, main_name) == two_passes(s, main_name), s);
        }
      }
    }
  }
}
