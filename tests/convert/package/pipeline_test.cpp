#include "convert/package/pipeline.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "support/corpus.hpp"

using namespace nbloop::convert::package;
namespace fs = std::filesystem;

namespace {

// Runs the test inside a fresh folder (the pipeline names paths relative to the working
// folder, as nb2py shows them) and puts everything back afterwards.
struct InTempDir {
  fs::path previous = fs::current_path();
  std::string dir = nbloop::test::make_temp_dir();
  InTempDir() { fs::current_path(dir); }
  ~InTempDir() {
    fs::current_path(previous);
    nbloop::test::remove_tree(dir);
  }
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

const PlannedFile* find(const PackageRun& run, const std::string& path) {
  for (const auto& f : run.plan.files) {
    if (f.file.path == path) {
      return &f;
    }
  }
  return nullptr;
}

}  // namespace

TEST_SUITE("convert.package") {
  TEST_CASE("format_message") {
    CHECK(format_message({Severity::error, "a.ipynb", 3, 2, 5, "bad"}) == "a.ipynb:cell 3:2:5: error: bad");
    CHECK(format_message({Severity::warning, "a.ipynb", 3, 2, 0, "w"}) == "a.ipynb:cell 3:2:1: warning: w");
    CHECK(format_message({Severity::error, "a.ipynb", 3, 0, 0, "m"}) == "a.ipynb:cell 3: error: m");
    CHECK(format_message({Severity::error, "pyproject.toml", 0, 4, 1, "key"}) == "pyproject.toml:4:1: error: key");
    CHECK(format_message({Severity::warning, "x.py", 0, 0, 0, "w"}) == "x.py: warning: w");
    CHECK(format_message({Severity::error, "", 0, 0, 0, "usage"}) == "nbloop: error: usage");
  }

  TEST_CASE("plan_run") {
    InTempDir tmp;
    put("pyproject.toml", "[tool.nbloop.convert]\nnotebooks = [\"nb/*.ipynb\"]\npackage = \"demo\"\n");
    put("nb/train.ipynb", notebook(R"("def double(x):\n", "    return 2 * x\n")"));

    SUBCASE("a first run creates every file; a second plans nothing") {
      PackageRun run = plan_run({});
      REQUIRE(run.stopped == Stop::none);
      CHECK(run.messages.empty());
      CHECK(run.config_file.ends_with("pyproject.toml"));
      CHECK(run.notebooks == std::vector<std::string>{"nb/train.ipynb"});
      REQUIRE(find(run, "demo/train.py") != nullptr);
      REQUIRE(find(run, "demo/__init__.py") != nullptr);
      CHECK(find(run, "demo/train.py")->action == Action::create);
      CHECK(find(run, "demo/train.py")->file.bytes.find("def double(x):") != std::string::npos);
      // The user's pyproject.toml (no nb2py header) is left out of the package's files.
      CHECK(find(run, "pyproject.toml") == nullptr);

      WriteResult written = write_run(run, 2);
      CHECK(written.outcome == WriteResult::Outcome::written);
      CHECK(written.messages.empty());
      CHECK(nbloop::test::read_all("demo/train.py") == find(run, "demo/train.py")->file.bytes);

      PackageRun again = plan_run({});
      REQUIRE(again.stopped == Stop::none);
      CHECK(std::none_of(again.plan.files.begin(), again.plan.files.end(),
                         [](const PlannedFile& f) { return writes(f); }));

      SUBCASE("a changed notebook: its module is to be updated") {
        put("nb/train.ipynb", notebook(R"("def double(x):\n", "    return x + x\n")"));
        PackageRun changed = plan_run({});
        REQUIRE(changed.stopped == Stop::none);
        CHECK(find(changed, "demo/train.py")->action == Action::update);
        CHECK(changed.plan.refusals.empty());
      }
      SUBCASE("a module edited by hand: refused, and writing refuses it") {
        put("demo/train.py", nbloop::test::read_all("demo/train.py") + "# mine\n");
        PackageRun edited = plan_run({});
        REQUIRE(edited.stopped == Stop::none);
        CHECK(find(edited, "demo/train.py")->action == Action::edited_by_hand);
        REQUIRE(edited.plan.refusals.size() == 1);
        CHECK(edited.plan.refusals[0].path == "demo/train.py");
        WriteResult refused = write_run(edited, 2);
        CHECK(refused.outcome == WriteResult::Outcome::refused);
        REQUIRE(refused.messages.size() == 1);
        CHECK(format_message(refused.messages[0]).starts_with("demo/train.py: error: edited by hand since nb2py"));

        RunOptions force;
        force.force = true;
        PackageRun forced = plan_run(force);
        CHECK(forced.plan.refusals.empty());
        CHECK(find(forced, "demo/train.py")->forced);
      }
    }
    SUBCASE("named notebooks and --out") {
      RunOptions options;
      options.paths = {"nb/train.ipynb"};
      options.out = "build";
      options.package = "other";
      PackageRun run = plan_run(options);
      REQUIRE(run.stopped == Stop::none);
      CHECK(run.out_dir == "build");
      CHECK(find(run, "build/other/train.py") != nullptr);
    }
    SUBCASE("a syntax error stops the run at the generator, located in its cell") {
      put("nb/broken.ipynb", notebook(R"("def f(:\n")"));
      PackageRun run = plan_run({});
      CHECK(run.stopped == Stop::generate);
      CHECK(run.plan.files.empty());
      REQUIRE_FALSE(run.messages.empty());
      CHECK(format_message(run.messages.back()).starts_with("nb/broken.ipynb:cell 1:"));
      CHECK(run.messages.back().severity == Severity::error);
    }
    SUBCASE("a notebook that does not exist stops the run when it is read") {
      RunOptions options;
      options.paths = {"missing.ipynb"};
      PackageRun run = plan_run(options);
      CHECK(run.stopped == Stop::generate);
      REQUIRE(run.messages.size() == 1);
      CHECK(run.messages[0].path == "missing.ipynb");
      CHECK(run.messages[0].severity == Severity::error);
    }
  }

  TEST_CASE("plan_run without config") {
    InTempDir tmp;
    PackageRun run = plan_run({});
    CHECK(run.stopped == Stop::notebooks);
    CHECK(run.config_file.empty());
    REQUIRE(run.messages.size() == 1);
    CHECK(format_message(run.messages[0]) ==
          "nbloop: error: no notebooks given, and no [tool.nbloop.convert] notebooks in a pyproject.toml here or "
          "above");
  }

  TEST_CASE("plan_run with an invalid config") {
    InTempDir tmp;
    put("pyproject.toml", "[tool.nbloop.convert]\nline-length = \"wide\"\n");
    PackageRun run = plan_run({});
    CHECK(run.stopped == Stop::config);
    REQUIRE(run.messages.size() == 1);
    CHECK(run.messages[0].path.ends_with("pyproject.toml"));
    CHECK(run.messages[0].line == 2);
  }
}
