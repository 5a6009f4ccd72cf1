#include "convert/package/package_config.hpp"

#include <doctest/doctest.h>

#include "convert/package/mapping.hpp"

using namespace nbloop::convert::package;
namespace config = nbloop::config;

namespace {
config::Section section_of(std::map<std::string, config::Setting> values) {
  config::Section s;
  s.file = "pyproject.toml";
  int line = 2;
  for (const auto& [k, v] : values) {
    s.lines[k] = line++;
    s.columns[k] = 1;
  }
  s.values = std::move(values);
  return s;
}
}  // namespace

TEST_SUITE("convert.package") {
  TEST_CASE("read_convert_config") {
    SUBCASE("defaults") {
      auto c = read_convert_config(config::Section{});
      REQUIRE(c.ok());
      CHECK(c->package_root == ".");
      CHECK(c->tests == "tests");
      CHECK(c->line_length == 88);
      CHECK(c->notebooks.empty());
    }
    SUBCASE("every key") {
      auto c = read_convert_config(section_of({
          {"notebooks", std::string("notebooks/*.ipynb")},
          {"package", std::string("churn")},
          {"package-root", std::string("src")},
          {"tests", std::string("tests/unit")},
          {"line-length", int64_t{100}},
          {"mapping", config::StringListTable{{"notebooks/eda_*.ipynb", {"churn.explore"}}, {"nb/x.ipynb", {"other"}}}},
      }));
      REQUIRE(c.ok());
      CHECK(c->notebooks == std::vector<std::string>{"notebooks/*.ipynb"});
      CHECK(c->package == "churn");
      CHECK(c->package_root == "src");
      CHECK(c->tests == "tests/unit");
      CHECK(c->line_length == 100);
      REQUIRE(c->mapping.size() == 2);
      CHECK(c->mapping[0].package == "churn");
      CHECK(c->mapping[0].module == "explore");
      CHECK(c->mapping[1].package == "other");
      CHECK(c->mapping[1].module == "");
    }
    SUBCASE("errors name the key and its line") {
      auto bad = read_convert_config(section_of({{"package", std::string("my-pkg")}}));
      REQUIRE_FALSE(bad.ok());
      CHECK(bad.error().located() ==
            "2:1: tool.nbloop.convert.package: 'my-pkg' is not a valid Python identifier (letters, digits and _, not "
            "starting with a digit)");
      auto keyword = read_convert_config(section_of({{"mapping", config::StringListTable{{"a.ipynb", {"p.class"}}}}}));
      REQUIRE_FALSE(keyword.ok());
      CHECK(keyword.error().message ==
            "tool.nbloop.convert.mapping: \"a.ipynb\" = \"p.class\": 'class' is a Python keyword");
      auto deep = read_convert_config(section_of({{"mapping", config::StringListTable{{"a.ipynb", {"p.q.r"}}}}}));
      REQUIRE_FALSE(deep.ok());
      CHECK(deep.error().message.find("one package level only") != std::string::npos);
      auto escape = read_convert_config(section_of({{"tests", std::string("../elsewhere")}}));
      REQUIRE_FALSE(escape.ok());
      CHECK(escape.error().message ==
            "tool.nbloop.convert.tests: expected a folder inside the project, got '../elsewhere'");
      auto unknown = read_convert_config(section_of({{"pakage", std::string("x")}}));
      REQUIRE_FALSE(unknown.ok());
      CHECK(unknown.error().message.starts_with("tool.nbloop.convert.pakage: unknown setting"));
      auto type = read_convert_config(section_of({{"line-length", std::string("88")}}));
      REQUIRE_FALSE(type.ok());
      CHECK(type.error().message == "tool.nbloop.convert.line-length: expected a number from 20 to 1000");
    }
  }

  TEST_CASE("resolve_target") {
    ConvertConfig c;
    c.package = "base";
    c.mapping = {{"nb/train_*.ipynb", "churn", "", 3},
                 {"nb/train_final.ipynb", "churn", "final", 4},
                 {"nb/*_report.ipynb", "reports", "", 5}};
    SUBCASE("glob, exact beats glob, default package, command line wins") {
      auto t = resolve_target("nb/train_model.ipynb", c, "");
      REQUIRE(t.ok());
      CHECK(t->package == "churn");
      CHECK(t->module == "train_model");
      auto exact = resolve_target("nb/train_final.ipynb", c, "");
      REQUIRE(exact.ok());
      CHECK(exact->module == "final");
      auto other = resolve_target("nb/01-explore.ipynb", c, "");
      REQUIRE(other.ok());
      CHECK(other->package == "base");
      CHECK(other->module == "explore");
      auto cli = resolve_target("nb/train_model.ipynb", c, "cli_pkg");
      REQUIRE(cli.ok());
      CHECK(cli->package == "cli_pkg");
    }
    SUBCASE("two globs with different targets are an error") {
      auto t = resolve_target("nb/train_report.ipynb", c, "");
      REQUIRE_FALSE(t.ok());
      CHECK(t.error().message ==
            "matches two [tool.nbloop.convert] mapping patterns with different targets, \"nb/train_*.ipynb\" and "
            "\"nb/*_report.ipynb\"; map it by its exact path");
    }
    SUBCASE("no package anywhere") {
      auto t = resolve_target("x.ipynb", ConvertConfig{}, "");
      REQUIRE_FALSE(t.ok());
      CHECK(t.error().message.starts_with("no package to put it in: give --package NAME"));
    }
  }

  TEST_CASE("select_notebooks") {
    ConvertConfig c;
    std::vector<std::string> all = {"nb/b.ipynb", "nb/a.ipynb", "nb/old/c.ipynb", "scratch.ipynb"};
    c.notebooks = {"nb/*.ipynb"};
    CHECK(select_notebooks(all, c) == std::vector<std::string>{"nb/a.ipynb", "nb/b.ipynb"});
    c.notebooks = {};
    c.mapping = {{"nb/**/*.ipynb", "p", "", 1}};
    CHECK(select_notebooks(all, c) == std::vector<std::string>{"nb/a.ipynb", "nb/b.ipynb", "nb/old/c.ipynb"});
  }
}
