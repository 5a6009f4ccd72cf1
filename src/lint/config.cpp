#include "lint/config.hpp"

#include <toml++/toml.h>

#include "config/pyproject.hpp"
#include "util/file_io.hpp"

namespace nbloop::lint {
namespace {

util::Error at(const toml::node& node, std::string message) {
  return util::make_error(std::move(message), static_cast<int>(node.source().begin.line),
                          static_cast<int>(node.source().begin.column));
}

util::Result<std::vector<std::string>> strings(const toml::node& node, const std::string& key) {
  std::vector<std::string> out;
  if (node.is_string()) {
    out.push_back(*node.value<std::string>());
    return out;
  }
  const toml::array* arr = node.as_array();
  if (arr == nullptr) {
    return at(node, "tool.nbloop.lint." + key + ": expected a list of strings");
  }
  for (const auto& item : *arr) {
    if (!item.is_string()) {
      return at(item, "tool.nbloop.lint." + key + ": expected a list of strings");
    }
    out.push_back(*item.value<std::string>());
  }
  return out;
}

}  // namespace

util::Status load_config_file(const std::string& pyproject_path, Config& config) {
  auto bytes = util::read_file(pyproject_path);
  if (!bytes) {
    return bytes.error();
  }
  toml::table table;
  try {
    table = toml::parse(std::string_view(*bytes), std::string_view(pyproject_path));
  } catch (const toml::parse_error& e) {
    return util::make_error("invalid TOML: " + std::string(e.description()), static_cast<int>(e.source().begin.line),
                            static_cast<int>(e.source().begin.column));
  }
  const toml::node* node = table.at_path("tool.nbloop.lint").node();
  if (node == nullptr) {
    return util::Ok{};
  }
  const toml::table* t = node->as_table();
  if (t == nullptr) {
    return at(*node, "[tool.nbloop.lint] is not a table");
  }
  std::string dir = pyproject_path.find('/') == std::string::npos ? "." : pyproject_path.substr(0, pyproject_path.rfind('/'));
  config.base_dir = dir;
  for (const auto& [k, value] : *t) {
    std::string key(k.str());
    if (key == "per-file-ignores") {
      const toml::table* pfi = value.as_table();
      if (pfi == nullptr) {
        return at(value, "tool.nbloop.lint.per-file-ignores: expected a table of \"glob\" = [codes]");
      }
      for (const auto& [glob, codes] : *pfi) {
        auto list = strings(codes, key);
        if (!list) {
          return list.error();
        }
        config.per_file_ignores.emplace_back(std::string(glob.str()), std::move(*list));
      }
      continue;
    }
    auto list = strings(value, key);
    if (!list) {
      return list.error();
    }
    if (key == "select") {
      config.select = std::move(*list);
    } else if (key == "extend-select") {
      config.extend_select.insert(config.extend_select.end(), list->begin(), list->end());
    } else if (key == "ignore") {
      config.ignore.insert(config.ignore.end(), list->begin(), list->end());
    } else if (key == "extend-rules") {
      for (std::string& d : *list) {
        config.extra_rule_dirs.push_back(d.starts_with('/') ? d : dir + "/" + d);
      }
    } else {
      return at(value, "tool.nbloop.lint." + key +
                           ": unknown setting (expected select, extend-select, ignore, per-file-ignores or extend-rules)");
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
