#include "convert/yaml.hpp"

#include <doctest/doctest.h>

using namespace nbloop::convert;
namespace json = nbloop::notebook::json;

namespace {
std::string dump(const std::string& text) {
  auto doc = json::Document::parse(text);
  REQUIRE(doc.ok());
  std::string out;
  yaml_dump(*doc, doc->root(), out);
  return out;
}
}  // namespace

TEST_SUITE("convert") {
  TEST_CASE("yaml_dump") {
    SUBCASE("sorted keys, nested mappings, quoted numbers") {
      CHECK(dump(R"({"b": {"y": "1.3", "x": "plain text"}, "a": 1})") == "a: 1\nb:\n  x: plain text\n  y: '1.3'\n");
    }
    SUBCASE("indentless sequences and flow empties") {
      CHECK(dump(R"({"k": ["a", "b"], "e": {}, "f": []})") == "e: {}\nf: []\nk:\n- a\n- b\n");
    }
    SUBCASE("scalars YAML would read as something else are quoted") {
      CHECK(dump(R"({"a": "yes", "b": "", "c": "null", "d": "x: y", "e": "- x", "f": "it's"})") ==
            "a: 'yes'\nb: ''\nc: 'null'\nd: 'x: y'\ne: '- x'\nf: it's\n");
      CHECK(dump(R"({"a": "'q'", "b": "#x", "c": "a #b"})") == "a: '''q'''\nb: '#x'\nc: 'a #b'\n");
    }
    SUBCASE("non-ASCII and booleans") {
      CHECK(dump(R"({"a": "é", "b": true, "c": null, "d": 1.5})") == "a: \"\\xE9\"\nb: true\nc: null\nd: 1.5\n");
    }
    SUBCASE("long plain scalars fold after column 80") {
      std::string words;
      for (int i = 0; i < 20; ++i) words += (i ? " " : "") + std::string("word") + std::to_string(i);
      std::string out = dump("{\"k\": \"" + words + "\"}");
      CHECK(out.find("\n  word") != std::string::npos);
    }
  }

  TEST_CASE("yaml_to_json") {
    SUBCASE("what yaml_dump writes reads back") {
      auto j = yaml_to_json("jupyter:\n  kernelspec:\n    display_name: Python 3\n    name: python3\n  v: '1.3'\n  l:\n  - a\n  - 2\n", 1);
      REQUIRE(j.ok());
      CHECK(*j == R"({"jupyter": {"kernelspec": {"display_name": "Python 3", "name": "python3"}, "v": "1.3", "l": ["a", 2]}})");
    }
    SUBCASE("flow collections, quotes, folded plain scalars") {
      auto j = yaml_to_json("a: {x: 1, y: [true, null]}\nb: \"\\xE9\\n\"\nc: one\n  two\n", 1);
      REQUIRE(j.ok());
      CHECK(*j == "{\"a\": {\"x\": 1, \"y\": [true, null]}, \"b\": \"\xc3\xa9\\n\", \"c\": \"one two\"}");
    }
    SUBCASE("errors carry the line") {
      auto j = yaml_to_json("a: 1\nb: [1, 2\n", 10);
      REQUIRE_FALSE(j.ok());
      CHECK(j.error().line == 11);
      CHECK(j.error().message == "unclosed '[' in the YAML header");
      auto k = yaml_to_json("a:\n  b: 1\n c: 2\n", 1);
      REQUIRE_FALSE(k.ok());
      CHECK(k.error().line == 3);
    }
  }
}
