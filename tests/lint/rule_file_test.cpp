#include "lint/rule_file.hpp"

#include <doctest/doctest.h>

#include "lint/noqa.hpp"
#include "lint/rule_set.hpp"

using namespace nbloop::lint;

namespace {
const char* k_docs = ";;\n;; ## What it does\n;; a\n;;\n;; ## Why is this bad?\n;; b\n;;\n;; ## Example\n;; c\n;;\n;; ## Use instead\n;; d\n";
std::string rule(const std::string& header, const std::string& query) { return header + k_docs + query; }
const std::string k_header = ";; id: NB123\n;; name: my-rule\n;; severity: warning\n;; applies-to: py\n;; message: m `{violation}`\n";
}  // namespace

TEST_CASE("parse_rule_file") {
  auto ok = parse_rule_file(rule(k_header, "(identifier) @violation\n"), "f.scm", "cat");
  REQUIRE(ok.ok());
  CHECK(ok->code == "NB123");
  CHECK(ok->name == "my-rule");
  CHECK(ok->forms == Forms::py);
  CHECK(ok->query_line == 18);
  CHECK(ok->docs.starts_with("## What it does"));

  auto bad_sev = parse_rule_file(rule(";; id: NB1\n;; name: x\n;; severity: loud\n;; applies-to: py\n;; message: m\n", "(x)"), "f", "c");
  REQUIRE(!bad_sev.ok());
  CHECK(bad_sev.error().line == 3);
  CHECK(bad_sev.error().column == 14);
  auto bad_name = parse_rule_file(rule(";; id: NB1\n;; name: No_Good\n;; severity: info\n;; applies-to: py\n;; message: m\n", "(x)"), "f", "c");
  CHECK(!bad_name.ok());
  auto missing = parse_rule_file(";; id: NB1\n;; name: x\n(identifier) @violation\n", "f", "c");
  CHECK(!missing.ok());
  auto no_docs = parse_rule_file(k_header + ";;\n;; ## What it does\n;; a\n(identifier) @violation\n", "f", "c");
  REQUIRE(!no_docs.ok());
  CHECK(no_docs.error().message.find("Why is this bad?") != std::string::npos);
}

TEST_CASE("parse_rule_file: default") {
  auto on = parse_rule_file(rule(k_header, "(identifier) @violation\n"), "f.scm", "cat");
  REQUIRE(on.ok());
  CHECK(on->default_on);
  auto off = parse_rule_file(rule(k_header + ";; default: off\n", "(identifier) @violation\n"), "f.scm", "cat");
  REQUIRE(off.ok());
  CHECK(!off->default_on);
  auto bad = parse_rule_file(rule(k_header + ";; default: maybe\n", "(identifier) @violation\n"), "f.scm", "cat");
  REQUIRE(!bad.ok());
  CHECK(bad.error().message == "invalid default `maybe` (expected on or off)");
  CHECK(bad.error().line == 6);
  CHECK(bad.error().column == 13);
}

TEST_CASE("validate_query") {
  CHECK(validate_query("(identifier) @violation").ok());
  CHECK(validate_query("((identifier) @violation (#match? @violation \"^[a-z]+$\"))").ok());
  auto unknown = validate_query("\n  (identifer) @violation");
  REQUIRE(!unknown.ok());
  CHECK(unknown.error().line == 2);
  CHECK(unknown.error().column == 4);
  CHECK(validate_query("((identifier) @violation (#not-local? @violation))").ok());
  CHECK(!validate_query("((identifier) @violation (#local? @violation \"x\"))").ok());
  CHECK(!validate_query("(identifier) @x").ok());  // no @violation
  CHECK(!validate_query("((identifier) @violation (#frob? @violation))").ok());
  CHECK(!validate_query("((identifier) @violation (#match? @violation \"(\"))").ok());
}

TEST_CASE("parse_noqa_comment") {
  auto blanket = parse_noqa_comment("# noqa");
  CHECK(blanket.kind == ParsedNoqa::Kind::line);
  CHECK(blanket.blanket);
  auto codes = parse_noqa_comment("# noqa: F401, E501 because");
  CHECK(codes.kind == ParsedNoqa::Kind::line);
  CHECK(codes.codes == std::vector<std::string>{"F401", "E501"});
  CHECK(parse_noqa_comment("#NOQA:F401").codes == std::vector<std::string>{"F401"});
  CHECK(parse_noqa_comment("# type: ignore  # noqa: E731").codes == std::vector<std::string>{"E731"});
  CHECK(parse_noqa_comment("# noqanope").kind == ParsedNoqa::Kind::none);
  CHECK(parse_noqa_comment("# just a comment").kind == ParsedNoqa::Kind::none);
  auto file = parse_noqa_comment("# nbloop: noqa-file: F401");
  CHECK(file.kind == ParsedNoqa::Kind::file);
  CHECK(file.codes == std::vector<std::string>{"F401"});
  CHECK(parse_noqa_comment("# ruff: noqa").kind == ParsedNoqa::Kind::file);
  CHECK(parse_noqa_comment("# flake8: noqa: E501").blanket);
}
