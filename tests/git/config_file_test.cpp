#include "git/config_file.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "util/file_io.hpp"

using namespace nbloop::git;

TEST_SUITE("git") {
  TEST_CASE("without_empty_section") {
    SUBCASE("drops a header with no key before the next section") {
      CHECK(without_empty_section("[core]\n\tbare = false\n[filter \"nbloop\"]\n[diff \"x\"]\n\ta = 1\n", "filter", "nbloop") ==
            "[core]\n\tbare = false\n[diff \"x\"]\n\ta = 1\n");
    }
    SUBCASE("drops a header at the end of the file") {
      CHECK(without_empty_section("[core]\n\ta = 1\n[merge \"nbloop\"]\n", "merge", "nbloop") == "[core]\n\ta = 1\n");
    }
    SUBCASE("keeps a section that still holds keys") {
      std::string text = "[filter \"nbloop\"]\n\tmine = 1\n";
      CHECK(without_empty_section(text, "filter", "nbloop") == text);
    }
    SUBCASE("keeps other tools' empty sections") {
      std::string text = "[filter \"lfs\"]\n";
      CHECK(without_empty_section(text, "filter", "nbloop") == text);
    }
  }

  TEST_CASE("ConfigFile") {
    char dir_template[] = "/tmp/nbloop-config-test-XXXXXX";
    REQUIRE(mkdtemp(dir_template) != nullptr);
    std::string path = std::string(dir_template) + "/config";
    const std::string original = "[core]\n\tbare = false\n# a comment\n[user]\n\tname = A\n";
    REQUIRE(nbloop::util::atomic_write(path, original).ok());
    {
      auto config = ConfigFile::open(path);
      REQUIRE(config.ok());
      CHECK(config->set("filter.nbloop.clean", "nbloop strip").ok());
      CHECK(config->set("merge.nbloop.driver", "nbloop merge %O %A %B %L %P").ok());
      auto value = config->get("filter.nbloop.clean");
      REQUIRE(value.ok());
      CHECK(value->value() == "nbloop strip");
      CHECK_FALSE(config->get("filter.nbloop.smudge")->has_value());
      CHECK(config->remove("filter.nbloop.clean").ok());
      CHECK(config->remove("filter.nbloop.clean").ok());  // absent: not an error
      CHECK(config->remove("merge.nbloop.driver").ok());
      CHECK(config->drop_empty_section("filter", "nbloop").ok());
      CHECK(config->drop_empty_section("merge", "nbloop").ok());
    }
    auto after = nbloop::util::read_file(path);
    REQUIRE(after.ok());
    CHECK(*after == original);
    std::remove(path.c_str());
    rmdir(dir_template);
  }
}
