#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "notebook/json.hpp"

using nbloop::notebook::json::Document;
using nbloop::notebook::json::Kind;
using nbloop::notebook::json::ParseOptions;
using nbloop::notebook::json::raw_find;
using nbloop::notebook::json::RawItems;
using nbloop::notebook::json::RawMember;
using nbloop::notebook::json::RawMembers;
using nbloop::notebook::json::skip_validated;
using nbloop::notebook::json::Value;
using nbloop::notebook::json::value_of_span;

namespace {

// The root of `text` parsed with nothing materialized: one raw span.
Document raw_document(const std::string& text) {
  ParseOptions options;
  options.eager_depth = 0;
  auto doc = Document::parse(text, options);
  REQUIRE(doc.ok());
  REQUIRE(doc->root().kind == Kind::raw);
  return std::move(*doc);
}

}  // namespace

TEST_CASE("skip_validated") {
  const std::string text = R"([ "a\"]}" , {"k": [1, {"x": "]"}]}, -1.5e3, true ])";
  const char* end = text.data() + text.size();
  CHECK(skip_validated(text.data(), end) == end);
  const char* p = text.data() + 2;
  CHECK(std::string(p, skip_validated(p, end)) == R"("a\"]}")");
  p = text.data() + text.find('{');
  CHECK(std::string(p, skip_validated(p, end)) == R"({"k": [1, {"x": "]"}]})");
  p = text.data() + text.find('-');
  CHECK(std::string(p, skip_validated(p, end)) == "-1.5e3");
  // Long strings and containers cross the 16-byte fast path.
  std::string long_text = "[\"" + std::string(100, 'x') + "\\\\\", [[" + std::string(40, ' ') + "]]]";
  CHECK(skip_validated(long_text.data(), long_text.data() + long_text.size()) == long_text.data() + long_text.size());
}

TEST_CASE("RawMembers and RawItems walk a span in order") {
  Document doc = raw_document(R"( { "a" : 1 , "b\u0063": {"n": [2]}, "a": "x\ny" ,"e":[] } )");
  RawMembers members(doc.root().text);
  RawMember m;
  std::vector<std::string> seen;
  while (members.next(m)) {
    seen.push_back(std::string(m.key) + (m.key_escaped ? "(esc)" : "") + "=" + std::string(m.value));
  }
  CHECK(seen == std::vector<std::string>{"a=1", "b\\u0063(esc)={\"n\": [2]}", "a=\"x\\ny\"", "e=[]"});

  Document empty = raw_document("{ }");
  RawMembers none(empty.root().text);
  CHECK_FALSE(none.next(m));

  Document list = raw_document(R"([ 1, "two" ,[3, [4]], {"five": 5}, null])");
  RawItems items(list.root().text);
  std::string_view item;
  std::vector<std::string> elements;
  while (items.next(item)) {
    elements.emplace_back(item);
  }
  CHECK(elements == std::vector<std::string>{"1", "\"two\"", "[3, [4]]", "{\"five\": 5}", "null"});
  Document empty_list = raw_document("[]");
  RawItems no_items(empty_list.root().text);
  CHECK_FALSE(no_items.next(item));
}

TEST_CASE("value_of_span and raw_find give what the parser gives") {
  Document doc =
      raw_document(R"({"s": "plain", "e": "caf\u00e9 \"q\"", "u": "é", "i": -12, "f": 2.5e-3, "t": true, "n": null,)"
                   R"( "o": {"x": 1}, "l": [1], "s": "last", "c\u0064": "escaped key"})");
  auto find = [&](const char* key) { return raw_find(doc.root(), key); };
  REQUIRE(find("s"));
  CHECK(find("s")->str() == "last");  // the last duplicate wins, as in Python
  CHECK(find("e")->str() == "café \"q\"");
  CHECK((find("e")->flags & Value::k_escaped) != 0);
  CHECK((find("e")->flags & Value::k_non_ascii) != 0);
  CHECK(find("u")->flags == Value::k_non_ascii);
  CHECK(find("i")->kind == Kind::integer);
  CHECK(find("i")->text == "-12");
  CHECK(find("f")->kind == Kind::floating);
  CHECK(find("t")->kind == Kind::boolean);
  CHECK(find("t")->boolean);
  CHECK(find("n")->kind == Kind::null);
  CHECK(find("o")->kind == Kind::raw);
  CHECK(find("o")->is_object());
  CHECK(find("l")->is_array());
  CHECK(find("l")->text == "[1]");
  CHECK(find("cd")->str() == "escaped key");
  CHECK_FALSE(find("missing"));

  // The same values as the parser's, member by member.
  auto full = Document::parse(std::string(doc.input()));
  REQUIRE(full.ok());
  for (const auto& member : full->root().members) {
    std::string key = member.key.str();
    if (key == "s" || member.value.kind == Kind::object || member.value.kind == Kind::array) {
      continue;  // "s" appears twice; containers stay raw here
    }
    auto found = find(key.c_str());
    REQUIRE(found);
    CHECK(found->kind == member.value.kind);
    CHECK(found->text == member.value.text);
    CHECK(found->flags == member.value.flags);
  }
  CHECK(value_of_span("\"\\u0041\"").flags == Value::k_escaped);
  CHECK(value_of_span("\"\\u0100\"").flags == (Value::k_escaped | Value::k_non_ascii));
  CHECK(value_of_span("NaN").kind == Kind::floating);
  CHECK(value_of_span("-Infinity").kind == Kind::floating);
}
