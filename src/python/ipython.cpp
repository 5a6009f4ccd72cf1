#include "python/ipython.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace nbloop::python {
namespace {

bool is_ident_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

std::string_view first_line(std::string_view s) {
  size_t end = s.find_first_of("\r\n");
  return end == std::string_view::npos ? s : s.substr(0, end);
}

std::string_view magic_name(std::string_view after_percent) {
  size_t n = 0;
  while (n < after_percent.size() && (is_ident_char(after_percent[n]) || after_percent[n] == '-')) {
    ++n;
  }
  return after_percent.substr(0, n);
}

// Cell magics whose body IPython runs as Python in the kernel.
constexpr std::array<std::string_view, 6> k_python_cell_magics = {"time", "timeit", "capture", "prun", "debug", "memit"};

// Line magics that IPython runs without a `%` (automagic) and that read as shell-like words.
constexpr std::array<std::string_view, 56> k_automagics = {
    "aimport", "alias",    "autocall", "autoreload", "automagic", "bookmark", "cat",     "cd",       "clear",
    "colors",  "conda",    "config",   "cp",         "debug",     "dhist",    "dirs",    "ed",       "edit",
    "env",     "gui",      "history",  "less",       "load",      "load_ext", "ls",      "lsmagic",  "mamba",
    "man",     "matplotlib", "mkdir",  "mv",         "pdef",      "pdoc",     "pfile",   "pinfo",    "pip",
    "popd",    "prun",     "psource",  "pushd",      "pycat",     "pylab",    "recall",  "reload_ext", "rerun",
    "rm",      "rmdir",    "run",      "save",       "store",     "time",     "timeit",  "unalias",  "who",
    "whos",    "xdel"};

bool is_automagic(std::string_view word) {
  return std::find(k_automagics.begin(), k_automagics.end(), word) != k_automagics.end();
}

// `pip install x`, `cd ..`: a known automagic word, a space, then something that does not
// read as the rest of a Python expression or assignment.
bool is_automagic_line(std::string_view line) {
  size_t n = 0;
  while (n < line.size() && is_ident_char(line[n])) {
    ++n;
  }
  if (n == 0 || n >= line.size() || line[n] != ' ' || !is_automagic(line.substr(0, n))) {
    return false;
  }
  std::string_view rest = line.substr(n);
  rest.remove_prefix(std::min(rest.find_first_not_of(' '), rest.size()));
  if (rest.empty() || rest[0] == '#') {
    return false;
  }
  // A shell-like argument: `-la`, `..`, `./x`, `/tmp`, `~`, or a word. Anything that reads as
  // an operator (`ls -1`, `time + 1`, `run(x)`) stays Python.
  if (rest[0] == '-') {
    return rest.size() > 1 && std::isalpha(static_cast<unsigned char>(rest[1])) != 0;
  }
  if (rest[0] == '.') {
    return rest.starts_with("..") || rest.starts_with("./");
  }
  static constexpr std::string_view k_operator_chars = "=([{,:;+*%<>|&^!@)]}'\"";
  if (k_operator_chars.find(rest[0]) != std::string_view::npos) {
    return false;
  }
  static constexpr std::array<std::string_view, 9> k_words = {"in ", "is ", "and ", "or ", "if ", "for ", "not ", "else ", "as "};
  for (std::string_view w : k_words) {
    if (rest.starts_with(w)) {
      return false;
    }
  }
  return true;
}

// `obj?`, `obj.attr??`, `?obj`: IPython's help syntax.
bool is_help_line(std::string_view line) {
  if (line.starts_with('?')) {
    return true;
  }
  size_t end = line.size();
  while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t')) {
    --end;
  }
  if (end == 0 || line[end - 1] != '?') {
    return false;
  }
  size_t q = end;
  while (q > 0 && line[q - 1] == '?') {
    --q;
  }
  if (q == 0) {
    return false;
  }
  for (size_t i = 0; i < q; ++i) {
    char c = line[i];
    if (!is_ident_char(c) && c != '.' && c != '*' && c != '[' && c != ']' && c != '(' && c != ')') {
      return false;
    }
  }
  return true;
}

// `x = !ls`, `a, b = %sx cmd`: returns the offset (in `line`) of the escape value, or npos.
size_t assignment_escape(std::string_view line) {
  size_t eq = line.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    return std::string_view::npos;
  }
  for (size_t i = 0; i < eq; ++i) {
    char c = line[i];
    if (!is_ident_char(c) && c != ',' && c != ' ' && c != '.' && c != '\t') {
      return std::string_view::npos;
    }
  }
  size_t v = eq + 1;
  while (v < line.size() && (line[v] == ' ' || line[v] == '\t')) {
    ++v;
  }
  if (v < line.size() && (line[v] == '!' || line[v] == '%')) {
    if (line[v] == '!' && v + 1 < line.size() && line[v + 1] == '=') {
      return std::string_view::npos;
    }
    return v;
  }
  return std::string_view::npos;
}

// Tracks what the tokenizer needs to know across lines: open strings, brackets, backslashes.
struct LexState {
  char quote = 0;
  bool triple = false;
  int depth = 0;
  bool continued = false;

  [[nodiscard]] bool at_statement_start() const { return quote == 0 && depth == 0 && !continued; }

  // Consumes one line (without its break).
  void scan(std::string_view line) {
    continued = false;
    size_t i = 0;
    const size_t n = line.size();
    while (i < n) {
      char c = line[i];
      if (quote != 0) {
        if (c == '\\') {
          i += 2;
          continue;
        }
        if (c == quote) {
          if (!triple) {
            quote = 0;
            ++i;
            continue;
          }
          if (i + 2 < n && line[i + 1] == quote && line[i + 2] == quote) {
            quote = 0;
            triple = false;
            i += 3;
            continue;
          }
        }
        ++i;
        continue;
      }
      if (c == '#') {
        break;
      }
      if (c == '\'' || c == '"') {
        if (i + 2 < n && line[i + 1] == c && line[i + 2] == c) {
          quote = c;
          triple = true;
          i += 3;
        } else {
          quote = c;
          triple = false;
          ++i;
        }
        continue;
      }
      if (c == '(' || c == '[' || c == '{') {
        ++depth;
      } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
        --depth;
      }
      ++i;
    }
    if (quote != 0 && !triple) {
      // A single-quoted string cannot span lines unless the line ends with a backslash.
      if (!(n > 0 && line[n - 1] == '\\')) {
        quote = 0;
      }
    }
    if (quote == 0 && n > 0 && line[n - 1] == '\\') {
      continued = true;
    }
  }
};

void fill_placeholder(std::string& text, size_t from, size_t to) {
  if (from >= to) {
    return;
  }
  text[from] = '0';
  std::fill(text.begin() + static_cast<std::ptrdiff_t>(from) + 1, text.begin() + static_cast<std::ptrdiff_t>(to), ' ');
}

}  // namespace

CellMagic classify_cell_magic(std::string_view source) {
  std::string_view line = first_line(source);
  size_t start = line.find_first_not_of(" \t");
  if (start == std::string_view::npos || !line.substr(start).starts_with("%%")) {
    return CellMagic::none;
  }
  std::string_view name = magic_name(line.substr(start + 2));
  if (std::find(k_python_cell_magics.begin(), k_python_cell_magics.end(), name) != k_python_cell_magics.end()) {
    return CellMagic::python_body;
  }
  return CellMagic::other;
}

MaskedSource mask_ipython(std::string_view source) {
  MaskedSource out;
  out.text.assign(source);
  LexState state;
  bool masking_continuation = false;
  size_t pos = 0;
  while (pos < source.size()) {
    size_t eol = source.find('\n', pos);
    size_t next = eol == std::string_view::npos ? source.size() : eol + 1;
    size_t content_end = eol == std::string_view::npos ? source.size() : eol;
    if (content_end > pos && source[content_end - 1] == '\r') {
      --content_end;
    }
    std::string_view line = source.substr(pos, content_end - pos);
    if (masking_continuation) {
      // The rest of a backslash-continued magic: blank it out.
      std::fill(out.text.begin() + static_cast<std::ptrdiff_t>(pos), out.text.begin() + static_cast<std::ptrdiff_t>(content_end), ' ');
      masking_continuation = !line.empty() && line.back() == '\\';
      pos = next;
      continue;
    }
    if (state.at_statement_start()) {
      size_t indent = line.find_first_not_of(" \t");
      if (indent != std::string_view::npos) {
        std::string_view body = line.substr(indent);
        size_t mask_from = std::string_view::npos;
        if (body[0] == '%' || body[0] == '!' || is_help_line(body) || is_automagic_line(body)) {
          mask_from = indent;
        } else if (size_t v = assignment_escape(body); v != std::string_view::npos) {
          mask_from = indent + v;
        }
        if (mask_from != std::string_view::npos) {
          fill_placeholder(out.text, pos + mask_from, content_end);
          out.escape_offsets.push_back(static_cast<uint32_t>(pos + indent));
          masking_continuation = line.back() == '\\';
          // IPython takes a whole logical line: brackets left open continue the magic.
          LexState magic;
          magic.scan(line.substr(mask_from));
          pos = next;
          while (magic.depth > 0 && magic.quote == 0 && pos < source.size()) {
            size_t e = source.find('\n', pos);
            size_t nx = e == std::string_view::npos ? source.size() : e + 1;
            size_t ce = e == std::string_view::npos ? source.size() : e;
            if (ce > pos && source[ce - 1] == '\r') {
              --ce;
            }
            magic.scan(source.substr(pos, ce - pos));
            std::fill(out.text.begin() + static_cast<std::ptrdiff_t>(pos), out.text.begin() + static_cast<std::ptrdiff_t>(ce), ' ');
            pos = nx;
          }
          continue;
        }
      }
    }
    state.scan(line);
    pos = next;
  }
  return out;
}

}  // namespace nbloop::python
