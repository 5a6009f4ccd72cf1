#include "convert/package/markdown.hpp"

#include <doctest/doctest.h>

#include "convert/package/syntax.hpp"

using namespace nbloop::convert::package;

TEST_SUITE("convert.package") {
  TEST_CASE("markdown_headings") {
    auto hs = markdown_headings("# Title #\ntext\n```\n# not a heading\n```\n### Part 2\n#nospace\n");
    REQUIRE(hs.size() == 2);
    CHECK(hs[0].level == 1);
    CHECK(hs[0].text == "Title");
    CHECK(hs[1].level == 3);
    CHECK(hs[1].text == "Part 2");
  }
  TEST_CASE("first_paragraph") {
    CHECK(first_paragraph("# T\n\n![img](x.png)\n\nFirst line  \nsecond line\n\nnext") == "First line\nsecond line");
    CHECK(first_paragraph("> nbdev summary") == "nbdev summary");
    CHECK(first_paragraph("Code for the <a href=\"x\">book</a>.<br>") == "Code for the book.");
    CHECK(first_paragraph("# only a title") == "");
  }
  TEST_CASE("literal_kind_of_text") {
    CHECK(literal_kind_of_text("42") == LiteralKind::integer);
    CHECK(literal_kind_of_text("-0.5") == LiteralKind::floating);
    CHECK(literal_kind_of_text("'abc'") == LiteralKind::string);
    CHECK(literal_kind_of_text("None") == LiteralKind::none);
    CHECK(literal_kind_of_text("{'a': [1, (2, 3)], 'b': True}") == LiteralKind::container);
    CHECK(literal_kind_of_text("array([1, 2])") == LiteralKind::not_literal);
    CHECK(literal_kind_of_text("f'{x}'") == LiteralKind::not_literal);
    CHECK(literal_kind_of_text("<Foo object at 0x7f>") == LiteralKind::not_literal);
    CHECK(approx_container("(1.5, 2)"));
    CHECK(approx_container("{'a': 1.0}"));
    CHECK_FALSE(approx_container("[1, 2]"));
    CHECK_FALSE(approx_container("[1.0, 'x']"));
    CHECK(python_string("a\"b\\c\n\x01") == "\"a\\\"b\\\\c\\n\\x01\"");
  }
}
