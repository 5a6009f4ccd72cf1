// The table of native (C++) rules: one row per rule code, metadata in rules/.
#pragma once

#include <string_view>

#include "lint/rule_set.hpp"

namespace nbloop::lint {

struct NativeRule {
  std::string_view code;
  NativeCheck check;
  bool reads_outputs = false;  ///< needs the contents of notebook outputs (type, mime types, text; read only then)
};

/// The native rules, sorted by code.
const std::vector<NativeRule>& native_rules();

/// The row for `code`, or nullptr when no native rule has it.
const NativeRule* find_native(std::string_view code);

}  // namespace nbloop::lint
