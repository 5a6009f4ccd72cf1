// Drops the names nobody reads from `NAME = call(...)` in a generated module's `main()`.
#pragma once

#include <tree_sitter/api.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/semantic.hpp"

namespace nbloop::convert::package {

/// In the module-level function `main_name` of `source` (the generated entry point: `main`,
/// or `run` when the notebook defines its own `main`), turns each statement `NAME = VALUE` whose
/// VALUE is a call (or an awaited call) and whose NAME nothing reads into `VALUE`: the call
/// still runs, as in the notebook, where a top-level name is never "unused"; likewise
/// `with make() as NAME:` becomes `with make():` (F841's facts,
/// from the scope analysis `nbloop lint` uses: only the name's last binding, and only when no
/// earlier binding of it was read). Names starting with `_`, declared `global`, bound by
/// unpacking, chained or annotated assignments, and functions that call `locals()` are left
/// as written. Returns `source` unchanged when it does not parse or has no such function.
std::string drop_unused_main_targets(std::string source, const std::string& main_name = "main");

/// drop_unused_main_targets()'s judgement on a parsed module (or main()'s text alone):
/// `root` is the tree of `text`, `model` its analysis. Returns the byte ranges of `text` to
/// cut, sorted; none when there is no module-level `def main_name`.
std::vector<std::pair<uint32_t, uint32_t>> unread_target_cuts(std::string_view text, TSNode root,
                                                              const analysis::Model& model,
                                                              const std::string& main_name);

/// The first module-level `def main_name` (decorated or not) of the tree `root` of `src`, or null.
TSNode main_definition(TSNode root, std::string_view src, std::string_view main_name);

}  // namespace nbloop::convert::package
