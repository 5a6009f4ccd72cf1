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

/// A table whose values are strings or lists of strings (e.g. lint's per-file-ignores), in
/// key order (as toml++ keeps tables); a single string becomes a one-element list.
using StringListTable = std::vector<std::pair<std::string, std::vector<std::string>>>;

/// One setting: a boolean, an integer, a string, a list of strings or such a table.
using Setting = std::variant<bool, int64_t, std::string, std::vector<std::string>, StringListTable>;

/// The settings of one `[tool.nbloop.<section>]` table, by key, plus where they came from.
struct Section {
  std::string file;  ///< the pyproject.toml read, empty when none was found
  std::map<std::string, Setting> values;
  std::map<std::string, int> lines;    ///< line of each key's value in `file`
  std::map<std::string, int> columns;  ///< column of each key's value in `file`
};

/// The nearest pyproject.toml at or above `start_dir` that exists, if any.
std::optional<std::string> find_pyproject(const std::string& start_dir);

/// Reads `[tool.nbloop.<section>]` from a pyproject.toml. A missing table gives an empty
/// Section; a file that is not valid TOML, or a value of an unsupported type, is an error
/// with line:col. The folder of the file is `Section::file`'s folder.
util::Result<Section> load_section(const std::string& pyproject_path, const std::string& section);

/// Loads the section from the nearest pyproject.toml above `start_dir` (empty when none).
util::Result<Section> load_nearest(const std::string& start_dir, const std::string& section);

}  // namespace nbloop::config
