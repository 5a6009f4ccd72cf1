#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "convert/package/pipeline.hpp"
#include "git/check.hpp"
#include "support/corpus.hpp"

using namespace nbloop::git;
namespace fs = std::filesystem;
namespace pkg = nbloop::convert::package;

namespace {

// The check names files relative to the working folder (as nb2py does): each test runs in a
// fresh folder and puts the working folder back afterwards.
struct InTempDir {
  fs::path previous = fs::current_path();
  std::string dir = nbloop::test::make_temp_dir();
  InTempDir() { fs::current_path(dir); }
  ~InTempDir() {
    fs::current_path(previous);
    nbloop::test::remove_tree(dir);
  }
  std::string abs(const std::string& path) const { return (fs::current_path() / path).lexically_normal().string(); }
};

void put(const std::string& path, const std::string& text) {
  if (fs::path(path).has_parent_path()) {
    fs::create_directories(fs::path(path).parent_path());
  }
  std::ofstream(path, std::ios::binary) << text;
}

std::string notebook(const std::string& code) {
  return R"({"cells": [{"cell_type": "code", "execution_count": null, "id": "c1", "metadata": {}, "outputs": [], )"
         R"("source": [)" +
         code +
         R"(]}], "metadata": {"kernelspec": {"language": "python", "name": "python3", "display_name": "Python 3"}}, )"
         R"("nbformat": 4, "nbformat_minor": 5})";
}

// A project of two notebooks, generated and in sync.
void make_project() {
  put("pyproject.toml", "[tool.nbloop.convert]\nnotebooks = [\"nb/*.ipynb\"]\npackage = \"demo\"\n");
  put("nb/train.ipynb", notebook(R"("def double(x):\n", "    return 2 * x\n")"));
  put("nb/score.ipynb", notebook(R"("def triple(x):\n", "    return 3 * x\n")"));
  pkg::PackageRun run = pkg::plan_run({});
  REQUIRE(run.stopped == pkg::Stop::none);
  REQUIRE(pkg::write_run(run, 2).outcome == pkg::WriteResult::Outcome::written);
}

}  // namespace

TEST_SUITE("git") {
  TEST_CASE("read_check_config") {
    nbloop::config::Section section;
    CHECK_FALSE(read_check_config(section)->package.has_value());
    section.values["package"] = false;
    CHECK(read_check_config(section)->package == false);
    section.values["package"] = std::string("yes");
    section.lines["package"] = 3;
    section.columns["package"] = 11;
    auto bad = read_check_config(section);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message == "tool.nbloop.check.package: expected true or false");
    CHECK(bad.error().line == 3);
    section.values.clear();
    section.values["packages"] = true;
    REQUIRE_FALSE(read_check_config(section));
    CHECK(read_check_config(section).error().message == "tool.nbloop.check.packages: unknown setting");
  }

  TEST_CASE("check_package") {
    InTempDir tmp;
    SUBCASE("no [tool.nbloop.convert]: nothing to check") {
      put("pyproject.toml", "[project]\nname = \"x\"\n");
      PackageCheck check = check_package(".", nullptr);
      CHECK_FALSE(check.configured);
      CHECK_FALSE(check.compared);
      CHECK(check.findings.empty());
    }
    SUBCASE("a project in sync has no finding") {
      make_project();
      PackageCheck check = check_package(".", nullptr);
      CHECK(check.configured);
      CHECK(check.compared);
      CHECK(check.errors.empty());
      CHECK(check.findings.empty());
      CHECK(check.notebooks == std::vector<std::string>{"nb/score.ipynb", "nb/train.ipynb"});
      CHECK(check.considered == check.notebooks);
    }
    SUBCASE("a notebook edited without regenerating") {
      make_project();
      put("nb/train.ipynb", notebook(R"("def double(x):\n", "    return x + x\n")"));

      PackageCheck all = check_package(".", nullptr);
      REQUIRE(all.findings.size() == 1);
      const CheckFinding& f = all.findings[0];
      CHECK(f.path == "demo/train.py");
      CHECK(f.code == "package-out-of-sync");
      CHECK(f.message == "out of sync with nb/train.ipynb (run nb2py)");
      // Located at the body's first changed line (the header's hash differs too).
      auto lines = nbloop::test::read_all("demo/train.py");
      size_t at = 0;
      for (int i = 1; i < f.line; ++i) {
        at = lines.find('\n', at) + 1;
      }
      CHECK(lines.substr(at).starts_with("    return 2 * x"));

      SUBCASE("in scope: the notebook") {
        std::string nb = tmp.abs("nb/train.ipynb");
        PackageCheck check = check_package(".", [&](const std::string& p) { return p == nb; });
        CHECK(check.findings.size() == 1);
        CHECK(check.considered == std::vector<std::string>{"nb/train.ipynb"});
      }
      SUBCASE("in scope: another notebook of the project only") {
        std::string nb = tmp.abs("nb/score.ipynb");
        PackageCheck check = check_package(".", [&](const std::string& p) { return p == nb; });
        CHECK(check.compared);
        CHECK(check.findings.empty());
        CHECK(check.considered == std::vector<std::string>{"nb/score.ipynb"});
      }
      SUBCASE("in scope: the pyproject.toml, which decides every file") {
        std::string py = tmp.abs("pyproject.toml");
        PackageCheck check = check_package(".", [&](const std::string& p) { return p == py; });
        CHECK(check.findings.size() == 1);
        CHECK(check.considered.size() == 2);
      }
      SUBCASE("in scope: nothing of the project") {
        PackageCheck check = check_package(".", [](const std::string&) { return false; });
        CHECK(check.configured);
        CHECK_FALSE(check.compared);
        CHECK(check.findings.empty());
      }
    }
    SUBCASE("a generated file edited by hand, in scope itself") {
      make_project();
      put("demo/score.py", nbloop::test::read_all("demo/score.py") + "print('mine')\n");
      std::string mod = tmp.abs("demo/score.py");
      PackageCheck check = check_package(".", [&](const std::string& p) { return p == mod; });
      REQUIRE(check.findings.size() == 1);
      CHECK(check.findings[0].path == "demo/score.py");
      CHECK(check.findings[0].code == "generated-file-edited");
      CHECK(check.findings[0].line > 1);
    }
    SUBCASE("a missing generated file") {
      make_project();
      fs::remove("tests/test_score.py");
      PackageCheck check = check_package(".", nullptr);
      REQUIRE(check.findings.size() == 1);
      CHECK(check.findings[0].path == "tests/test_score.py");
      CHECK(check.findings[0].line == 0);
      CHECK(check.findings[0].message.starts_with("missing: nb2py would create it from nb/score.ipynb"));
    }
    SUBCASE("a notebook nb2py refuses: its errors, when the project is in scope") {
      make_project();
      put("nb/train.ipynb", notebook(R"("def f(:\n")"));
      PackageCheck check = check_package(".", nullptr);
      CHECK(check.findings.empty());
      REQUIRE_FALSE(check.errors.empty());
      CHECK(pkg::format_message(check.errors[0]).starts_with("nb/train.ipynb:cell 1:"));
      PackageCheck elsewhere = check_package(".", [](const std::string&) { return false; });
      CHECK(elsewhere.errors.empty());
    }
  }
}
