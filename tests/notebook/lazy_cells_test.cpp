// Lazy reading (ReadOptions::lazy_cells): the reader's checks on raw cells and what the
// cells expand to must be those of an eager read.
#include <doctest/doctest.h>

#include <string>

#include "notebook/json_write.hpp"
#include "notebook/notebook.hpp"

using nbloop::notebook::read_notebook;
using nbloop::notebook::ReadOptions;
using nbloop::notebook::write_notebook;
using nbloop::notebook::json::Kind;
using nbloop::notebook::json::Value;

namespace {

constexpr ReadOptions k_lazy{.lazy_cells = true};

const char* const k_notebook = R"({
 "cells": [
  {
   "cell_type": "code",
   "execution_count": null,
   "id": "a1",
   "metadata": {},
   "outputs": [],
   "source": [
    "a = 1\n",
    "b = 'é'"
   ]
  }
 ],
 "metadata": {},
 "nbformat": 4,
 "nbformat_minor": 5
}
)";

}  // namespace

TEST_CASE("lazy reading: same checks, same cells, same bytes as eager reading") {
  SUBCASE("errors") {
    const char* const bad[] = {
        R"({"cells": [1], "metadata": {}, "nbformat": 4, "nbformat_minor": 4})",
        R"({"cells": [[1]], "metadata": {}, "nbformat": 4, "nbformat_minor": 4})",
        R"({"cells": [{"cell_type": "code", "source": []}], "metadata": {}, "nbformat": 4, "nbformat_minor": 4})",
        R"({"cells": [{"metadata": [], "source": []}], "metadata": {}, "nbformat": 4, "nbformat_minor": 4})",
        R"({"cells": [{"metadata": {}, "source": ["a", 2]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 4})",
        R"({"cells": [{"metadata": {}}, {"m\u0065tadata": {}, "source": [{}]}], "metadata": {}, "nbformat": 4,
           "nbformat_minor": 4})",
    };
    for (const char* text : bad) {
      INFO(text);
      auto eager = read_notebook(text);
      auto lazy = read_notebook(text, k_lazy);
      REQUIRE_FALSE(eager.ok());
      REQUIRE_FALSE(lazy.ok());
      CHECK(lazy.error().message == eager.error().message);
    }
  }
  SUBCASE("cells expand to what eager reading builds; 4.5 ids are filled the same way") {
    std::string text =
        R"({"cells": [{"cell_type": "markdown", "metadata": {"trusted": true}, "source": ["x\n", "y"]},
        {"cell_type": "code", "id": "a", "metadata": {}, "outputs": [], "execution_count": 3, "source": "z"},
        {"cell_type": "code", "id": "a", "metadata": {}, "outputs": [], "source": ["w"],
         "attachments": {"f": {"text/plain": ["p\n", "q"]}}}],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5})";
    auto eager = read_notebook(text);
    auto lazy = read_notebook(text, k_lazy);
    REQUIRE(eager.ok());
    REQUIRE(lazy.ok());
    std::string a;
    std::string b;
    for (auto* cell : eager->cells()) {
      nbloop::notebook::json::dump(*cell, a);
    }
    for (auto* cell : lazy->cells()) {
      nbloop::notebook::json::dump(*cell, b);
    }
    CHECK(a == b);
    CHECK(lazy->cells()[0]->find("source")->str() == "x\ny");
    CHECK(write_notebook(*lazy) == write_notebook(*eager));
  }
  SUBCASE("a lazily read cell stays raw until asked for") {
    auto lazy = read_notebook(k_notebook, k_lazy);
    REQUIRE(lazy.ok());
    Value& cell = lazy->root().find("cells")->items[0];
    CHECK(cell.kind == Kind::raw);
    lazy->expand_cell(cell);
    CHECK(cell.kind == Kind::object);
    CHECK(cell.find("source")->str() == "a = 1\nb = 'é'");
  }
}


TEST_CASE("raw_fields: the reader's index of a lazily read cell, while it is still raw") {
  auto lazy = read_notebook(k_notebook, k_lazy);
  REQUIRE(lazy.ok());
  Value& cell = lazy->root().find("cells")->items[0];
  const auto* fields = lazy->raw_fields(cell, 0);
  REQUIRE(fields != nullptr);
  CHECK(fields->id == "a1");
  CHECK(fields->id_is_string);
  CHECK(fields->has_id);
  CHECK(fields->type == "code");
  CHECK(fields->source == "a = 1\nb = 'é'");
  CHECK(lazy->raw_fields(cell, 1) == nullptr);  // another position
  lazy->expand_cell(cell);
  CHECK(lazy->raw_fields(cell, 0) == nullptr);  // built now: the index no longer applies
  // Eager reading keeps no index.
  auto eager = read_notebook(k_notebook);
  REQUIRE(eager.ok());
  CHECK(eager->raw_fields(eager->root().find("cells")->items[0], 0) == nullptr);
}
