// `[tool.nbloop.convert]` in pyproject.toml: which notebooks a bare `nb2py` converts, the
// package and module each one goes to, and where packages and tests are written.
#pragma once

#include <string>
#include <vector>

#include "config/pyproject.hpp"
#include "util/result.hpp"

namespace nbloop::convert::package {

/// One `mapping` entry: notebooks matching `pattern` go to `package` (and, when set, all
/// their cells to `module`).
struct MappingRule {
  std::string pattern;  ///< a glob relative to the pyproject.toml's folder
  std::string package;
  std::string module;  ///< empty: the module name comes from the notebook's file name
  int line = 0;        ///< where the rule is written, for messages
};

/// The convert settings (defaults when there is no table).
struct ConvertConfig {
  std::string file;                    ///< the pyproject.toml read; empty when none
  std::vector<std::string> notebooks;  ///< globs a bare `nb2py` converts
  std::string package;                 ///< the package for notebooks no rule maps
  std::string package_root = ".";      ///< folder (under the output folder) holding packages
  std::string tests = "tests";         ///< folder (under the output folder) holding tests
  int line_length = 88;
  std::vector<MappingRule> mapping;
};

/// Reads the settings from a loaded `[tool.nbloop.convert]` section. Keys: `notebooks`
/// (string or list of globs), `package`, `package-root`, `tests`, `line-length`, and the
/// `mapping` table (glob → "package" or "package.module"). Unknown keys, wrong types,
/// invalid names and folders that leave the project are errors naming the key and its line.
util::Result<ConvertConfig> read_convert_config(const config::Section& section);

}  // namespace nbloop::convert::package
