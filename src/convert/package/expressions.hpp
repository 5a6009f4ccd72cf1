// Questions nb2py's planner asks about one expression or definition of a parsed cell: is it
// pure (only displayed), a constant safe at import, which names does it bind, does it await,
// which of its bytes run later.
#pragma once

#include <tree_sitter/api.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nbloop::convert::package {

/// Calls `fn` with each named child of `n`, in order.
template <typename Fn>
void for_named_children(TSNode n, Fn&& fn) {
  uint32_t count = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < count; ++i) {
    fn(ts_node_named_child(n, i));
  }
}

/// True when evaluating `n` only computes a value: names, literals, attributes, subscripts
/// and slices, operators, and calls of known pure functions, display() and methods like
/// `head()` on pure objects. Displaying such a value is all a notebook does with it.
bool pure_expression(TSNode n, std::string_view src);

/// True when a constant's value may be evaluated at import: no calls except constructors of
/// values (`Path(...)`, `datetime(...)`, `frozenset(...)`, ...), lambdas allowed.
bool constant_value(TSNode n, std::string_view src);

/// The names an assignment binds when all its targets are plain names (`a = b = 1`,
/// `a, b = ...`), appended to `names` (their offsets to `starts` when given); `value` is the
/// assigned expression. False for any other target.
bool assignment_targets(TSNode assign, std::string_view src, std::vector<std::string>& names, TSNode& value,
                        std::vector<uint32_t>* starts = nullptr);

/// True when `n` awaits outside any nested function, lambda or class.
bool contains_await(TSNode n);

/// Appends the byte ranges of definition `n` that run later (function bodies, methods of a
/// class), not when it is defined.
void runtime_ranges(TSNode n, std::vector<std::pair<uint32_t, uint32_t>>& out);

}  // namespace nbloop::convert::package
