#include "convert/package/dependencies.hpp"

#include <doctest/doctest.h>

using namespace nbloop::convert::package;

TEST_SUITE("convert.package") {
  TEST_CASE("distribution_for_import") {
    CHECK(distribution_for_import("sklearn") == "scikit-learn");
    CHECK(distribution_for_import("cv2") == "opencv-python");
    CHECK(distribution_for_import("PIL") == "pillow");
    CHECK(distribution_for_import("yaml") == "pyyaml");
    CHECK(distribution_for_import("bs4") == "beautifulsoup4");
    CHECK(distribution_for_import("numpy") == "numpy");
    CHECK(distribution_for_import("google") == "");
  }

  TEST_CASE("requirement_name") {
    CHECK(requirement_name("scikit-learn>=1.3") == "scikit-learn");
    CHECK(requirement_name("pandas==2.0.1") == "pandas");
    CHECK(requirement_name("requests[socks]") == "requests");
    CHECK(requirement_name("numpy; python_version<'3.9'") == "numpy");
    CHECK(requirement_name("git+https://github.com/a/b.git") == "");
    CHECK(requirement_name("./local_pkg") == "");
    CHECK(requirement_name("dist/x-1.0-py3-none-any.whl") == "");
  }

  TEST_CASE("pep508_spec") {
    CHECK(pep508_spec("scipy=1.11") == "scipy==1.11.*");
    CHECK(pep508_spec("scipy==1.11") == "scipy==1.11");
    CHECK(pep508_spec("scipy>=1.11") == "scipy>=1.11");
    CHECK(pep508_spec("numpy") == "numpy");
    CHECK(pep508_spec("git+https://x/y.git") == "git+https://x/y.git");
  }

  TEST_CASE("merge_dependencies") {
    SUBCASE("pins from !pip lines win over bare imports; sorted by normalized name") {
      std::vector<Requirement> reqs = {{"Scikit_Learn>=1.3", 2, 1}, {"pandas==2.0", 2, 1}};
      std::vector<std::string> skipped;
      auto deps = merge_dependencies(reqs, {"sklearn", "numpy", "pandas", "yaml", "google"}, &skipped);
      CHECK(deps == std::vector<std::string>{"numpy", "pandas==2.0", "pyyaml", "Scikit_Learn>=1.3"});
      CHECK(skipped == std::vector<std::string>{"google"});
    }
    SUBCASE("the first pin of a distribution wins; URLs kept as written, last") {
      std::vector<Requirement> reqs = {{"numpy==1.24", 1, 1}, {"numpy>=1.0", 3, 1}, {"git+https://x/y.git", 4, 1}};
      CHECK(merge_dependencies(reqs, {}) == std::vector<std::string>{"numpy==1.24", "git+https://x/y.git"});
    }
    SUBCASE("two imports of one distribution give one entry") {
      CHECK(merge_dependencies({}, {"matplotlib", "mpl_toolkits", "pylab"}) == std::vector<std::string>{"matplotlib"});
    }
  }
}
