// The IPython statements of a notebook cell (masked in the unit's text), read
// back from the cell's original source: which sigil, which magic or shell
// command, which words.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "python/source.hpp"

namespace nbloop::lint::rules {

struct Escape {
  enum class Kind : uint8_t {
    magic,  ///< `%name args`, or an automagic `name args` (`cd ..`, `pip install
            ///< x`)
    shell,  ///< `!cmd`, `!!cmd`, `x = !cmd`
    help,   ///< `obj?`, `??obj`
    other,  ///< a cell magic's first line and anything else masked
  };
  Kind kind = Kind::other;
  uint32_t start = 0;     ///< the statement's first byte in the unit
  uint32_t end = 0;       ///< the end of its first line
  std::string_view text;  ///< from the sigil (or the automagic word) to the end of the line
  std::string_view name;  ///< magic: its name (`pip`, `cd`); shell: the command's first word
  std::string_view args;  ///< what follows the name
};

/// The IPython statements of `unit`, in order (empty for a .py file, which is
/// never masked).
std::vector<Escape> escapes(const python::SourceUnit& unit);

/// The words of a command line, split on blanks (quotes are not interpreted).
std::vector<std::string_view> words(std::string_view text);

}  // namespace nbloop::lint::rules
