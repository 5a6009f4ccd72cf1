#include "convert/package/expressions.hpp"

#include <doctest/doctest.h>

#include <string>

#include "python/parser.hpp"

using namespace nbloop::convert::package;

namespace {

// The first statement's node of `src` (its expression for an expression statement).
struct Parsed {
  std::string src;
  nbloop::python::Tree tree;
  TSNode first() const {
    TSNode s = ts_node_named_child(ts_tree_root_node(tree.get()), 0);
    return s;
  }
  TSNode expression() const { return ts_node_named_child(first(), 0); }
};

Parsed parse(std::string src) {
  Parsed p{std::move(src), nullptr};
  p.tree = nbloop::python::parse(p.src);
  return p;
}

}  // namespace

TEST_SUITE("convert.package") {
  TEST_CASE("expressions") {
    SUBCASE("pure_expression") {
      for (const char* s : {"df", "df.shape", "a[1:, ::2]", "x + 1 > y", "(a, [b])", "df.head()", "len(x)"}) {
        Parsed p = parse(s);
        CHECK_MESSAGE(pure_expression(p.first(), p.src), s);
      }
      for (const char* s : {"f(x)", "model.fit(X)", "df.sort_values(inplace=True)", "a[f()]"}) {
        Parsed p = parse(s);
        CHECK_MESSAGE(!pure_expression(p.first(), p.src), s);
      }
    }
    SUBCASE("constant_value") {
      Parsed ok = parse("Path('a') / 'b'");
      CHECK(constant_value(ok.expression(), ok.src));
      Parsed no = parse("load('a')");
      CHECK_FALSE(constant_value(no.expression(), no.src));
    }
    SUBCASE("assignment_targets") {
      Parsed p = parse("a = b, c = f()");
      std::vector<std::string> names;
      TSNode value{};
      REQUIRE(assignment_targets(p.expression(), p.src, names, value));
      CHECK(names == std::vector<std::string>{"a", "b", "c"});
      Parsed attr = parse("self.x = 1");
      names.clear();
      CHECK_FALSE(assignment_targets(attr.expression(), attr.src, names, value));
    }
    SUBCASE("contains_await and runtime_ranges") {
      Parsed a = parse("x = await f()");
      CHECK(contains_await(a.first()));
      Parsed nested = parse("async def g():\n    await f()\n");
      CHECK_FALSE(contains_await(nested.first()));
      Parsed d = parse("@dec(1)\ndef g(x=f()):\n    return x\n");
      std::vector<std::pair<uint32_t, uint32_t>> ranges;
      runtime_ranges(d.first(), ranges);
      REQUIRE(ranges.size() == 1);
      CHECK(d.src.substr(ranges[0].first, ranges[0].second - ranges[0].first) == "return x");
    }
  }
}
