// Small text helpers shared by all layers: positions in a buffer, UTF-8 checks.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace nbloop::util {

/// A 1-based line and column (column counts code points, as Python's json errors do).
struct LineCol {
  int line = 1;
  int column = 1;
};

/// Converts a byte offset in `text` into a 1-based line and column.
LineCol line_col_at(std::string_view text, size_t offset);

/// Length of the valid UTF-8 sequence starting at s[0] (1–4), or 0 when invalid
/// (overlong forms, surrogates and code points above U+10FFFF are invalid, as in Python).
size_t utf8_sequence_length(const unsigned char* s, const unsigned char* end);

/// Appends the UTF-8 encoding of a code point (≤ U+10FFFF, not a surrogate).
void append_utf8(std::string& out, char32_t cp);

/// True when `text` is entirely valid UTF-8.
bool is_valid_utf8(std::string_view text);

/// `s` without the ASCII white space (std::isspace) at either end.
std::string_view trim_space(std::string_view s);

}  // namespace nbloop::util
