#include "convert/package/package_config.hpp"

#include "convert/package/names.hpp"

namespace nbloop::convert::package {
namespace {

// A folder given in the config must stay inside the project: relative, no `..` segment.
std::string folder_problem(const std::string& folder) {
  if (folder.empty()) {
    return "expected a folder name";
  }
  if (folder[0] == '/') {
    return "expected a folder relative to pyproject.toml, got an absolute path";
  }
  size_t start = 0;
  while (start <= folder.size()) {
    size_t end = folder.find('/', start);
    if (end == std::string::npos) {
      end = folder.size();
    }
    if (folder.substr(start, end - start) == "..") {
      return "expected a folder inside the project, got '" + folder + "'";
    }
    start = end + 1;
  }
  return "";
}

}  // namespace

util::Result<ConvertConfig> read_convert_config(const config::Section& section) {
  ConvertConfig out;
  out.file = section.file;
  for (const auto& [key, value] : section.values) {
    auto at = [&, k = key](const std::string& what) -> util::Error {
      auto line = section.lines.find(k);
      auto column = section.columns.find(k);
      return util::make_error("tool.nbloop.convert." + k + ": " + what, line == section.lines.end() ? 0 : line->second,
                              column == section.columns.end() ? 0 : column->second);
    };
    const auto* text = std::get_if<std::string>(&value);
    if (key == "notebooks") {
      if (text != nullptr) {
        out.notebooks = {*text};
      } else if (const auto* list = std::get_if<std::vector<std::string>>(&value)) {
        out.notebooks = *list;
      } else {
        return at("expected a glob or a list of globs");
      }
    } else if (key == "package") {
      if (text == nullptr) {
        return at("expected a package name");
      }
      if (auto why = invalid_name_reason(*text); !why.empty()) {
        return at(why);
      }
      out.package = *text;
    } else if (key == "package-root" || key == "tests") {
      if (text == nullptr) {
        return at("expected a folder name");
      }
      if (auto why = folder_problem(*text); !why.empty()) {
        return at(why);
      }
      (key == "tests" ? out.tests : out.package_root) = *text;
    } else if (key == "line-length") {
      const auto* n = std::get_if<int64_t>(&value);
      if (n == nullptr || *n < 20 || *n > 1000) {
        return at("expected a number from 20 to 1000");
      }
      out.line_length = static_cast<int>(*n);
    } else if (key == "mapping") {
      const auto* table = std::get_if<config::StringListTable>(&value);
      if (table == nullptr) {
        return at("expected a table of glob = \"package\" or \"package.module\"");
      }
      for (const auto& [pattern, targets] : *table) {
        if (targets.size() != 1) {
          return at("\"" + pattern + "\": expected one \"package\" or \"package.module\"");
        }
        const std::string& target = targets[0];
        MappingRule rule;
        rule.pattern = pattern;
        rule.line = section.lines.at(key);
        auto dot = target.find('.');
        rule.package = target.substr(0, dot);
        if (dot != std::string::npos) {
          rule.module = target.substr(dot + 1);
        }
        for (const std::string* name : {&rule.package, &rule.module}) {
          if (name == &rule.module && dot == std::string::npos) {
            continue;
          }
          if (auto why = invalid_name_reason(*name); !why.empty()) {
            return at("\"" + pattern + "\" = \"" + target + "\": " + why +
                      (name->find('.') != std::string::npos ? " (one package level only: package.module)" : ""));
          }
        }
        if (auto why = folder_problem(pattern); !why.empty() && pattern[0] == '/') {
          return at("\"" + pattern + "\": expected a pattern relative to pyproject.toml");
        }
        out.mapping.push_back(std::move(rule));
      }
    } else {
      return at("unknown setting (expected notebooks, package, package-root, tests, line-length or mapping)");
    }
  }
  return out;
}

}  // namespace nbloop::convert::package
