#include "convert/package/init_file.hpp"

#include <doctest/doctest.h>

using namespace nbloop::convert::package;

TEST_SUITE("convert.package") {
  TEST_CASE("init_body") {
    SUBCASE("one import per exporting module, then __all__") {
      std::vector<ModuleExports> modules = {{"evaluate", {"score"}}, {"helpers", {}}, {"train", {"fit", "Model"}}};
      CHECK(init_body("churn", modules, 88) ==
            "\"\"\"The churn package: the public names of its modules.\"\"\"\n"
            "\n"
            "from .evaluate import score\n"
            "from .train import fit, Model\n"
            "\n"
            "__all__ = [\"score\", \"fit\", \"Model\"]\n");
    }
    SUBCASE("long lines wrap one name per line") {
      std::vector<ModuleExports> modules = {{"m", {"alpha", "beta", "gamma"}}};
      CHECK(init_body("p", modules, 30) ==
            "\"\"\"The p package: the public names of its modules.\"\"\"\n"
            "\n"
            "from .m import (\n    alpha,\n    beta,\n    gamma,\n)\n"
            "\n"
            "__all__ = [\n    \"alpha\",\n    \"beta\",\n    \"gamma\",\n]\n");
    }
    SUBCASE("a name two modules export comes from the first") {
      std::vector<std::pair<std::string, std::string>> shadowed;
      std::string body = init_body("p", {{"a", {"load"}}, {"b", {"load", "save"}}}, 88, &shadowed);
      CHECK(body.find("from .a import load\nfrom .b import save\n") != std::string::npos);
      REQUIRE(shadowed.size() == 1);
      CHECK(shadowed[0].first == "b.load");
      CHECK(shadowed[0].second == "a");
    }
    SUBCASE("no exports: an empty __all__") {
      CHECK(init_body("p", {}, 88) == "\"\"\"The p package: the public names of its modules.\"\"\"\n\n__all__ = []\n");
    }
  }

  TEST_CASE("read_init_exports") {
    std::vector<ModuleExports> modules = {{"a", {"x", "y"}}, {"long_module", {"first_name", "second_name", "third"}}};
    for (int width : {88, 30}) {
      CAPTURE(width);
      auto back = read_init_exports(init_body("p", modules, width));
      REQUIRE(back.size() == 2);
      CHECK(back[0].module == "a");
      CHECK(back[0].names == modules[0].names);
      CHECK(back[1].module == "long_module");
      CHECK(back[1].names == modules[1].names);
    }
  }
}
