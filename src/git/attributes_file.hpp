// Adding and removing one line of a gitattributes file, leaving every other byte as it was.
#pragma once

#include <string>
#include <string_view>

namespace nbloop::git {

/// Whether `text` holds `line` as a whole line (a trailing CR or spaces ignored).
bool has_line(std::string_view text, std::string_view line);

/// `text` with `line` appended (after a newline when `text` does not end with one), unless
/// it is already there.
std::string with_line(std::string text, std::string_view line);

/// `text` without any whole line equal to `line` (the line and its terminator removed).
std::string without_line(std::string_view text, std::string_view line);

}  // namespace nbloop::git
