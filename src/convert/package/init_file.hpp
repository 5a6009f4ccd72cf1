// A generated package's `__init__.py`: re-exports each module's public names, and reads
// that list back from an `__init__.py` nb2py wrote before.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nbloop::convert::package {

/// The public names one module exports.
struct ModuleExports {
  std::string module;
  std::vector<std::string> names;
};

/// The body of `__init__.py` (without the header): a docstring, one relative import per
/// module that exports anything (modules in the order given, names in the order given),
/// and `__all__`. A line longer than `line_length` is wrapped one name per line, as black
/// does. A name that two modules export is exported from the first only; each later one
/// is appended to `shadowed` as {"module.name", "first_module"}.
std::string init_body(std::string_view package, const std::vector<ModuleExports>& modules, int line_length,
                      std::vector<std::pair<std::string, std::string>>* shadowed = nullptr);

/// The modules and names an `__init__.py` body made by init_body imports, in file order
/// (modules whose names were all shadowed are not recoverable and are left out).
std::vector<ModuleExports> read_init_exports(std::string_view body);

}  // namespace nbloop::convert::package
