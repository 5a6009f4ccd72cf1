#include <doctest/doctest.h>

#include "notebook/json.hpp"
#include "notebook/json_write.hpp"

using nbloop::notebook::json::Document;
using nbloop::notebook::json::dump;
using nbloop::notebook::json::DumpOptions;
using nbloop::notebook::json::python_float_repr;

namespace {
std::string redump(const std::string& text, DumpOptions options = {}) {
  auto doc = Document::parse(text);
  REQUIRE(doc.ok());
  std::string out;
  dump(doc->root(), out, options);
  return out;
}
}  // namespace

TEST_CASE("python_float_repr") {
  CHECK(python_float_repr(1e15) == "1000000000000000.0");
  CHECK(python_float_repr(1e16) == "1e+16");
  CHECK(python_float_repr(1.5e16) == "1.5e+16");
  CHECK(python_float_repr(0.0001) == "0.0001");
  CHECK(python_float_repr(0.00001) == "1e-05");
  CHECK(python_float_repr(1.8758926391601562) == "1.8758926391601562");
  CHECK(python_float_repr(-0.0) == "-0.0");
  CHECK(python_float_repr(0.1) == "0.1");
  CHECK(python_float_repr(123.0) == "123.0");
  CHECK(python_float_repr(-2.5e-7) == "-2.5e-07");
  CHECK(python_float_repr(1.7976931348623157e308) == "1.7976931348623157e+308");
}

TEST_CASE("dump") {
  SUBCASE("layout") {
    CHECK(redump(R"({"b": [1, 2], "a": {}, "c": []})") == "{\n \"a\": {},\n \"b\": [\n  1,\n  2\n ],\n \"c\": []\n}");
  }
  SUBCASE("numbers keep Python's meaning") {
    CHECK(redump("[123456789012345678901234567890, -0, 1E5, 1e400, NaN, -Infinity, 1.0]", {-1, false, true}) ==
          "[123456789012345678901234567890, 0, 100000.0, Infinity, NaN, -Infinity, 1.0]");
  }
  SUBCASE("strings are escaped as Python escapes them") {
    CHECK(redump(R"(["\u00e9\/\u001F\"", "x\u2028"])", {-1, false, true}) == "[\"é/\\u001f\\\"\", \"x\u2028\"]");
    CHECK(redump(R"(["é😀"])", {-1, true, true}) == R"(["\u00e9\ud83d\ude00"])");
  }
  SUBCASE("duplicate keys keep the last value") {
    CHECK(redump(R"({"a": 1, "a": 2})", {-1, false, true}) == R"({"a": 2})");
  }
}

TEST_CASE("Document::parse errors") {
  auto error_of = [](const std::string& text) {
    auto doc = Document::parse(text);
    REQUIRE_FALSE(doc.ok());
    return doc.error().located();
  };
  CHECK(error_of("") == "1:1: invalid JSON: expecting value");
  CHECK(error_of("{\n  \"a\": 1,\n}") == "3:1: invalid JSON: expecting property name enclosed in double quotes");
  CHECK(error_of("[1] x") == "1:5: invalid JSON: extra data after the JSON value");
  CHECK(error_of("\xEF\xBB\xBF{}").find("byte order mark") != std::string::npos);
  CHECK(error_of("[\"\xff\"]") == "1:3: invalid UTF-8");
  CHECK(error_of(std::string(1001, '[') + std::string(1001, ']')).find("nesting deeper") != std::string::npos);
  CHECK(Document::parse(std::string(1000, '[') + std::string(1000, ']')).ok());
  CHECK(error_of(R"(["\ud800"])").find("lone surrogate") != std::string::npos);
}
