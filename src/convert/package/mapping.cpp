#include "convert/package/mapping.hpp"

#include <algorithm>

#include "convert/package/glob.hpp"
#include "convert/package/names.hpp"

namespace nbloop::convert::package {

util::Result<Target> resolve_target(const std::string& relative_path, const ConvertConfig& config,
                                    const std::string& cli_package) {
  const MappingRule* exact = nullptr;
  const MappingRule* glob = nullptr;
  for (const auto& rule : config.mapping) {
    if (!has_wildcards(rule.pattern)) {
      if (exact == nullptr && glob_match(rule.pattern, relative_path)) {
        exact = &rule;
      }
      continue;
    }
    if (!glob_match(rule.pattern, relative_path)) {
      continue;
    }
    if (glob != nullptr && (glob->package != rule.package || glob->module != rule.module)) {
      return util::make_error("matches two [tool.nbloop.convert] mapping patterns with different targets, \"" +
                              glob->pattern + "\" and \"" + rule.pattern + "\"; map it by its exact path");
    }
    if (glob == nullptr) {
      glob = &rule;
    }
  }
  const MappingRule* rule = exact != nullptr ? exact : glob;
  Target target;
  target.package = !cli_package.empty() ? cli_package : rule != nullptr ? rule->package : config.package;
  if (target.package.empty()) {
    return util::make_error(
        "no package to put it in: give --package NAME, or set package (or a mapping) in "
        "[tool.nbloop.convert] of pyproject.toml");
  }
  std::string file_name = relative_path.substr(relative_path.rfind('/') + 1);
  target.module = rule != nullptr && !rule->module.empty() ? rule->module : module_name_for_notebook(file_name);
  return target;
}

std::vector<std::string> select_notebooks(const std::vector<std::string>& relative_paths, const ConvertConfig& config) {
  std::vector<std::string> patterns = config.notebooks;
  if (patterns.empty()) {
    for (const auto& rule : config.mapping) {
      patterns.push_back(rule.pattern);
    }
  }
  std::vector<std::string> out;
  for (const auto& path : relative_paths) {
    if (std::any_of(patterns.begin(), patterns.end(), [&](const std::string& p) { return glob_match(p, path); })) {
      out.push_back(path);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace nbloop::convert::package
