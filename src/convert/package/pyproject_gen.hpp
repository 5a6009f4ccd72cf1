// The pyproject.toml nb2py writes next to a generated package when the project has none.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nbloop::convert::package {

/// What the generated pyproject.toml describes.
struct ProjectSpec {
  std::string name;                   ///< the project (distribution) name
  std::vector<std::string> packages;  ///< import packages, sorted
  std::string package_root = ".";     ///< folder holding the packages ("." or e.g. "src")
  std::string tests = "tests";
  std::vector<std::string> dependencies;  ///< requirement specs, as merge_dependencies gives
  /// The notebooks made into the packages (path relative to the project → package), sorted:
  /// written as [tool.nbloop.convert], so a bare `nb2py` later redoes the same run.
  std::vector<std::pair<std::string, std::string>> notebooks;
  int line_length = 88;
};

/// The body of pyproject.toml (without the header): setuptools build system, [project] with
/// the dependencies, pytest's test path and import path (so `pytest` finds the package), and
/// [tool.nbloop.convert] naming the notebooks (one `package`, or a `mapping` when they go to
/// several packages).
std::string pyproject_body(const ProjectSpec& spec);

/// The packages listed in a body pyproject_body made (`[tool.setuptools] packages`).
std::vector<std::string> read_pyproject_packages(std::string_view body);

/// The dependency specs listed in a body pyproject_body made, in order (empty if none).
std::vector<std::string> read_pyproject_dependencies(std::string_view body);

}  // namespace nbloop::convert::package
