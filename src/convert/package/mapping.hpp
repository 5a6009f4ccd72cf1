// Which package and module each notebook becomes: the command line's --package, the
// [tool.nbloop.convert] mapping and package, and the notebook's file name, in that order.
#pragma once

#include <string>
#include <vector>

#include "convert/package/package_config.hpp"
#include "util/result.hpp"

namespace nbloop::convert::package {

struct Target {
  std::string package;
  std::string module;  ///< the module for cells no directive routes elsewhere
};

/// The target of a notebook, given its path relative to the pyproject.toml's folder (as
/// mapping patterns are written). The package: `cli_package` when given, else the first
/// mapping rule that names the path exactly, else the rule whose glob matches it, else the
/// config's `package`. The module: the rule's module, else the file name's
/// (module_name_for_notebook). Errors: no package known; globs of different targets
/// matching one notebook (the message names both).
util::Result<Target> resolve_target(const std::string& relative_path, const ConvertConfig& config,
                                    const std::string& cli_package);

/// The notebooks a bare `nb2py` converts: the paths (relative to the pyproject.toml's
/// folder, sorted) that match a `notebooks` glob, or a mapping pattern when `notebooks` is
/// not set.
std::vector<std::string> select_notebooks(const std::vector<std::string>& relative_paths, const ConvertConfig& config);

}  // namespace nbloop::convert::package
