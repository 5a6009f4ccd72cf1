#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "support/corpus.hpp"
#include "util/file_io.hpp"
#include "util/file_walk.hpp"
#include "util/text.hpp"

using namespace nbloop;

TEST_CASE("atomic_write") {
  std::string dir = test::make_temp_dir();
  std::string path = dir + "/a.ipynb";
  SUBCASE("creates, replaces and keeps the mode") {
    REQUIRE(util::atomic_write(path, "one").ok());
    ::chmod(path.c_str(), 0640);
    REQUIRE(util::atomic_write(path, "two").ok());
    CHECK(test::read_all(path) == "two");
    struct stat st {};
    ::stat(path.c_str(), &st);
    CHECK((st.st_mode & 0777) == 0640);
  }
  SUBCASE("refuses a read-only file and leaves it as it was") {
    REQUIRE(util::atomic_write(path, "one").ok());
    ::chmod(path.c_str(), 0444);
    auto st = util::atomic_write(path, "two");
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().message == "file is read-only; left unchanged");
    CHECK(test::read_all(path) == "one");
    CHECK(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()) == 1);
  }
  SUBCASE("replace_if_changed leaves equal bytes alone") {
    REQUIRE(util::atomic_write(path, "same").ok());
    auto r = util::replace_if_changed(path, "same", "same");
    REQUIRE(r.ok());
    CHECK(*r == util::WriteOutcome::unchanged);
  }
  test::remove_tree(dir);
}

TEST_CASE("read_file") {
  CHECK(util::read_file("/nonexistent/x.ipynb").error().message == "no such file");
  CHECK(util::read_file("/").error().message == "is a directory, expected a file");
}

TEST_CASE("expand_paths") {
  std::string dir = test::make_temp_dir();
  std::filesystem::create_directories(dir + "/b/.ipynb_checkpoints");
  std::filesystem::create_directories(dir + "/.hidden");
  for (const char* name : {"/b/2.ipynb", "/a.ipynb", "/b/.ipynb_checkpoints/x.ipynb", "/.hidden/y.ipynb", "/c.py"}) {
    std::ofstream(dir + name) << "{}";
  }
  auto entries = util::expand_paths({dir}, {".ipynb"});
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].path == dir + "/a.ipynb");
  CHECK(entries[1].path == dir + "/b/2.ipynb");
  test::remove_tree(dir);
}

TEST_CASE("line_col_at counts code points") {
  CHECK(util::line_col_at("ab\ncé d", 7).line == 2);
  CHECK(util::line_col_at("ab\ncé d", 7).column == 4);
}
