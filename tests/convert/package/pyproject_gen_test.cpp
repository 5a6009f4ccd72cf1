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

  TEST_CASE("read_pyproject_packages") {
    ProjectSpec spec;
    spec.name = "p";
    spec.packages = {"a", "b_c"};
    CHECK(read_pyproject_packages(pyproject_body(spec)) == spec.packages);
    CHECK(read_pyproject_packages("packages = [\"unclosed").empty());
    CHECK(read_pyproject_packages("").empty());
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

#include "config/pyproject.hpp"
#include "convert/package/package_config.hpp"
#include "support/corpus.hpp"
#include "util/file_io.hpp"

TEST_SUITE("convert.package") {
  TEST_CASE("pyproject_body records the run as [tool.nbloop.convert]") {
    std::string dir = nbloop::test::make_temp_dir();
    ProjectSpec spec;
    spec.name = "p";
    spec.packages = {"a", "b"};
    spec.package_root = "src";
    spec.line_length = 100;
    SUBCASE("one package") {
      spec.notebooks = {{"nb/x.ipynb", "a"}, {"nb/y.ipynb", "a"}};
      REQUIRE(nbloop::util::atomic_write(dir + "/pyproject.toml", pyproject_body(spec)).ok());
      auto section = nbloop::config::load_section(dir + "/pyproject.toml", "convert");
      REQUIRE(section.ok());
      auto c = read_convert_config(*section);
      REQUIRE(c.ok());
      CHECK(c->notebooks == std::vector<std::string>{"nb/x.ipynb", "nb/y.ipynb"});
      CHECK(c->package == "a");
      CHECK(c->package_root == "src");
      CHECK(c->line_length == 100);
      CHECK(c->mapping.empty());
    }
    SUBCASE("several packages: a mapping") {
      spec.notebooks = {{"nb/x.ipynb", "a"}, {"nb/y.ipynb", "b"}};
      REQUIRE(nbloop::util::atomic_write(dir + "/pyproject.toml", pyproject_body(spec)).ok());
      auto section = nbloop::config::load_section(dir + "/pyproject.toml", "convert");
      REQUIRE(section.ok());
      auto c = read_convert_config(*section);
      REQUIRE(c.ok());
      CHECK(c->package.empty());
      REQUIRE(c->mapping.size() == 2);
      CHECK(c->mapping[0].pattern == "nb/x.ipynb");
      CHECK(c->mapping[0].package == "a");
      CHECK(c->mapping[1].package == "b");
    }
    nbloop::test::remove_tree(dir);
  }
}
