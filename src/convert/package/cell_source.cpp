#include "convert/package/cell_source.hpp"

#include <algorithm>
#include <cctype>

#include "convert/package/syntax.hpp"

namespace nbloop::convert::package {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c) != 0; });
}

// MAX_ITER, _LIMIT, N: a name written as a constant.
bool is_upper_name(std::string_view n) {
  bool letter = false;
  for (char c : n) {
    if (c >= 'a' && c <= 'z') {
      return false;
    }
    letter = letter || (c >= 'A' && c <= 'Z');
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
      return false;
    }
  }
  return letter && !(n[0] >= '0' && n[0] <= '9');
}

// Replaces the text of the first `n` lines by nothing (their line breaks stay).
void blank_lines(std::string& src, int n) {
  size_t pos = 0;
  for (int i = 0; i < n && pos <= src.size(); ++i) {
    size_t eol = src.find('\n', pos);
    size_t end = eol == std::string::npos ? src.size() : eol;
    src.erase(pos, end - pos);
    pos = pos + 1;
    if (eol == std::string::npos) {
      break;
    }
  }
}

// End of the physical line at `off`, continued while lines end with a backslash.
uint32_t logical_line_end(std::string_view s, uint32_t off) {
  size_t pos = off;
  while (true) {
    size_t eol = s.find('\n', pos);
    if (eol == std::string_view::npos) {
      return static_cast<uint32_t>(s.size());
    }
    if (eol > 0 && s[eol - 1] == '\\') {
      pos = eol + 1;
      continue;
    }
    return static_cast<uint32_t>(eol);
  }
}

TSNode first_error(TSNode n) {
  uint32_t count = ts_node_child_count(n);
  for (uint32_t i = 0; i < count; ++i) {
    TSNode c = ts_node_child(n, i);
    if (ts_node_is_error(c) || ts_node_is_missing(c)) {
      // An ERROR node's first error-free token is where the parser gave up.
      return c;
    }
    if (ts_node_has_error(c)) {
      return first_error(c);
    }
  }
  return n;
}

// The first Python 2 `print`/`exec` statement (tree-sitter accepts them), or a null node.
TSNode python2_statement(TSNode n) {
  const Syntax& g = syntax();
  TSSymbol s = ts_node_symbol(n);
  if (s == g.print_statement || s == g.exec_statement) {
    return n;
  }
  uint32_t count = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < count; ++i) {
    TSNode found = python2_statement(ts_node_named_child(n, i));
    if (!ts_node_is_null(found)) {
      return found;
    }
  }
  return TSNode{};
}

// tree-sitter accepts `if x:` followed by a line that is not indented as an empty block;
// Python raises IndentationError. Returns the offset of such a colon, or UINT32_MAX. A text
// scan finds lines ending in ':' and followed by a line indented no deeper; the tree then
// says whether that colon opens a block.
uint32_t empty_block(const python::SourceUnit& unit, const TSTree* tree) {
  const Syntax& g = syntax();
  std::string_view t = unit.text;
  auto indent_of = [&](size_t start) {
    size_t n = 0;
    while (start + n < t.size() && (t[start + n] == ' ' || t[start + n] == '\t')) {
      ++n;
    }
    return n;
  };
  size_t pos = 0;
  while (pos < t.size()) {
    size_t eol = t.find('\n', pos);
    if (eol == std::string_view::npos) {
      break;
    }
    size_t last = eol;
    while (last > pos && (t[last - 1] == ' ' || t[last - 1] == '\t' || t[last - 1] == '\r')) {
      --last;
    }
    if (last > pos && t[last - 1] == ':') {
      size_t indent = indent_of(pos);
      size_t next = eol + 1;
      while (next < t.size()) {  // the next non-blank line
        size_t e = t.find('\n', next);
        size_t in = indent_of(next);
        if (next + in < t.size() && t[next + in] != '\n' && t[next + in] != '#') {
          break;
        }
        if (e == std::string_view::npos) {
          next = t.size();
          break;
        }
        next = e + 1;
      }
      if (next < t.size() && indent_of(next) <= indent) {
        TSNode colon = ts_node_descendant_for_byte_range(ts_tree_root_node(tree), static_cast<uint32_t>(last - 1),
                                                         static_cast<uint32_t>(last));
        // The block after the colon (an empty block may sit anywhere; go by child order).
        TSNode parent = ts_node_parent(colon);
        uint32_t count = ts_node_is_null(parent) ? 0 : ts_node_child_count(parent);
        bool after = false;
        for (uint32_t i = 0; i < count; ++i) {
          TSNode c = ts_node_child(parent, i);
          if (ts_node_eq(c, colon)) {
            after = true;
          } else if (after && ts_node_symbol(c) == g.block) {
            if (ts_node_named_child_count(c) == 0) {
              return static_cast<uint32_t>(last - 1);
            }
            break;
          }
        }
      }
    }
    pos = eol + 1;
  }
  return UINT32_MAX;
}

std::string collapse_spaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty() && out.back() != '(' && c != ')') {
      out += ' ';
    }
    space = false;
    out += c;
  }
  return out;
}

}  // namespace nbloop::convert::package
