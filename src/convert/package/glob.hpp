// Shell-style path patterns for [tool.nbloop.convert] (`notebooks/*.ipynb`, `**/train_*.ipynb`).
#pragma once

#include <string_view>

namespace nbloop::convert::package {

/// Matches a `/`-separated relative path against a pattern: `*` is any run of characters
/// within one path segment, `?` one character other than `/`, `[abc]`/`[a-z]`/`[!a]` one
/// character of a set, and a whole segment `**` any number of segments (zero included).
/// Everything else matches itself.
bool glob_match(std::string_view pattern, std::string_view path);

/// True when the pattern has any of the wildcard characters above.
bool has_wildcards(std::string_view pattern);

}  // namespace nbloop::convert::package
