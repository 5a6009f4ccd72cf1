// Python's str.splitlines(keepends=True) and str.isspace() on UTF-8 text.
#pragma once

#include <string_view>
#include <vector>

namespace nbloop::notebook {

/// Splits after every line break Python recognises (\n, \r, \r\n, \v, \f, \x1c–\x1e,
/// U+0085, U+2028, U+2029), keeping the breaks. "" gives no lines.
std::vector<std::string_view> split_lines_keepends(std::string_view text);

/// True when `text` holds a character Python's str.strip() would keep.
bool has_non_whitespace(std::string_view text);

}  // namespace nbloop::notebook
