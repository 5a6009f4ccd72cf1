// Text and tree checks nb2py's planner makes on one cell's source: line edits, the
// errors Python would raise where tree-sitter is lenient, and name spellings.
#pragma once

#include <tree_sitter/api.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "python/source.hpp"

namespace nbloop::convert::package {

/// ASCII lowercase copy.
std::string lower(std::string_view s);

/// True when `s` is only whitespace.
bool is_blank(std::string_view s);

/// MAX_ITER, _LIMIT, N: a name written as a constant (upper case, digits, `_`, a letter).
bool is_upper_name(std::string_view n);

/// Replaces the text of the first `n` lines of `src` by nothing (their line breaks stay).
void blank_lines(std::string& src, int n);

/// End of the physical line at `off`, continued while lines end with a backslash.
uint32_t logical_line_end(std::string_view s, uint32_t off);

/// The first ERROR or MISSING node under `n` (where the parser gave up), else `n`.
TSNode first_error(TSNode n);

/// The first Python 2 `print`/`exec` statement (tree-sitter accepts them), or a null node.
TSNode python2_statement(TSNode n);

/// tree-sitter accepts `if x:` followed by a line that is not indented as an empty block;
/// Python raises IndentationError. Returns the offset of such a colon, or UINT32_MAX.
uint32_t empty_block(const python::SourceUnit& unit, const TSTree* tree);

/// Runs of whitespace made one space (none after `(` or before `)`), for one-line signatures.
std::string collapse_spaces(std::string_view s);

}  // namespace nbloop::convert::package
