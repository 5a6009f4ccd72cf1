#include "convert/package/pyproject_gen.hpp"

#include <doctest/doctest.h>

using namespace nbloop::convert::package;

TEST_SUITE("convert.package") {
  TEST_CASE("pyproject_body") {
    SUBCASE("flat layout") {
      ProjectSpec spec;
      spec.name = "churn";
      spec.packages = {"churn"};
      spec.dependencies = {"numpy", "scikit-learn>=1.3", "x; python_version < \"3.9\""};
      CHECK(pyproject_body(spec) ==
            "[build-system]\n"
            "requires = [\"setuptools>=61\"]\n"
            "build-backend = \"setuptools.build_meta\"\n"
            "\n"
            "[project]\n"
            "name = \"churn\"\n"
            "version = \"0.1.0\"\n"
            "requires-python = \">=3.8\"\n"
            "dependencies = [\n"
            "    \"numpy\",\n"
            "    \"scikit-learn>=1.3\",\n"
            "    \"x; python_version < \\\"3.9\\\"\",\n"
            "]\n"
            "\n"
            "[project.optional-dependencies]\n"
            "test = [\"pytest>=7\"]\n"
            "\n"
            "[tool.setuptools]\n"
            "packages = [\"churn\"]\n"
            "\n"
            "[tool.pytest.ini_options]\n"
            "testpaths = [\"tests\"]\n"
            "pythonpath = [\".\"]\n");
    }
    SUBCASE("src layout, no dependencies") {
      ProjectSpec spec;
      spec.name = "proj";
      spec.packages = {"a", "b"};
      spec.package_root = "src";
      std::string body = pyproject_body(spec);
      CHECK(body.find("dependencies = []\n") != std::string::npos);
      CHECK(body.find("packages = [\"a\", \"b\"]\npackage-dir = {\"\" = \"src\"}\n") != std::string::npos);
      CHECK(body.find("pythonpath = [\"src\"]\n") != std::string::npos);
    }
  }

  TEST_CASE("read_pyproject_dependencies") {
    ProjectSpec spec;
    spec.name = "p";
    spec.dependencies = {"numpy==1.2", "q; python_version < \"3.9\""};
    CHECK(read_pyproject_dependencies(pyproject_body(spec)) == spec.dependencies);
    spec.dependencies.clear();
    CHECK(read_pyproject_dependencies(pyproject_body(spec)).empty());
  }
}
