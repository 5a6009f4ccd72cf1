#include <doctest/doctest.h>

#include "notebook/notebook.hpp"

using nbloop::notebook::read_notebook;
using nbloop::notebook::write_notebook;

TEST_CASE("read_notebook / write_notebook") {
  SUBCASE("sources are joined on read and split by Python's rules on write") {
    auto nb = read_notebook(R"({"cells": [{"cell_type": "code", "execution_count": null, "metadata": {"trusted": true},
      "outputs": [], "source": ["a = 1\r", "\nb = 2"]}], "metadata": {"orig_nbformat": 3}, "nbformat": 4, "nbformat_minor": 2})");
    REQUIRE(nb.ok());
    auto* source = nb->cells()[0]->find("source");
    CHECK(source->str() == "a = 1\r\nb = 2");
    std::string out = write_notebook(*nb);
    CHECK(out == "{\n \"cells\": [\n  {\n   \"cell_type\": \"code\",\n   \"execution_count\": null,\n   \"metadata\": {},\n"
                 "   \"outputs\": [],\n   \"source\": [\n    \"a = 1\\r\\n\",\n    \"b = 2\"\n   ]\n  }\n ],\n"
                 " \"metadata\": {},\n \"nbformat\": 4,\n \"nbformat_minor\": 2\n}\n");
  }
  SUBCASE("nbformat 4.5 cells get deterministic ids when missing or duplicated") {
    std::string text = R"({"cells": [{"cell_type": "markdown", "metadata": {}, "source": "x"},
      {"cell_type": "markdown", "id": "a", "metadata": {}, "source": "y"},
      {"cell_type": "markdown", "id": "a", "metadata": {}, "source": "z"}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})";
    auto first = read_notebook(text);
    auto second = read_notebook(text);
    REQUIRE(first.ok());
    REQUIRE(second.ok());
    auto cells = first->cells();
    std::string id0 = cells[0]->find("id")->str();
    CHECK(id0.size() == 8);
    CHECK(cells[1]->find("id")->str() == "a");
    CHECK(cells[2]->find("id")->str() != "a");
    CHECK(write_notebook(*first) == write_notebook(*second));
  }
  SUBCASE("shape errors") {
    CHECK(read_notebook("{}").error().message == "not a notebook: no 'nbformat' field");
    CHECK(read_notebook(R"({"nbformat": 4, "metadata": {}})").error().message == "not a notebook: no 'cells' list");
    CHECK(read_notebook(R"({"nbformat": 2, "metadata": {}})").error().message ==
          "unsupported nbformat 2 (nbloop reads nbformat 3 and 4)");
    CHECK(read_notebook(R"({"nbformat": "4", "metadata": {}})").error().message ==
          "not a notebook: 'nbformat' is not a small integer");
  }
}
