#include "lint/config.hpp"

#include "config/pyproject.hpp"

namespace nbloop::lint {

util::Status load_config_file(const std::string& pyproject_path, Config& config) {
  auto section = config::load_section(pyproject_path, "lint");
  if (!section) {
    return section.error();
  }
  std::string dir = pyproject_path.find('/') == std::string::npos ? "." : pyproject_path.substr(0, pyproject_path.rfind('/'));
  if (section->values.empty()) {
    return util::Ok{};
  }
  config.base_dir = dir;
  for (const auto& [key, value] : section->values) {
    auto fail = [&, k = key](const std::string& what) -> util::Status {
      return util::make_error("tool.nbloop.lint." + k + ": " + what, section->lines.at(k), section->columns.at(k));
    };
    if (key == "per-file-ignores") {
      const auto* table = std::get_if<config::StringListTable>(&value);
      if (table == nullptr) {
        return fail("expected a table of \"glob\" = [codes]");
      }
      config.per_file_ignores.insert(config.per_file_ignores.end(), table->begin(), table->end());
      continue;
    }
    if (key == "max-output-bytes") {
      const auto* n = std::get_if<int64_t>(&value);
      if (n == nullptr || *n <= 0) {
        return fail("expected a positive integer (bytes)");
      }
      config.max_output_bytes = static_cast<size_t>(*n);
      continue;
    }
    std::vector<std::string> list;
    if (const auto* l = std::get_if<std::vector<std::string>>(&value)) {
      list = *l;
    } else if (const auto* s = std::get_if<std::string>(&value)) {
      list.push_back(*s);
    } else {
      return fail("expected a list of strings");
    }
    if (key == "select") {
      config.select = std::move(list);
    } else if (key == "extend-select") {
      config.extend_select.insert(config.extend_select.end(), list.begin(), list.end());
    } else if (key == "ignore") {
      config.ignore.insert(config.ignore.end(), list.begin(), list.end());
    } else if (key == "extend-rules") {
      for (std::string& d : list) {
        config.extra_rule_dirs.push_back(d.starts_with('/') ? d : dir + "/" + d);
      }
    } else {
      return fail("unknown setting (expected select, extend-select, ignore, per-file-ignores, extend-rules or max-output-bytes)");
    }
  }
  return util::Ok{};
}

util::Result<std::string> load_nearest_config(const std::string& start_dir, Config& config) {
  auto path = config::find_pyproject(start_dir);
  if (!path) {
    return std::string();
  }
  if (auto st = load_config_file(*path, config); !st) {
    return st.error();
  }
  return *path;
}

}  // namespace nbloop::lint
