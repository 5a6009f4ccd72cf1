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

TEST_CASE("load_notebook_source facts") {
  // Jupyter's layout: one key per line, outputs before source.
  const std::string nb =
      "{\n"                                                  // 1
      " \"cells\": [\n"                                      // 2
      "  {\n"                                                // 3
      "   \"cell_type\": \"markdown\",\n"                    // 4
      "   \"id\": \"intro\",\n"                              // 5
      "   \"metadata\": {\"tags\": [\"a\"]},\n"              // 6
      "   \"source\": [\n"                                   // 7
      "    \"# Title\\n\",\n"                                // 8
      "    \"text\"\n"                                       // 9
      "   ]\n"                                               // 10
      "  },\n"                                               // 11
      "  {\n"                                                // 12
      "   \"cell_type\": \"code\",\n"                        // 13
      "   \"execution_count\": 3,\n"                         // 14
      "   \"id\": \"bad id!\",\n"                            // 15
      "   \"metadata\": {},\n"                               // 16
      "   \"outputs\": [\n"                                  // 17
      "    {\n"                                              // 18
      "     \"name\": \"stdout\",\n"                         // 19
      "     \"output_type\": \"stream\",\n"                  // 20
      "     \"text\": [\n"                                   // 21
      "      \"one\\n\",\n"                                  // 22
      "      \"two\\n\"\n"                                   // 23
      "     ]\n"                                             // 24
      "    },\n"                                             // 25
      "    {\"data\": {\"image/png\": \"iVBORw0KGgo=\", \"text/plain\": [\"<Figure>\"]},\n"  // 26
      "     \"metadata\": {}, \"output_type\": \"display_data\"}\n"                         // 27
      "   ],\n"                                              // 28
      "   \"source\": [\"x = 1\"]\n"                         // 29
      "  }\n"                                                // 30
      " ],\n"                                                // 31
      " \"metadata\": {\"kernelspec\": {\"language\": \"python\", \"name\": \"python3\"}},\n"  // 32
      " \"nbformat\": 4,\n"
      " \"nbformat_minor\": 5\n"
      "}\n";
  auto file = load_notebook_source(nb);
  REQUIRE(file.ok());
  const NotebookFacts& f = file->facts;
  CHECK(f.nbformat == 4);
  CHECK(f.nbformat_minor == 5);
  CHECK(f.has_kernelspec);
  CHECK(f.kernel_name == "python3");
  CHECK(f.metadata_line == 32);
  REQUIRE(f.cells.size() == 2);
  const CellFacts& md = f.cells[0];
  CHECK(md.type == CellType::markdown);
  CHECK(md.file_line == 3);
  CHECK(md.id == "intro");
  CHECK(md.tags == std::vector<std::string>{"a"});
  CHECK(md.source.text == "# Title\ntext");
  CHECK(md.source.file_line(0) == 8);
  CHECK(md.source.file_line(1) == 9);
  CHECK(md.unit == -1);
  const CellFacts& code = f.cells[1];
  CHECK(code.type == CellType::code);
  CHECK(code.execution_count == 3);
  CHECK(code.execution_count_line == 14);
  CHECK(code.id == "bad id!");
  CHECK(code.id_line == 15);
  CHECK(code.unit == 0);
  CHECK(code.source.file_line(0) == 29);
  REQUIRE(code.outputs.size() == 2);
  CHECK(code.outputs[0].output_type == "stream");
  CHECK(code.outputs[0].name == "stdout");
  CHECK(code.outputs[0].file_line == 18);
  CHECK(code.outputs[0].text.text == "one\ntwo\n");
  CHECK(code.outputs[0].text.file_line(1) == 23);
  CHECK(code.outputs[0].bytes > 50);
  // Only readable text is collected; the image is never decoded.
  CHECK(code.outputs[1].text.text == "<Figure>\n");
  CHECK(code.outputs[1].file_line == 26);

  // Without output text (no selected rule reads it): sizes and lines, no contents.
  LoadOptions lean;
  lean.output_contents = false;
  auto quick = load_notebook_source(nb, lean);
  REQUIRE(quick.ok());
  const auto& outs = quick->facts.cells[1].outputs;
  REQUIRE(outs.size() == 2);
  CHECK(outs[0].bytes == code.outputs[0].bytes);
  CHECK(outs[1].file_line == 26);
  CHECK(outs[0].text.text.empty());
  CHECK(outs[0].output_type.empty());
}
