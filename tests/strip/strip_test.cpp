#include <doctest/doctest.h>

#include "strip/strip.hpp"

using nbloop::strip::parse_size;
using nbloop::strip::strip_bytes;
using nbloop::strip::StripOptions;

TEST_CASE("parse_size") {
  CHECK(*parse_size("0") == 0);
  CHECK(*parse_size("200") == 200);
  CHECK(*parse_size("10k") == 10000);
  CHECK(*parse_size("2M") == 2000000);
  CHECK(*parse_size("1g") == 1000000000);
  CHECK_FALSE(parse_size("ten").ok());
  CHECK_FALSE(parse_size("").ok());
}

TEST_CASE("strip_bytes") {
  const std::string nb = R"J({"cells": [{"cell_type": "code", "execution_count": 3, "id": "c1",
    "metadata": {"collapsed": true, "tags": ["keep_output"]},
    "outputs": [{"output_type": "stream", "name": "stdout", "text": ["a\n", "b\n"]},
                {"output_type": "execute_result", "execution_count": 3, "data": {"text/plain": "1"}, "metadata": {}}],
    "source": "print(1)"}], "metadata": {"widgets": {}}, "nbformat": 4, "nbformat_minor": 5})J";
  SUBCASE("a keep_output tag keeps outputs but not counts") {
    auto out = strip_bytes(nb, StripOptions{});
    REQUIRE(out.ok());
    CHECK(out->find("\"execution_count\": null") != std::string::npos);
    CHECK(out->find("\"execution_count\": 3") == std::string::npos);
    CHECK(out->find("\"a\\n\",") != std::string::npos);
    CHECK(out->find("collapsed") == std::string::npos);
    CHECK(out->find("widgets") == std::string::npos);
  }
  SUBCASE("max-size keeps only small outputs of stripped cells") {
    StripOptions options;
    options.max_size = 12;
    auto out = strip_bytes(R"({"cells": [{"cell_type": "code", "execution_count": 1, "metadata": {},
      "outputs": [{"output_type": "stream", "name": "err", "text": "x"}], "source": ""}], "metadata": {},
      "nbformat": 4, "nbformat_minor": 4})", options);
    REQUIRE(out.ok());
    CHECK(out->find("\"x\"") != std::string::npos);  // 6 + 3 + 1 = 10 <= 12
  }
  SUBCASE("renumbered ids") {
    StripOptions options;
    options.keep_id = false;
    auto out = strip_bytes(nb, options);
    REQUIRE(out.ok());
    CHECK(out->find("\"id\": \"0\"") != std::string::npos);
  }
}
