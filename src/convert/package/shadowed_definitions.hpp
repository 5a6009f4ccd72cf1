// Drops the module-level definitions a later one of the same name replaces before any use.
#pragma once

#include <tree_sitter/api.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/semantic.hpp"

namespace nbloop::convert::package {

/// In `source` (a generated module), removes each module-level `def`/`class` (decorators
/// included) that a later module-level `def`/`class` of the same name rebinds while nothing
/// at import time has read it (F811's facts, from the scope analysis `nbloop lint` uses):
/// by the time main() or an importer calls the name, it is the later definition, so the
/// earlier one is dead code. A notebook redefines a function cell by cell; main() code run
/// between them already uses the last one (nb2py warns naming the cell). Comments above the
/// removed definition stay. `@overload`s, definitions inside `if`/`try` and names read in
/// between (a decorator, a default, a class body) are left as written. Returns `source`
/// unchanged when it does not parse.
std::string drop_shadowed_definitions(std::string source);

/// Whether two lines of `source` at column 0 define the same name (`def`, `async def`,
/// `class`): without that no module-level definition replaces another (no parse needed).
bool may_redefine(std::string_view source);

/// drop_shadowed_definitions()'s judgement on the parsed module: `root` is the tree of
/// `source`, `model` its analysis. Returns the byte ranges to cut (whole lines), sorted.
std::vector<std::pair<uint32_t, uint32_t>> shadowed_definition_cuts(std::string_view source, TSNode root,
                                                                    const analysis::Model& model);

}  // namespace nbloop::convert::package
