#include "python/source.hpp"

#include <doctest/doctest.h>

using namespace nbloop::python;

TEST_CASE("load_notebook_source") {
  // Lines: 1 {, 2 "cells": [, 3 {md}, 4 {, 5 "cell_type", 6 "metadata", 7 "source": [, 8 "import os\n", 9 "x = 1"
  const std::string nb =
      "{\n"
      " \"cells\": [\n"
      "  {\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": [\"# t\"]},\n"
      "  {\n"
      "   \"cell_type\": \"code\",\n"
      "   \"metadata\": {\"tags\": [\"nbloop-noqa\"]},\n"
      "   \"source\": [\n"
      "    \"import os\\n\",\n"
      "    \"x = \\\"\\u00e9\\\"\"\n"
      "   ]\n"
      "  },\n"
      "  {\"cell_type\": \"code\", \"metadata\": {}, \"source\": \"%%bash\\nls\"},\n"
      "  {\"cell_type\": \"code\", \"metadata\": {\"vscode\": {\"languageId\": \"sql\"}}, \"source\": \"select 1\"},\n"
      "  {\"cell_type\": \"code\", \"metadata\": {}, \"source\": \"a\\nb\"}\n"
      " ],\n"
      " \"metadata\": {\"kernelspec\": {\"language\": \"python\"}},\n"
      " \"nbformat\": 4, \"nbformat_minor\": 5\n"
      "}\n";
  auto file = load_notebook_source(nb);
  REQUIRE(file.ok());
  CHECK(file->notebook);
  CHECK(file->cell_count == 5);
  CHECK(file->skipped_cells == 2);
  REQUIRE(file->units.size() == 2);
  const SourceUnit& u = file->units[0];
  CHECK(u.cell == 2);
  CHECK(u.original == "import os\nx = \"\xc3\xa9\"");
  CHECK(u.file_lines[0] == 8);
  CHECK(u.file_lines[1] == 9);
  CHECK(u.tags == std::vector<std::string>{"nbloop-noqa"});
  CHECK(u.position(10) == std::pair<int, int>{2, 1});
  CHECK(u.position(static_cast<uint32_t>(u.text.size())) == std::pair<int, int>{2, 8});  // é counts as one column
  CHECK(u.line_text(1) == "x = \"\xc3\xa9\"");
  // A single-string source: every line maps to the string's line.
  const SourceUnit& v = file->units[1];
  CHECK(v.cell == 5);
  CHECK(v.file_lines == std::vector<int>{14, 14});
}

TEST_CASE("load_notebook_source failures and kernels") {
  CHECK(!load_notebook_source("{\"cells\": [}").ok());
  CHECK(!load_notebook_source("[1, 2]").ok());
  CHECK(!load_notebook_source("{\"nbformat\": 4}").ok());
  auto r = load_notebook_source(
      "{\"cells\": [{\"cell_type\": \"code\", \"metadata\": {}, \"source\": \"x <- 1\"}], "
      "\"metadata\": {\"kernelspec\": {\"language\": \"R\"}}, \"nbformat\": 4, \"nbformat_minor\": 2}");
  REQUIRE(r.ok());
  CHECK(r->units.empty());
  CHECK(r->skipped_cells == 1);
  auto v3 = load_notebook_source(
      "{\"worksheets\": [{\"cells\": [{\"cell_type\": \"code\", \"input\": [\"print 1\"], \"language\": \"python\"}]}], "
      "\"metadata\": {}, \"nbformat\": 3, \"nbformat_minor\": 0}");
  REQUIRE(v3.ok());
  REQUIRE(v3->units.size() == 1);
  CHECK(v3->units[0].original == "print 1");
}

TEST_CASE("load_python_source") {
  auto ok = load_python_source("x = 1\ny = 2\n");
  REQUIRE(ok.ok());
  CHECK(!ok->notebook);
  CHECK(ok->units[0].cell == 0);
  CHECK(ok->units[0].file_lines[1] == 2);
  auto nul = load_python_source(std::string("x = 1\n\0", 7));
  REQUIRE(!nul.ok());
  CHECK(nul.error().line == 2);
  auto bad = load_python_source("x = '\xff'\n");
  REQUIRE(!bad.ok());
  CHECK(bad.error().column == 6);
}
