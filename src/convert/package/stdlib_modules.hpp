// Which top-level modules belong to Python's standard library (3.8 to 3.13), for grouping
// a generated module's imports.
#pragma once

#include <string_view>

namespace nbloop::convert::package {

/// True when `top_level` (the first component of a dotted module name, e.g. "os" for
/// "os.path") is a standard-library module in any Python from 3.8 to 3.13.
bool is_stdlib_module(std::string_view top_level);

}  // namespace nbloop::convert::package
