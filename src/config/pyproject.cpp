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
    if (auto b = value.value<bool>(); b && value.is_boolean()) {
      out.values[k] = *b;
    } else if (value.is_integer()) {
      out.values[k] = *value.value<int64_t>();
    } else if (value.is_string()) {
      out.values[k] = *value.value<std::string>();
    } else if (const toml::array* arr = value.as_array()) {
      std::vector<std::string> items;
      for (const auto& item : *arr) {
        if (!item.is_string()) {
          return util::make_error("tool.nbloop." + section + "." + k + ": expected a list of strings", line, column);
        }
        items.push_back(*item.value<std::string>());
      }
      out.values[k] = std::move(items);
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
