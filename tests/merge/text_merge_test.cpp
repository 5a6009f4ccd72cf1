#include <doctest/doctest.h>

#include "merge/text_merge.hpp"

using nbloop::merge::merge_text;
using nbloop::merge::Strategy;
using nbloop::merge::TextMergeOptions;

namespace {
std::pair<std::string, bool> merged(std::string_view b, std::string_view o, std::string_view t,
                                    const TextMergeOptions& options = {}) {
  auto r = merge_text(b, o, t, options);
  REQUIRE(r.ok());
  return {r->text, r->conflict};
}
}  // namespace

TEST_CASE("merge_text") {
  SUBCASE("one side unchanged takes the other") {
    CHECK(merged("a\nb", "a\nb", "a\nc") == std::pair<std::string, bool>{"a\nc", false});
    CHECK(merged("a\nb", "a\nc", "a\nb") == std::pair<std::string, bool>{"a\nc", false});
    CHECK(merged("a", "x", "x") == std::pair<std::string, bool>{"x", false});
  }
  SUBCASE("edits to different lines merge; no final newline stays so") {
    CHECK(merged("a\nb\nc\nd\ne", "A\nb\nc\nd\ne", "a\nb\nc\nd\nE") ==
          std::pair<std::string, bool>{"A\nb\nc\nd\nE", false});
  }
  SUBCASE("a final newline added on one side is kept") {
    CHECK(merged("a\nb\nc\nd", "A\nb\nc\nd", "a\nb\nc\nd\n") == std::pair<std::string, bool>{"A\nb\nc\nd\n", false});
  }
  SUBCASE("the same line changed differently: git's markers") {
    auto [text, conflict] = merged("x = 1\ny = 2", "x = 10\ny = 2", "x = 20\ny = 2");
    CHECK(conflict);
    CHECK(text == "<<<<<<< ours\nx = 10\n=======\nx = 20\n>>>>>>> theirs\ny = 2");
  }
  SUBCASE("the last line conflicting ends with the closing marker, no newline") {
    auto [text, conflict] = merged("a\nb", "a\nB1", "a\nB2");
    CHECK(conflict);
    CHECK(text == "a\n<<<<<<< ours\nB1\n=======\nB2\n>>>>>>> theirs");
  }
  SUBCASE("labels and marker size") {
    TextMergeOptions options;
    options.marker_size = 10;
    options.label_ours = "HEAD";
    options.label_theirs = "feature/x";
    auto [text, conflict] = merged("v = 0\n", "v = 1\n", "v = 2\n", options);
    CHECK(conflict);
    CHECK(text == "<<<<<<<<<< HEAD\nv = 1\n==========\nv = 2\n>>>>>>>>>> feature/x\n");
  }
  SUBCASE("strategies resolve without markers") {
    TextMergeOptions options;
    options.strategy = Strategy::ours;
    CHECK(merged("v = 0\nw", "v = 1\nw", "v = 2\nw", options) == std::pair<std::string, bool>{"v = 1\nw", false});
    options.strategy = Strategy::theirs;
    CHECK(merged("v = 0\nw", "v = 1\nw", "v = 2\nw", options) == std::pair<std::string, bool>{"v = 2\nw", false});
    options.strategy = Strategy::union_;
    CHECK(merged("v = 0\nw", "v = 1\nw", "v = 2\nw", options) == std::pair<std::string, bool>{"v = 1\nv = 2\nw", false});
  }
  SUBCASE("CRLF text keeps CRLF, markers included") {
    auto [text, conflict] = merged("a\r\nb\r\nc", "a\r\nB1\r\nc", "a\r\nB2\r\nc");
    CHECK(conflict);
    CHECK(text == "a\r\n<<<<<<< ours\r\nB1\r\n=======\r\nB2\r\n>>>>>>> theirs\r\nc");
    CHECK(merged("a\r\nb\r\nc\r\nd", "A\r\nb\r\nc\r\nd", "a\r\nb\r\nc\r\nD") ==
          std::pair<std::string, bool>{"A\r\nb\r\nc\r\nD", false});
  }
  SUBCASE("empty sides") {
    auto [text, conflict] = merged("", "x", "y");
    CHECK(conflict);
    CHECK(text == "<<<<<<< ours\nx\n=======\ny\n>>>>>>> theirs");
    CHECK(merged("x", "", "x") == std::pair<std::string, bool>{"", false});
  }
}
