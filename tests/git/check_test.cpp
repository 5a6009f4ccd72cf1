#include "git/check.hpp"

#include <doctest/doctest.h>

#include "git/check_report.hpp"

using namespace nbloop::git;

namespace {

const char* k_stripped =
    "{\n \"cells\": [\n  {\n   \"cell_type\": \"code\",\n   \"execution_count\": null,\n   \"id\": \"a1\",\n"
    "   \"metadata\": {},\n   \"outputs\": [],\n   \"source\": [\n    \"x = 1\"\n   ]\n  }\n ],\n"
    " \"metadata\": {},\n \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n";

const char* k_with_count =
    "{\n \"cells\": [\n  {\n   \"cell_type\": \"code\",\n   \"execution_count\": 3,\n   \"id\": \"a1\",\n"
    "   \"metadata\": {},\n   \"outputs\": [],\n   \"source\": [\n    \"x = 1\"\n   ]\n  }\n ],\n"
    " \"metadata\": {},\n \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n";

CheckFinding sample() {
  CheckFinding f;
  f.path = "dir/a,b:c.ipynb";
  f.line = 5;
  f.column = 1;
  f.end_line = 5;
  f.code = "not-stripped";
  f.name = "not-stripped";
  f.summary = "Notebook stored with outputs";
  f.message = "100% not stripped\nsecond line";
  return f;
}

}  // namespace

TEST_SUITE("git") {
  TEST_CASE("check_stripped") {
    nbloop::strip::StripOptions options;
    SUBCASE("a stripped notebook has no finding") {
      auto r = check_stripped({"a.ipynb", k_stripped}, options, false);
      REQUIRE(r.ok());
      CHECK_FALSE(r->has_value());
    }
    SUBCASE("an execution count is reported at its line") {
      auto r = check_stripped({"a.ipynb", k_with_count}, options, false);
      REQUIRE(r.ok());
      REQUIRE(r->has_value());
      const CheckFinding& f = **r;
      CHECK(f.line == 5);
      CHECK(f.code == "not-stripped");
      CHECK(f.message == "notebook is not stripped; `nbloop strip` would change it, first at line 5 (\"execution_count\": 3,)");
    }
    SUBCASE("keep-count makes the same notebook clean") {
      options.keep_count = true;
      auto r = check_stripped({"a.ipynb", k_with_count}, options, false);
      REQUIRE(r.ok());
      CHECK_FALSE(r->has_value());
    }
    SUBCASE("unreadable JSON is an error with a position") {
      auto r = check_stripped({"a.ipynb", "{\n \"cells\": [\n"}, options, false);
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().line > 0);
    }
  }

  TEST_CASE("render_findings") {
    std::vector<CheckFinding> findings = {sample()};
    SUBCASE("text") {
      CHECK(render_findings(findings, ReportFormat::text, "0.1.0") ==
            "dir/a,b:c.ipynb:5:1: error: 100% not stripped\nsecond line [not-stripped]\n");
    }
    SUBCASE("github escapes properties and message, col only on one line") {
      CHECK(render_findings(findings, ReportFormat::github, "0.1.0") ==
            "::error title=nbloop (not-stripped),file=dir/a%2Cb%3Ac.ipynb,line=5,col=1::100%25 not stripped%0Asecond line\n");
    }
    SUBCASE("json") {
      std::string out = render_findings(findings, ReportFormat::json, "0.1.0");
      CHECK(out.find("\"path\": \"dir/a,b:c.ipynb\"") != std::string::npos);
      CHECK(out.find("\"code\": \"not-stripped\"") != std::string::npos);
      CHECK(render_findings({}, ReportFormat::json, "0.1.0") == "[]\n");
    }
    SUBCASE("sarif has the fields GitHub requires") {
      std::string out = render_findings(findings, ReportFormat::sarif, "0.1.0");
      for (const char* needle : {"\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\"", "\"version\": \"2.1.0\"",
                                 "\"id\": \"not-stripped\"", "\"shortDescription\"", "\"help\"", "\"ruleId\": \"not-stripped\"",
                                 "\"startLine\": 5", "\"uri\": \"dir/a,b:c.ipynb\""}) {
        CHECK_MESSAGE(out.find(needle) != std::string::npos, needle);
      }
    }
    SUBCASE("format names") {
      CHECK(parse_report_format("sarif") == ReportFormat::sarif);
      CHECK_FALSE(parse_report_format("junit").has_value());
    }
  }
}
