// `[tool.nbloop.lint]` in the nearest pyproject.toml: select, extend-select, ignore,
// per-file-ignores (a table of glob = [codes]) and extend-rules (rule folders).
#pragma once

#include <string>

#include "lint/lint.hpp"
#include "util/result.hpp"

namespace nbloop::lint {

/// Reads `[tool.nbloop.lint]` from `pyproject_path` into `config` (relative folders are
/// made relative to the file's folder). Errors: invalid TOML, wrong value types, unknown
/// keys, each with line:col.
util::Status load_config_file(const std::string& pyproject_path, Config& config);

/// Finds the nearest pyproject.toml at or above `start_dir` and loads it (no file: no change).
/// Returns the path read, empty when none.
util::Result<std::string> load_nearest_config(const std::string& start_dir, Config& config);

}  // namespace nbloop::lint
