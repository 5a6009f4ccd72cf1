#include "convert/package/package_writer.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>

#include "support/corpus.hpp"
#include "util/file_io.hpp"

using namespace nbloop::convert::package;
namespace test = nbloop::test;

namespace {
PlannedFile planned(std::string path, std::string bytes, Action action, std::string current = "") {
  PlannedFile p;
  p.file = {std::move(path), std::move(bytes), FileKind::module};
  p.action = action;
  p.current = std::move(current);
  return p;
}
bool exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}
}  // namespace

TEST_SUITE("convert.package") {
  TEST_CASE("write_planned") {
    std::string dir = test::make_temp_dir();
    SUBCASE("creates folders and files; leaves unchanged ones alone") {
      std::vector<PlannedFile> files = {planned(dir + "/pkg/sub/a.py", "A\n", Action::create),
                                        planned(dir + "/tests/t.py", "T\n", Action::create),
                                        planned(dir + "/never.py", "N\n", Action::unchanged)};
      CHECK(check_writable(files).empty());
      WriteReport r = write_planned(files, 4);
      CHECK_FALSE(r.failure.has_value());
      CHECK(r.written == 2);
      CHECK(test::read_all(dir + "/pkg/sub/a.py") == "A\n");
      CHECK(test::read_all(dir + "/tests/t.py") == "T\n");
      CHECK_FALSE(exists(dir + "/never.py"));
    }
    SUBCASE("a failure part-way puts everything back") {
      REQUIRE(nbloop::util::atomic_write(dir + "/old.py", "OLD\n").ok());
      REQUIRE(::mkdir((dir + "/blocked").c_str(), 0755) == 0);
      REQUIRE(nbloop::util::atomic_write(dir + "/blocked/ro.py", "RO\n").ok());
      REQUIRE(::chmod((dir + "/blocked/ro.py").c_str(), 0444) == 0);
      std::vector<PlannedFile> files = {planned(dir + "/new/a.py", "A\n", Action::create),
                                        planned(dir + "/old.py", "NEW\n", Action::update, "OLD\n"),
                                        planned(dir + "/blocked/ro.py", "X\n", Action::update, "RO\n")};
      WriteReport r = write_planned(files, 1);
      REQUIRE(r.failure.has_value());
      CHECK(r.failure->path == dir + "/blocked/ro.py");
      CHECK(test::read_all(dir + "/old.py") == "OLD\n");
      CHECK(test::read_all(dir + "/blocked/ro.py") == "RO\n");
      CHECK_FALSE(exists(dir + "/new/a.py"));
      CHECK_FALSE(exists(dir + "/new"));
    }
    test::remove_tree(dir);
  }

  TEST_CASE("check_writable") {
    std::string dir = test::make_temp_dir();
    SUBCASE("a read-only folder (no write bit, even for root)") {
      REQUIRE(::mkdir((dir + "/ro").c_str(), 0555) == 0);
      auto problems = check_writable({planned(dir + "/ro/pkg/a.py", "A\n", Action::create)});
      REQUIRE(problems.size() == 1);
      CHECK(problems[0].error.message == "cannot write into folder '" + dir + "/ro' (read-only); nothing written");
      ::chmod((dir + "/ro").c_str(), 0755);
    }
    SUBCASE("a file where a folder should be") {
      REQUIRE(nbloop::util::atomic_write(dir + "/file", "x").ok());
      auto problems = check_writable({planned(dir + "/file/pkg/a.py", "A\n", Action::create)});
      REQUIRE(problems.size() == 1);
      CHECK(problems[0].error.message == "'" + dir + "/file' is in the way: it is not a folder; nothing written");
    }
    SUBCASE("a read-only file to update") {
      REQUIRE(nbloop::util::atomic_write(dir + "/a.py", "x").ok());
      REQUIRE(::chmod((dir + "/a.py").c_str(), 0444) == 0);
      auto problems = check_writable({planned(dir + "/a.py", "y", Action::update, "x")});
      REQUIRE(problems.size() == 1);
      CHECK(problems[0].error.message == "file is read-only; nothing written");
    }
    test::remove_tree(dir);
  }
}
