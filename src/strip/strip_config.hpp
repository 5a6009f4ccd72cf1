// Maps `[tool.nbloop.strip]` settings onto StripOptions, shared by `nbloop strip` and the git filter.
#pragma once

#include <string>
#include <vector>

#include "config/pyproject.hpp"
#include "strip/strip.hpp"
#include "util/result.hpp"

namespace nbloop::strip {

/// Splits each value on whitespace, the way nbstripout reads "--extra-keys 'a b'".
std::vector<std::string> split_words(const std::vector<std::string>& values);

/// Applies the settings of a `[tool.nbloop.strip]` section to `options` (and `unix_newlines`).
/// Fails, with the key's line, on an unknown key or a value of the wrong type.
util::Status apply_config(const config::Section& section, StripOptions& options, bool& unix_newlines);

}  // namespace nbloop::strip
