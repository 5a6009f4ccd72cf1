#include "convert/package/names.hpp"

#include <doctest/doctest.h>

using namespace nbloop::convert::package;

TEST_SUITE("convert.package") {
  TEST_CASE("is_module_name") {
    CHECK(is_module_name("churn"));
    CHECK(is_module_name("_private2"));
    CHECK(is_module_name("match"));  // a soft keyword is a valid name
    CHECK_FALSE(is_module_name("class"));
    CHECK_FALSE(is_module_name("None"));
    CHECK_FALSE(is_module_name("2fast"));
    CHECK_FALSE(is_module_name("my-package"));
    CHECK_FALSE(is_module_name(""));
    CHECK_FALSE(is_module_name("caf\xc3\xa9"));
  }

  TEST_CASE("invalid_name_reason") {
    CHECK(invalid_name_reason("ok_name") == "");
    CHECK(invalid_name_reason("def") == "'def' is a Python keyword");
    CHECK(invalid_name_reason("a.b") ==
          "'a.b' is not a valid Python identifier (letters, digits and _, not starting with a digit)");
  }

  TEST_CASE("module_name_for_notebook") {
    CHECK(module_name_for_notebook("train_model.ipynb") == "train_model");
    CHECK(module_name_for_notebook("01 - Data Prep.ipynb") == "data_prep");
    CHECK(module_name_for_notebook("00_core.ipynb") == "core");
    CHECK(module_name_for_notebook("Feature-Engineering (v2).ipynb") == "feature_engineering_v2");
    CHECK(module_name_for_notebook("2019.ipynb") == "nb_2019");
    CHECK(module_name_for_notebook("3d_plots.ipynb") == "nb_3d_plots");
    CHECK(module_name_for_notebook("class.ipynb") == "class_");
    CHECK(module_name_for_notebook("_helpers.ipynb") == "_helpers");
    CHECK(module_name_for_notebook("---.ipynb") == "notebook");
    CHECK(module_name_for_notebook("caf\xc3\xa9.ipynb") == "caf");
  }
}
