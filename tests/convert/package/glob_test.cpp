#include "convert/package/glob.hpp"

#include <doctest/doctest.h>

using namespace nbloop::convert::package;

TEST_SUITE("convert.package") {
  TEST_CASE("glob_match") {
    SUBCASE("* stays within a folder") {
      CHECK(glob_match("notebooks/*.ipynb", "notebooks/train.ipynb"));
      CHECK_FALSE(glob_match("notebooks/*.ipynb", "notebooks/old/train.ipynb"));
      CHECK_FALSE(glob_match("*.ipynb", "notebooks/train.ipynb"));
      CHECK(glob_match("notebooks/train_*.ipynb", "notebooks/train_model.ipynb"));
      CHECK_FALSE(glob_match("notebooks/train_*.ipynb", "notebooks/eval.ipynb"));
    }
    SUBCASE("** spans any number of folders, none included") {
      CHECK(glob_match("**/*.ipynb", "a.ipynb"));
      CHECK(glob_match("**/*.ipynb", "x/y/a.ipynb"));
      CHECK(glob_match("nb/**/final.ipynb", "nb/final.ipynb"));
      CHECK(glob_match("nb/**/final.ipynb", "nb/a/b/final.ipynb"));
      CHECK_FALSE(glob_match("nb/**/final.ipynb", "other/final.ipynb"));
      CHECK(glob_match("nb/**", "nb/a/b.ipynb"));
    }
    SUBCASE("? and sets") {
      CHECK(glob_match("nb/0?_*.ipynb", "nb/01_intro.ipynb"));
      CHECK(glob_match("nb/[0-9][0-9]_*.ipynb", "nb/12_x.ipynb"));
      CHECK_FALSE(glob_match("nb/[!0-9]*.ipynb", "nb/12_x.ipynb"));
      CHECK(glob_match("nb/[!0-9]*.ipynb", "nb/x.ipynb"));
      CHECK(glob_match("a[b", "a[b"));
    }
    SUBCASE("exact paths and a leading ./") {
      CHECK(glob_match("./notebooks/a.ipynb", "notebooks/a.ipynb"));
      CHECK(glob_match("notebooks/a.ipynb", "./notebooks/a.ipynb"));
      CHECK_FALSE(glob_match("notebooks/a.ipynb", "notebooks/a.ipynbx"));
    }
    CHECK(has_wildcards("a/*.ipynb"));
    CHECK_FALSE(has_wildcards("a/b.ipynb"));
  }
}
