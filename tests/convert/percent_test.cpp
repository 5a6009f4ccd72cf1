#include "convert/percent.hpp"

#include <doctest/doctest.h>

#include "convert/databricks.hpp"
#include "convert/detect.hpp"

using namespace nbloop::convert;
namespace nb = nbloop::notebook;

namespace {
std::string notebook_json(const std::string& cells) {
  return R"J({"cells": [)J" + cells +
         R"J(], "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}, "nbformat": 4, "nbformat_minor": 5})J";
}
std::string percent_of(const std::string& cells, bool keep_ids = false) {
  auto parsed = nb::read_notebook(notebook_json(cells));
  REQUIRE(parsed.ok());
  PercentOptions o;
  o.keep_ids = keep_ids;
  o.version = "test";
  return write_percent(*parsed, o);
}
const std::string k_header =
    "# ---\n# jupyter:\n#   jupytext:\n#     text_representation:\n#       extension: .py\n"
    "#       format_name: percent\n#       format_version: '1.3'\n#       jupytext_version: test\n"
    "#   kernelspec:\n#     display_name: Python 3\n#     language: python\n#     name: python3\n# ---\n\n";
}  // namespace

TEST_SUITE("convert") {
  TEST_CASE("write_percent") {
    SUBCASE("cells, magics and blank lines as jupytext writes them") {
      std::string py = percent_of(
          R"J({"cell_type": "markdown", "id": "m", "metadata": {}, "source": "# T\n\ntext"},)J"
          R"J({"cell_type": "code", "id": "c", "execution_count": null, "outputs": [], "metadata": {"tags": ["a"], "collapsed": true}, "source": "%time x = 1\ndef f():\n    pass"},)J"
          R"J({"cell_type": "code", "id": "d", "execution_count": null, "outputs": [], "metadata": {}, "source": "f()"})J");
      CHECK(py == k_header + "# %% [markdown]\n# # T\n#\n# text\n\n# %% tags=[\"a\"]\n# %time x = 1\ndef f():\n    pass\n\n\n# %%\nf()\n");
    }
    SUBCASE("blank lines jupytext writes ambiguously are disambiguated, only there") {
      const std::string def_cell = R"J({"cell_type": "code", "id": "d", "execution_count": null, "outputs": [], "metadata": {}, "source": "def g():\n    pass"})J";
      auto cell = [](const std::string& src) {
        return R"J({"cell_type": "code", "id": "c", "execution_count": null, "outputs": [], "metadata": {}, "source": )J" + src + "},";
      };
      // `f(1)` before a def: jupytext's bytes, unchanged.
      std::string plain = percent_of(cell(R"J("f(1)")J") + def_cell);
      CHECK(plain == k_header + "# %%\nf(1)\n\n\n# %%\ndef g():\n    pass\n");
      // `f(1)\n` before a def: jupytext writes the same bytes; we say the blank belongs to the source.
      std::string trailing = percent_of(cell(R"J("f(1)\n")J") + def_cell);
      CHECK(trailing == k_header + "# %% nbloop_source_blank_lines=1\nf(1)\n\n\n# %%\ndef g():\n    pass\n");
      for (const auto& [py, source] : {std::pair{plain, "f(1)"}, std::pair{trailing, "f(1)\n"}}) {
        auto back = read_percent(py);
        REQUIRE(back.ok());
        REQUIRE(back->cells.size() == 2);
        CHECK(back->cells[0].source == source);
        CHECK(back->cells[0].metadata.empty());
      }
      // A source that ends with a newline before an ordinary cell is not ambiguous.
      std::string ordinary = percent_of(cell(R"J("x = 1\n")J") + R"J({"cell_type": "code", "id": "e", "execution_count": null, "outputs": [], "metadata": {}, "source": "y"})J");
      CHECK(ordinary == k_header + "# %%\nx = 1\n\n\n# %%\ny\n");
    }
    SUBCASE("--keep-ids puts ids in the headers") {
      std::string py = percent_of(R"J({"cell_type": "code", "id": "abc", "execution_count": null, "outputs": [], "metadata": {}, "source": "x"})J", true);
      CHECK(py.find("# %% id=\"abc\"\nx\n") != std::string::npos);
      auto back = read_percent(py);
      REQUIRE(back.ok());
      REQUIRE(back->cells.size() == 1);
      CHECK(back->cells[0].id == "abc");
      CHECK(back->cells[0].metadata.empty());
    }
  }

  TEST_CASE("read_percent") {
    SUBCASE("types, metadata, magics restored") {
      auto nbk = read_percent(k_header + "# %% [markdown]\n# hi\n\n# %% tags=[\"a\"] language=\"bash\"\n# echo 1\n\n# %%\n# !ls\nx = 1\n");
      REQUIRE(nbk.ok());
      REQUIRE(nbk->cells.size() == 3);
      CHECK(nbk->cells[0].cell_type == "markdown");
      CHECK(nbk->cells[0].source == "hi");
      CHECK(nbk->cells[1].source == "%%bash\necho 1");
      REQUIRE(nbk->cells[1].find("tags") != nullptr);
      CHECK(*nbk->cells[1].find("tags") == "[\"a\"]");
      CHECK(nbk->cells[2].source == "!ls\nx = 1");
    }
    SUBCASE("trailing newline of a source survives") {
      auto nbk = read_percent("# %%\nx = 1\n\n\n# %%\ny\n");
      REQUIRE(nbk.ok());
      CHECK(nbk->cells[0].source == "x = 1\n");
    }
    SUBCASE("broken YAML header: error with its line") {
      auto nbk = read_percent("# ---\n# jupyter:\n#   kernelspec: [a\n# ---\n\n# %%\nx\n");
      REQUIRE_FALSE(nbk.ok());
      CHECK(nbk.error().line == 3);
    }
    SUBCASE("a marker inside a string that never closes") {
      auto nbk = read_percent("# %%\ns = \"\"\"\n# %%\nx\n");
      REQUIRE_FALSE(nbk.ok());
      CHECK(nbk.error().line == 3);
    }
    SUBCASE("unclosed header") {
      auto nbk = read_percent("# ---\n# jupyter:\n\nx = 1\n");
      REQUIRE_FALSE(nbk.ok());
      CHECK(nbk.error().line == 1);
    }
  }

  TEST_CASE("databricks") {
    auto parsed = nb::read_notebook(notebook_json(
        R"J({"cell_type": "markdown", "id": "m", "metadata": {"title": "Intro"}, "source": "# T\n\ntext"},)J"
        R"J({"cell_type": "code", "id": "c", "execution_count": null, "outputs": [], "metadata": {}, "source": "%sql\nselect 1"},)J"
        R"J({"cell_type": "code", "id": "d", "execution_count": null, "outputs": [], "metadata": {}, "source": "x = 1\n"})J"));
    REQUIRE(parsed.ok());
    std::string text = write_databricks(*parsed);
    CHECK(text == "# Databricks notebook source\n# DBTITLE 1,Intro\n# MAGIC %md\n# MAGIC # T\n# MAGIC\n# MAGIC text\n\n"
                  "# COMMAND ----------\n\n# MAGIC %sql\n# MAGIC select 1\n\n# COMMAND ----------\n\nx = 1\n\n");
    auto back = read_databricks(text);
    REQUIRE(back.ok());
    REQUIRE(back->cells.size() == 3);
    CHECK(back->cells[0].cell_type == "markdown");
    CHECK(back->cells[0].source == "# T\n\ntext");
    CHECK(back->cells[1].source == "%sql\nselect 1");
    CHECK(back->cells[2].source == "x = 1\n");
    auto sql = read_databricks("-- Databricks notebook source\nselect 1\n");
    REQUIRE_FALSE(sql.ok());
    CHECK(sql.error().message == "a Databricks SQL source notebook: only Python source notebooks are supported");
  }

  TEST_CASE("detect_form") {
    CHECK(detect_form("{\"cells\": []}") == Form::ipynb);
    CHECK(detect_form("# Databricks notebook source\nx\n") == Form::databricks);
    CHECK(detect_form("x = 1\n# %%\ny\n") == Form::percent);
    CHECK(detect_form("s = '''\n# %%\n'''\n") == Form::unknown);
    CHECK(detect_form("print(1)\n") == Form::unknown);
  }
}
