// [tool.nbloop.*] tables from the nearest pyproject.toml, as plain values (no toml++ types
// leak out of this layer).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "util/result.hpp"

namespace nbloop::config {

/// One setting: a boolean, an integer, a string or a list of strings.
using Setting = std::variant<bool, int64_t, std::string, std::vector<std::string>>;

/// The settings of one `[tool.nbloop.<section>]` table, by key, plus where they came from.
struct Section {
  std::string file;  ///< the pyproject.toml read, empty when none was found
  std::map<std::string, Setting> values;
  std::map<std::string, int> lines;  ///< line of each key in `file`
};

/// The nearest pyproject.toml at or above `start_dir` that exists, if any.
std::optional<std::string> find_pyproject(const std::string& start_dir);

/// Reads `[tool.nbloop.<section>]` from a pyproject.toml. A missing table gives an empty
/// Section; a file that is not valid TOML, or a value of an unsupported type, is an error
/// with line:col.
util::Result<Section> load_section(const std::string& pyproject_path, const std::string& section);

/// Loads the section from the nearest pyproject.toml above `start_dir` (empty when none).
util::Result<Section> load_nearest(const std::string& start_dir, const std::string& section);

}  // namespace nbloop::config
