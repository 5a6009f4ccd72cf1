// The rule files under rules/, embedded into the binary at build time (generated .cpp).
#pragma once

#include <string_view>
#include <vector>

namespace nbloop::lint {

struct EmbeddedRule {
  std::string_view path;  ///< relative to rules/, e.g. "pycodestyle/bare-except.scm"
  std::string_view text;
};

/// Every embedded rule file, sorted by path.
const std::vector<EmbeddedRule>& builtin_rule_files();

}  // namespace nbloop::lint
