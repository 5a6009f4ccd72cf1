// `nb2py` / `nbloop convert --to package`: notebooks → a Python package with tests, on disk.
// See docs/convert.md.
#pragma once

#include <string>
#include <vector>

namespace nbloop::cli {

struct PackageArgs {
  std::vector<std::string> paths;  ///< notebooks or folders; empty: [tool.nbloop.convert] notebooks
  std::string out;                 ///< output folder; empty: the pyproject.toml's folder, else "."
  std::string package;             ///< overrides the config's package and mapping
  bool check = false;              ///< write nothing; exit 1 listing the files that would change
  bool force = false;              ///< overwrite files edited by hand or not made by nb2py
};

/// Runs the conversion and returns the exit status: 0 done (or in sync with --check), 1 files
/// would change (--check) or were refused (edited by hand, not nb2py's), 2 bad input.
int run_package(const PackageArgs& args);

}  // namespace nbloop::cli
