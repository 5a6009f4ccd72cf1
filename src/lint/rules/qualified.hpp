// Name resolution helpers shared by the reproducibility and production rules:
// what a callee refers to through the file's imports, and small tree questions.
#pragma once

#include <tree_sitter/api.h>

#include <string>
#include <string_view>

#include "lint/context.hpp"

namespace nbloop::lint::rules {

/// How the leftmost name of a dotted expression resolved.
enum class Origin : uint8_t { none, import, builtin, unresolved, local };

struct QualifiedName {
  std::string name;  ///< e.g. "numpy.random.rand" (imports), "print" (builtins,
                     ///< unresolved names)
  Origin origin = Origin::none;
};

/// The dotted name `expr` (an identifier or a chain of attributes on one)
/// stands for: `np.random.rand` with `import numpy as np` is
/// "numpy.random.rand" (origin import); a builtin or an undefined name is
/// itself; a name bound by this file otherwise (an assignment, a parameter, a
/// def) is origin local with the written text. Any other expression: origin
/// none.
QualifiedName qualified_name(RuleContext& ctx, uint32_t unit, TSNode expr);

/// The text of a node.
std::string_view node_text(RuleContext& ctx, uint32_t unit, TSNode n);

/// The argument of a call named `keyword` (`f(x, random_state=0)`), or a null
/// node.
TSNode keyword_argument(RuleContext& ctx, uint32_t unit, TSNode call, std::string_view keyword);

/// Number of positional arguments of a call, and whether it unpacks `*args` /
/// `**kwargs`.
struct ArgumentShape {
  int positional = 0;
  bool splat = false;
};
ArgumentShape argument_shape(TSNode call);

/// True when `node` lies inside an `if __name__ == "__main__":` block.
bool under_main_guard(RuleContext& ctx, uint32_t unit, TSNode node);

/// True when `cond` is `__name__ == "__main__"` (either order, either quote).
bool is_main_guard_condition(RuleContext& ctx, uint32_t unit, TSNode cond);

/// `text` in backticks, for messages.
std::string backticked(std::string_view text);

/// A command-line text shortened for a message: its first line, at most 60
/// bytes.
std::string shorten(std::string_view text);

}  // namespace nbloop::lint::rules
