#include "config/pyproject.hpp"

#include <sys/stat.h>

#include <toml++/toml.h>

#include "util/file_io.hpp"

namespace nbloop::config {

std::optional<std::string> find_pyproject(const std::string& start_dir) {
  std::string dir = start_dir.empty() ? "." : start_dir;
  char resolved[PATH_MAX];
  if (realpath(dir.c_str(), resolved) != nullptr) {
    dir = resolved;
  }
  for (;;) {
    std::string candidate = (dir == "/" ? "" : dir) + "/pyproject.toml";
    struct stat st {};
    if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
      return candidate;
    }
    if (dir == "/" || dir.empty()) {
      return std::nullopt;
    }
    auto slash = dir.rfind('/');
    dir = slash == 0 ? "/" : dir.substr(0, slash);
  }
}

util::Result<Section> load_section(const std::string& pyproject_path, const std::string& section) {
  Section out;
  out.file = pyproject_path;
  auto bytes = util::read_file(pyproject_path);
  if (!bytes) {
    return bytes.error();
  }
  toml::table table;
  try {
    table = toml::parse(std::string_view(*bytes), std::string_view(pyproject_path));
  } catch (const toml::parse_error& e) {
    return util::make_error("invalid TOML: " + std::string(e.description()),
                            static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column));
  }
  const toml::node* node = table.at_path("tool.nbloop." + section).node();
  if (node == nullptr) {
    return out;
  }
  const toml::table* t = node->as_table();
  if (t == nullptr) {
    return util::make_error("[tool.nbloop." + section + "] is not a table",
                            static_cast<int>(node->source().begin.line), static_cast<int>(node->source().begin.column));
  }
  for (const auto& [key, value] : *t) {
    std::string k(key.str());
    int line = static_cast<int>(value.source().begin.line);
    int column = static_cast<int>(value.source().begin.column);
    out.lines[k] = line;
    out.columns[k] = column;
    auto string_list = [&](const toml::node& node, const std::string& name) -> util::Result<std::vector<std::string>> {
      if (node.is_string()) {
        return std::vector<std::string>{*node.value<std::string>()};
      }
      const toml::array* arr = node.as_array();
      std::vector<std::string> items;
      for (size_t i = 0; arr != nullptr && i < arr->size(); ++i) {
        if (!(*arr)[i].is_string()) {
          arr = nullptr;
          break;
        }
        items.push_back(*(*arr)[i].value<std::string>());
      }
      if (arr == nullptr) {
        return util::make_error("tool.nbloop." + section + "." + name + ": expected a list of strings",
                                static_cast<int>(node.source().begin.line), static_cast<int>(node.source().begin.column));
      }
      return items;
    };
    if (value.is_boolean()) {
      out.values[k] = *value.value<bool>();
    } else if (value.is_integer()) {
      out.values[k] = *value.value<int64_t>();
    } else if (value.is_string()) {
      out.values[k] = *value.value<std::string>();
    } else if (value.is_array()) {
      auto items = string_list(value, k);
      if (!items) {
        return items.error();
      }
      out.values[k] = std::move(*items);
    } else if (const toml::table* sub = value.as_table()) {
      StringListTable table_value;
      for (const auto& [sub_key, sub_value] : *sub) {
        auto items = string_list(sub_value, k + "." + std::string(sub_key.str()));
        if (!items) {
          return items.error();
        }
        table_value.emplace_back(std::string(sub_key.str()), std::move(*items));
      }
      out.values[k] = std::move(table_value);
    } else {
      return util::make_error("tool.nbloop." + section + "." + k + ": unsupported value type", line, column);
    }
  }
  return out;
}

util::Result<Section> load_nearest(const std::string& start_dir, const std::string& section) {
  auto path = find_pyproject(start_dir);
  if (!path) {
    return Section{};
  }
  return load_section(*path, section);
}

}  // namespace nbloop::config
