// The verbatim fast path of write_notebook: a raw cell copied byte for byte must be
// exactly what building and writing it gives. Each case below is written both ways.
#include "notebook/verbatim.hpp"

#include <doctest/doctest.h>

#include <string>

#include "notebook/json_write.hpp"
#include "notebook/notebook.hpp"
#include "support/corpus.hpp"

using nbloop::notebook::cell_is_verbatim;
using nbloop::notebook::Notebook;
using nbloop::notebook::read_notebook;
using nbloop::notebook::ReadOptions;
using nbloop::notebook::write_notebook;
using nbloop::notebook::json::Kind;
using nbloop::notebook::json::Value;

namespace {

constexpr ReadOptions k_lazy{.lazy_cells = true};

// A notebook in Jupyter's layout with one cell (given at indent level 2, as written).
std::string with_cell(const std::string& cell, const char* minor = "5") {
  return "{\n \"cells\": [\n" + cell + "\n ],\n \"metadata\": {},\n \"nbformat\": 4,\n \"nbformat_minor\": " + minor +
         "\n}\n";
}

const std::string k_cell =
    "  {\n"
    "   \"cell_type\": \"code\",\n"
    "   \"execution_count\": null,\n"
    "   \"id\": \"a1\",\n"
    "   \"metadata\": {\n"
    "    \"tags\": [\n"
    "     \"x\"\n"
    "    ],\n"
    "    \"z\": 1.5\n"
    "   },\n"
    "   \"outputs\": [],\n"
    "   \"source\": [\n"
    "    \"a = 1\\n\",\n"
    "    \"b = 'é\\t\\\"\\u001b'\"\n"
    "   ]\n"
    "  }";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, from);
  return text.replace(at, from.size(), to);
}

// Writes `text` read eagerly and read lazily; they must agree. Returns whether the lazy
// read's only cell took the verbatim path.
bool writes_the_same(const std::string& text) {
  auto eager = read_notebook(text);
  auto lazy = read_notebook(text, k_lazy);
  REQUIRE(eager.ok());
  REQUIRE(lazy.ok());
  auto* cells = lazy->root().find("cells");
  REQUIRE(cells != nullptr);
  REQUIRE(cells->items.size() == 1);
  const Value& cell = cells->items[0];
  bool verbatim = cell.kind == Kind::raw && cell_is_verbatim(cell.text);
  CHECK(write_notebook(*lazy) == write_notebook(*eager));
  return verbatim;
}

}  // namespace

TEST_CASE("cell_is_verbatim: Jupyter's layout is copied, anything else is rewritten") {
  const std::string canonical = with_cell(k_cell);
  {
    auto nb = read_notebook(canonical);
    REQUIRE(nb.ok());
    REQUIRE(write_notebook(*nb) == canonical);  // the fixture is in Jupyter's layout
  }
  CHECK(writes_the_same(canonical));

  SUBCASE("accepted variants") {
    CHECK(writes_the_same(with_cell(replaced(k_cell, "1.5", "NaN"))));
    CHECK(writes_the_same(with_cell(replaced(k_cell, "1.5", "-12"))));
    CHECK(writes_the_same(with_cell(replaced(k_cell, "1.5", "1e-05"))));
    CHECK(writes_the_same(with_cell(replaced(k_cell, "a = 1\\n", "a = 1\\r\\n"))));
    CHECK(writes_the_same(with_cell(replaced(k_cell, "a = 1\\n", "a = 1\\r"))));
    CHECK(writes_the_same(with_cell(replaced(k_cell, "a = 1\\n", "a = 1\xE2\x80\xA8"))));  // U+2028 ends a line
    CHECK(writes_the_same(with_cell(replaced(k_cell, "a = 1\\n\",\n", "a = 1\\u001c\",\n    \"x\\n\",\n"))));
    CHECK(writes_the_same(with_cell(replaced(k_cell, "\\u001b'\"", "'\\n\""))));  // last line ends with \n
    CHECK(writes_the_same(with_cell(
        replaced(k_cell, "[\n    \"a = 1\\n\",\n    \"b = 'é\\t\\\"\\u001b'\"\n   ]", "[]"))));  // no source lines
    CHECK(writes_the_same(
        with_cell(replaced(k_cell, "\"tags\": [\n     \"x\"\n    ],", "\"tags\": [],"))));  // empty list
  }
  SUBCASE("rejected variants are rewritten the slow way, with the same result") {
    const char* const cases[][2] = {
        // source lines that joining and splitting would change
        {"    \"a = 1\\n\",\n", "    \"a = 1\",\n    \"\\n\",\n"},
        {"    \"a = 1\\n\",\n", "    \"a = 1\\nc = 2\\n\",\n"},
        {"    \"a = 1\\n\",\n", "    \"a = 1\\r\",\n    \"\\nc\\n\",\n"},
        {"    \"a = 1\\n\",\n", "    \"\",\n    \"a = 1\\n\",\n"},
        {"    \"a = 1\\n\",\n", "    \"a = 1\\u000b\\n\",\n"},
        {"    \"a = 1\\n\",\n", "    \"a = 1\\fx\\n\",\n"},
        {"    \"a = 1\\n\",\n", "    \"a \xC2\x85 1\\n\",\n"},
        {"    \"a = 1\\n\",\n", "    \"a\\u001c = 1\\n\",\n"},
        {"   \"source\": [\n    \"a = 1\\n\",\n    \"b = 'é\\t\\\"\\u001b'\"\n   ]", "   \"source\": \"a = 1\\nb\""},
        // escapes Python would write differently
        {"\"x\"", "\"\\u0078\""},
        {"\"x\"", "\"\\/\""},
        {"\\u001b", "\\u001B"},
        {"\\t", "\\u0009"},
        {"a = 1\\n", "a = 1\\u000a"},
        {"é", "\\u00e9"},
        // numbers Python would print differently
        {"1.5", "1.50"},
        {"1.5", "15e-1"},
        {"1.5", "-0"},
        {"1.5", "1E5"},
        // layout
        {"\"outputs\": [],", "\"outputs\": [ ],"},
        {"\"metadata\": {\n", "\"metadata\" : {\n"},
        {"    \"z\": 1.5\n", "    \"z\": 1.5 \n"},
        {"    \"tags\": [\n     \"x\"\n    ],", "    \"tags\": [\"x\"],"},
        {"   \"id\": \"a1\",\n", "    \"id\": \"a1\",\n"},
        {"   \"id\": \"a1\",\n", "\t\"id\": \"a1\",\n"},
        // keys: order, duplicates, escapes, transient metadata
        {"    \"z\": 1.5\n", "    \"a\": 1.5\n"},
        {"    \"z\": 1.5\n", "    \"z\": 1.5,\n    \"z\": 2\n"},
        {"   \"id\": \"a1\",\n", "   \"i\\u0064\": \"a1\",\n"},
        {"    \"z\": 1.5\n", "    \"trusted\": true,\n    \"z\": 1.5\n"},
        // cells whose attachments the writer rewrites
        {"   \"cell_type\": \"code\",\n",
         "   \"attachments\": {\n    \"a.txt\": {\n     \"text/plain\": [\n      \"x\"\n     ]\n    }\n   },\n"
         "   \"cell_type\": \"code\",\n"},
    };
    for (const auto& c : cases) {
      INFO(c[1]);
      CHECK_FALSE(writes_the_same(with_cell(replaced(k_cell, c[0], c[1]))));
    }
    // Compact JSON, CRLF line ends: the whole layout differs.
    std::string compact;
    {
      auto doc = nbloop::notebook::json::Document::parse(canonical);
      REQUIRE(doc.ok());
      nbloop::notebook::json::dump(doc->root(), compact, {-1, false, true});
    }
    CHECK_FALSE(writes_the_same(compact));
    std::string crlf;
    for (char ch : canonical) {
      crlf += ch == '\n' ? std::string("\r\n") : std::string(1, ch);
    }
    CHECK_FALSE(writes_the_same(crlf));
  }
}

TEST_CASE("cell_is_verbatim: outputs as the writer rewrites them") {
  // One output (at indent level 4) in the code cell.
  auto with_output = [](const std::string& output) {
    return with_cell(replaced(k_cell, "\"outputs\": [],", "\"outputs\": [\n" + output + "\n   ],"));
  };
  const std::string stream =
      "    {\n     \"name\": \"stdout\",\n     \"output_type\": \"stream\",\n     \"text\": [\n"
      "      \"hi\\n\",\n      \"there\"\n     ]\n    }";
  const std::string display =
      "    {\n     \"data\": {\n      \"image/png\": \"iVBORw0KGgo=\\n\",\n      \"text/plain\": [\n"
      "       \"<Figure>\"\n      ]\n     },\n     \"metadata\": {},\n     \"output_type\": \"display_data\"\n    }";
  const std::string result =
      "    {\n     \"data\": {\n      \"application/json\": {\n       \"a\": [\n        1\n       ]\n      },\n"
      "      \"text/html\": [\n       \"<b>\\n\",\n       \"x</b>\"\n      ]\n     },\n     \"execution_count\": 3,\n"
      "     \"metadata\": {},\n     \"output_type\": \"execute_result\"\n    }";
  const std::string error =
      "    {\n     \"ename\": \"ValueError\",\n     \"evalue\": \"bad\",\n     \"output_type\": \"error\",\n"
      "     \"traceback\": [\n      \"line 1\\nline 2\",\n      \"x\"\n     ]\n    }";
  SUBCASE("accepted") {
    CHECK(writes_the_same(with_output(stream)));
    CHECK(writes_the_same(with_output(display)));
    CHECK(writes_the_same(with_output(result)));
    CHECK(writes_the_same(with_output(error)));
    CHECK(writes_the_same(with_output(stream + ",\n" + display + ",\n" + error)));
    // Not a code cell: outputs are not rewritten at all, so lines that a code cell's
    // stream would re-split are copied too.
    std::string markdown =
        replaced(replaced(with_output(replaced(stream, "\"hi\\n\",\n      \"there\"", "\"a\",\n      \"b\"")),
                          "\"cell_type\": \"code\"", "\"cell_type\": \"markdown\""),
                 "   \"execution_count\": null,\n", "");
    CHECK(writes_the_same(markdown));
  }
  SUBCASE("rejected, and written the slow way with the same result") {
    const std::string cases[] = {
        replaced(stream, "[\n      \"hi\\n\",\n      \"there\"\n     ]", "\"hi\\nthere\""),  // text as one string
        replaced(stream, "\"hi\\n\",\n      \"there\"", "\"hi\",\n      \"\\nthere\""),      // lines re-split
        replaced(display, "\"iVBORw0KGgo=\\n\"",
                 "[\n       \"iVBOR\",\n       \"w0KGgo=\\n\"\n      ]"),      // png as lines
        replaced(display, "[\n       \"<Figure>\"\n      ]", "\"<Figure>\""),  // text/plain as one string
        replaced(display, "display_data", "update_display_data"),              // a type left to the writer
        replaced(error, "     \"traceback\"",
                 "     \"text\": [\n      \"a\\n\",\n      \"b\"\n     ],\n     \"traceback\""),
        replaced(display, "\"image/png\"", "\"image/png\\u0020\""),  // an escaped key
    };
    for (const std::string& output : cases) {
      INFO(output);
      CHECK_FALSE(writes_the_same(with_output(output)));
    }
    // An escaped cell type: the outputs are rewritten, so no copying.
    CHECK_FALSE(writes_the_same(replaced(with_output(stream), "\"code\"", "\"c\\u006fde\"")));
  }
}

TEST_CASE("corpus: lazy read+write equals eager read+write, verbatim cells included") {
  auto notebooks = nbloop::test::corpus_notebooks();
  if (notebooks.empty()) {
    MESSAGE("SKIP: corpus not found (set NBLOOP_CORPUS)");
    return;
  }
  size_t verbatim = 0;
  size_t cells = 0;
  size_t layout_verbatim = 0;
  size_t layout_cells = 0;
  for (const auto& path : notebooks) {
    std::string original = nbloop::test::read_all(path);
    auto eager = read_notebook(original);
    if (!eager.ok()) {
      continue;
    }
    std::string expected = write_notebook(*eager);
    auto lazy = read_notebook(original, k_lazy);
    REQUIRE_MESSAGE(lazy.ok(), path);
    if (lazy->major == 4 && original == expected) {  // files already in Jupyter's layout
      for (const Value& cell : lazy->root().find("cells")->items) {
        ++layout_cells;
        layout_verbatim += cell.kind == Kind::raw && cell_is_verbatim(cell.text) ? 1 : 0;
      }
    }
    CHECK_MESSAGE(write_notebook(*lazy) == expected, path);
    if (eager->major != 4) {
      continue;
    }
    // The same notebook without outputs, in Jupyter's layout: most cells go verbatim.
    for (auto* cell : eager->cells()) {
      if (cell->find("outputs") != nullptr) {
        cell->set("outputs", Value::make_array());
      }
    }
    std::string stripped = write_notebook(*eager);
    auto again = read_notebook(stripped);
    REQUIRE(again.ok());
    std::string stripped_expected = write_notebook(*again);
    auto lazy_stripped = read_notebook(stripped, k_lazy);
    REQUIRE(lazy_stripped.ok());
    for (const Value& cell : lazy_stripped->root().find("cells")->items) {
      ++cells;
      verbatim += cell.kind == Kind::raw && cell_is_verbatim(cell.text) ? 1 : 0;
    }
    CHECK_MESSAGE(write_notebook(*lazy_stripped) == stripped_expected, path);
  }
  MESSAGE(verbatim << " of " << cells << " cells of the stripped corpus written verbatim");
  MESSAGE(layout_verbatim << " of " << layout_cells << " cells (outputs kept) of the corpus notebooks already in "
                          << "Jupyter's layout written verbatim");
  CHECK(verbatim * 10 > cells * 9);
  CHECK(layout_verbatim * 10 > layout_cells * 9);
}
