#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "config/pyproject.hpp"
#include "support/corpus.hpp"

using namespace nbloop;

TEST_CASE("load_nearest") {
  std::string dir = test::make_temp_dir();
  std::filesystem::create_directories(dir + "/a/b");
  std::ofstream(dir + "/pyproject.toml") << "[project]\nname = \"x\"\n\n[tool.nbloop.strip]\nkeep-count = true\n"
                                            "extra-keys = [\"metadata.a\"]\nmax-size = \"10k\"\n";
  auto section = config::load_nearest(dir + "/a/b", "strip");
  REQUIRE(section.ok());
  CHECK(std::get<bool>(section->values.at("keep-count")));
  CHECK(std::get<std::vector<std::string>>(section->values.at("extra-keys")).at(0) == "metadata.a");
  CHECK(std::get<std::string>(section->values.at("max-size")) == "10k");
  CHECK(section->lines.at("max-size") == 7);
  auto other = config::load_nearest(dir, "lint");
  REQUIRE(other.ok());
  CHECK(other->values.empty());
  std::ofstream(dir + "/pyproject.toml") << "[tool.nbloop.lint.per-file-ignores]\n\"tests/*\" = [\"F401\"]\n\"*.ipynb\" = \"E402\"\n";
  auto table = config::load_nearest(dir, "lint");
  REQUIRE(table.ok());
  const auto& pfi = std::get<config::StringListTable>(table->values.at("per-file-ignores"));
  REQUIRE(pfi.size() == 2);
  CHECK(pfi[0] == std::pair<std::string, std::vector<std::string>>{"*.ipynb", {"E402"}});
  CHECK(pfi[1] == std::pair<std::string, std::vector<std::string>>{"tests/*", {"F401"}});
  std::ofstream(dir + "/pyproject.toml") << "[tool.nbloop.strip\n";
  auto broken = config::load_nearest(dir, "strip");
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.error().line == 1);
  test::remove_tree(dir);
}
