#include "convert/script_lines.hpp"

#include <algorithm>
#include <array>

#include "notebook/text_lines.hpp"

namespace nbloop::convert {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// Length of the line break that ends `line` (as kept by splitlines(keepends=True)).
size_t break_length(std::string_view line) {
  if (line.ends_with("\r\n")) return 2;
  if (line.ends_with("\xc2\x85")) return 2;
  if (line.ends_with("\xe2\x80\xa8") || line.ends_with("\xe2\x80\xa9")) return 3;
  if (!line.empty()) {
    char c = line.back();
    if (c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == '\x1c' || c == '\x1d' || c == '\x1e') return 1;
  }
  return 0;
}

size_t skip_spaces(std::string_view s, size_t p) {
  while (p < s.size() && is_space(s[p])) ++p;
  return p;
}

// Positions reachable after the regex group `(C |C)*` starting at `p`, C = comment.
std::vector<size_t> after_comment_prefixes(std::string_view s, size_t p, std::string_view c) {
  std::vector<size_t> out{p};
  size_t q = p;
  while (s.substr(q).starts_with(c)) {
    size_t one = q + c.size();
    out.push_back(one);
    if (one < s.size() && s[one] == ' ') {
      out.push_back(one + 1);
      // "(C |C)*" may continue from either position; only one of them can start another C.
      if (s.substr(one + 1).starts_with(c)) {
        q = one + 1;
        continue;
      }
    }
    q = one;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// "(%|%%|%%%)[a-zA-Z]" at p; returns the position after the letter or npos.
size_t match_percent_letter(std::string_view s, size_t p) {
  size_t n = 0;
  while (p + n < s.size() && s[p + n] == '%' && n < 3) ++n;
  for (size_t k = n; k >= 1; --k) {
    if (p + k < s.size() && is_alpha(s[p + k])) return p + k + 1;
  }
  return std::string_view::npos;
}

// "(.*)C\s*WORD" anywhere after p.
bool has_comment_word(std::string_view s, size_t p, std::string_view c, std::string_view word) {
  for (size_t at = s.find(c, p); at != std::string_view::npos; at = s.find(c, at + 1)) {
    size_t q = skip_spaces(s, at + c.size());
    if (s.substr(q).starts_with(word)) return true;
  }
  return false;
}

bool magic_prefix(std::string_view line, std::string_view c, size_t* after = nullptr) {
  size_t p = skip_spaces(line, 0);
  for (size_t q : after_comment_prefixes(line, p, c)) {
    size_t e = match_percent_letter(line, q);
    if (e != std::string_view::npos) {
      if (after) *after = e;
      return true;
    }
  }
  return false;
}

constexpr std::array<std::string_view, 36> k_script_languages = {
    "python", "coconut", "R", "julia", "c++", "scheme", "clojure", "bash", "powershell", "q",
    "matlab", "wolfram language", "idl", "javascript", "typescript", "scala", "rust", "robotframework",
    "csharp", "fsharp", "sos", "java", "groovy", "sage", "ocaml", "haskell", "tcl", "maxima",
    "gnuplot", "stata", "sas", "xonsh", "lua", "go", "", ""};

std::string_view comment_of(std::string_view lang) {
  static const std::array<std::pair<std::string_view, std::string_view>, 34> table = {{
      {"python", "#"}, {"coconut", "#"}, {"R", "#"}, {"julia", "#"}, {"c++", "//"}, {"scheme", ";;"},
      {"clojure", ";;"}, {"bash", "#"}, {"powershell", "#"}, {"q", "/"}, {"matlab", "%"},
      {"wolfram language", "(*"}, {"idl", ";"}, {"javascript", "//"}, {"typescript", "//"},
      {"scala", "//"}, {"rust", "//"}, {"robotframework", "#"}, {"csharp", "//"}, {"fsharp", "//"},
      {"sos", "#"}, {"java", "//"}, {"groovy", "//"}, {"sage", "#"}, {"ocaml", "(*"}, {"haskell", "--"},
      {"tcl", "#"}, {"maxima", "/*"}, {"gnuplot", "#"}, {"stata", "//"}, {"sas", "/*"}, {"xonsh", "#"},
      {"lua", "--"}, {"go", "//"},
  }};
  for (const auto& [l, c] : table) {
    if (l == lang) return c;
  }
  return "";
}

bool is_ident_start(char c) { return is_alpha(c) || c == '_'; }
bool is_ident_char(char c) { return is_ident_start(c) || c == '$' || (c >= '0' && c <= '9'); }

}  // namespace

Lines split_lines(std::string_view text) {
  Lines out;
  for (std::string_view l : notebook::split_lines_keepends(text)) {
    out.emplace_back(l.substr(0, l.size() - break_length(l)));
  }
  return out;
}

bool is_blank(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](char c) { return is_space(c) || c == '\x1c' || c == '\x1d' || c == '\x1e' || c == '\x1f'; });
}

StringParser::StringParser(std::string_view language)
    : m_ignore(language.empty()), m_python(language != "R"), m_comment(comment_of(language)) {}

void StringParser::read_line(std::string_view line) {
  if (m_ignore) return;
  if (!is_quoted() && !m_comment.empty()) {
    size_t p = line.find_first_not_of(" \t\n\r\v\f");
    if (p != std::string_view::npos && line.substr(p).starts_with(m_comment)) return;
  }
  long triple_start = -1;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (m_single == 0 && m_triple == 0 && !m_comment.empty() && m_comment[0] == c &&
        line.substr(i).starts_with(m_comment)) {
      break;
    }
    if (c != '"' && c != '\'') continue;
    if (i > 0 && line[i - 1] == '\\') continue;
    if (m_single == c) {
      m_single = 0;
      continue;
    }
    if (m_single != 0) continue;
    if (!m_python) continue;
    if (i >= 2 && line[i - 2] == c && line[i - 1] == c && static_cast<long>(i) >= triple_start + 3) {
      if (m_triple == c) {
        m_triple = 0;
        triple_start = static_cast<long>(i);
        continue;
      }
      if (m_triple != 0) continue;
      m_triple = c;
      triple_start = static_cast<long>(i);
      continue;
    }
    if (m_triple != 0) continue;
    m_single = c;
  }
  if (m_python) m_single = 0;
}

std::string_view comment_for_language(std::string_view language) { return comment_of(language); }

std::string usual_language_name(std::string_view language) {
  std::string l(language);
  std::transform(l.begin(), l.end(), l.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (l == "r") return "R";
  if (l.starts_with("c++")) return "c++";
  if (l == "octave") return "matlab";
  if (l == "cs" || l == "c#") return "csharp";
  if (l == "fs" || l == "f#") return "fsharp";
  if (l == "sas") return "SAS";
  return l;
}

bool is_jupyter_language(std::string_view name) {
  static const std::array<std::string_view, 29> magics = {
      "R", "bash", "sh", "python", "python2", "python3", "coconut", "javascript", "js", "perl",
      "html", "latex", "markdown", "pypy", "ruby", "script", "svg", "matlab", "octave", "idl",
      "robotframework", "sas", "spark", "sql", "cython", "haskell", "tcl", "gnuplot", "wolfram language"};
  for (auto m : magics) {
    if (m == name) return true;
  }
  for (auto l : k_script_languages) {
    if (!l.empty() && l == name) return true;
  }
  return name == "c#" || name == "f#" || name == "cs" || name == "fs";
}

bool is_magic(std::string_view line, std::string_view language_in, bool escape_flag, bool explicitly_code) {
  std::string language = usual_language_name(language_in);
  if (language == "octave" || language == "matlab" || language == "sas" || language == "logtalk") return false;
  bool known = false;
  for (auto l : k_script_languages) {
    if (!l.empty() && l == language) known = true;
  }
  if (!known) return false;
  std::string_view c = comment_of(language);
  if (language == "rust" || language == "csharp" || language == "go") {
    // Their magic syntaxes differ (":dep", "#!", "!cmd"); a .py percent file never holds them.
    return false;
  }
  size_t after = 0;
  if (magic_prefix(line, c, &after)) {
    if (has_comment_word(line, after, c, "escape")) return true;
    if (!escape_flag || has_comment_word(line, after, c, "noescape")) return false;
    return true;
  }
  if (!escape_flag) return false;
  if (language != "python") return false;
  // ^\s*(# |#)*\s*(\?|!)\s*[A-Za-z.~$\\/{}]
  {
    size_t p = skip_spaces(line, 0);
    for (size_t q : after_comment_prefixes(line, p, "#")) {
      size_t r = skip_spaces(line, q);
      if (r < line.size() && (line[r] == '?' || line[r] == '!')) {
        size_t t = skip_spaces(line, r + 1);
        if (t < line.size()) {
          char ch = line[t];
          if (is_alpha(ch) || ch == '.' || ch == '~' || ch == '$' || ch == '\\' || ch == '/' || ch == '{' || ch == '}') {
            return true;
          }
        }
      }
    }
  }
  // ^(# |#)*\s*([a-zA-Z_][a-zA-Z_$0-9]*)\s*=\s*(%|%%|%%%|!)[a-zA-Z]
  for (size_t q : after_comment_prefixes(line, 0, "#")) {
    size_t r = skip_spaces(line, q);
    if (r >= line.size() || !is_ident_start(line[r])) continue;
    size_t e = r + 1;
    while (e < line.size() && is_ident_char(line[e])) ++e;
    e = skip_spaces(line, e);
    if (e >= line.size() || line[e] != '=') continue;
    e = skip_spaces(line, e + 1);
    if (e < line.size() && line[e] == '!' && e + 1 < line.size() && is_alpha(line[e + 1])) return true;
    if (match_percent_letter(line, e) != std::string_view::npos) return true;
  }
  // ^\s*(# )*[^\s]*\?\s*$
  if (explicitly_code) {
    size_t p = skip_spaces(line, 0);
    size_t end = line.size();
    while (end > 0 && is_space(line[end - 1])) --end;
    if (end > 0 && line[end - 1] == '?') {
      // Some (# )* prefix must leave a tail without whitespace before the '?'.
      size_t q = p;
      while (true) {
        std::string_view tail = line.substr(q, end - 1 - q);
        if (std::none_of(tail.begin(), tail.end(), is_space)) return true;
        if (line.substr(q).starts_with("# ")) {
          q += 2;
        } else {
          break;
        }
      }
    }
  }
  // ^(# |#)*(cat|cd|...)($|\s$|\s[^=,])
  static const std::array<std::string_view, 13> cmds = {"cat", "cd", "cp", "mv", "rm", "rmdir", "mkdir",
                                                        "copy", "ddir", "echo", "ls", "ldir", "ren"};
  for (size_t q : after_comment_prefixes(line, 0, "#")) {
    for (auto cmd : cmds) {
      if (!line.substr(q).starts_with(cmd)) continue;
      size_t e = q + cmd.size();
      if (e == line.size()) return true;
      if (is_space(line[e])) {
        if (e + 1 == line.size()) return true;
        char n = line[e + 1];
        if (n != '=' && n != ',') return true;
      }
    }
  }
  return false;
}

namespace {
bool ends_with_continuation(std::string_view line) {
  size_t end = line.size();
  while (end > 0 && is_space(line[end - 1])) --end;
  return end > 0 && line[end - 1] == '\\';
}
}  // namespace

void comment_magics(Lines& source, std::string_view language, bool escape_flag) {
  StringParser parser(language);
  std::string_view c = comment_of(usual_language_name(language));
  if (c.empty()) c = "#";
  bool next_is_magic = false;
  for (auto& line : source) {
    if (!parser.is_quoted() && (next_is_magic || is_magic(line, language, escape_flag, true))) {
      std::string original = line;
      if (next_is_magic) {
        line = std::string(c) + " " + line;
      } else {
        size_t p = skip_spaces(line, 0);
        line = line.substr(0, p) + std::string(c) + " " + line.substr(p);
      }
      next_is_magic = language == "python" && ends_with_continuation(original);
      parser.read_line(original);
      continue;
    }
    parser.read_line(line);
  }
}

namespace {
std::string unesc(std::string_view line, std::string_view c) {
  size_t p = skip_spaces(line, 0);
  std::string_view rest = line.substr(p);
  if (rest.starts_with(std::string(c) + " ")) return std::string(line.substr(0, p)) + std::string(rest.substr(c.size() + 1));
  if (rest.starts_with(c)) return std::string(line.substr(0, p)) + std::string(rest.substr(c.size()));
  return std::string(line);
}

// ^(# |#)*(#|# )\+
bool is_escaped_code_start(std::string_view line) {
  for (size_t q : after_comment_prefixes(line, 0, "#")) {
    if (line.substr(q).starts_with("#+") || line.substr(q).starts_with("# +")) return true;
  }
  return false;
}
}  // namespace

void uncomment_magics(Lines& source, std::string_view language, bool escape_flag) {
  StringParser parser(language);
  std::string_view c = comment_of(usual_language_name(language));
  if (c.empty()) c = "#";
  bool next_is_magic = false;
  for (auto& line : source) {
    std::string original = line;
    // The writer comments "    x = !cmd" to "    # x = !cmd", which jupytext's patterns do not
    // recognise again (their "(# |#)*" comes before the indentation); look under one comment.
    bool magic = next_is_magic || is_magic(line, language, escape_flag, true);
    if (!magic && escape_flag) {
      std::string under = unesc(line, c);
      magic = under != line && under.find_first_not_of(" \t") > 0 && is_magic(under, language, escape_flag, true);
    }
    if (!parser.is_quoted() && magic) {
      line = unesc(line, c);
      next_is_magic = language == "python" && ends_with_continuation(original);
    }
    parser.read_line(original);
  }
}

void unescape_code_start(Lines& source, std::string_view language) {
  StringParser parser(language);
  for (auto& line : source) {
    std::string original = line;
    if (!parser.is_quoted() && is_escaped_code_start(line)) {
      std::string u = unesc(line, "#");
      if (is_escaped_code_start(u)) line = u;
    }
    parser.read_line(original);
  }
}

namespace {

bool starts_def_or_class(std::string_view l) { return l.starts_with("def ") || l.starts_with("class "); }

// Forward access to the lines after a cell: either a plain vector from `begin`, or a vector
// holding them in reverse order (the writer builds the file from the end).
struct NextView {
  const Lines* lines;
  size_t begin;
  bool reversed;
  [[nodiscard]] size_t size() const { return lines->size() - begin; }
  [[nodiscard]] const std::string& operator[](size_t i) const {
    return reversed ? (*lines)[lines->size() - 1 - i] : (*lines)[begin + i];
  }
};

bool next_instruction_is_function_or_class(const NextView& lines) {
  StringParser parser("python");
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (parser.is_quoted()) {
      parser.read_line(line);
      continue;
    }
    parser.read_line(line);
    if (is_blank(line)) {
      if (i > 0 && is_blank(lines[i - 1])) return false;
      continue;
    }
    if (starts_def_or_class(line)) return true;
    if (line[0] == '#' || line[0] == '@' || line[0] == ' ' || line[0] == ')') continue;
    return false;
  }
  return false;
}

bool cell_ends_with_function_or_class(const Lines& lines) {
  std::vector<const std::string*> unquoted;
  StringParser parser("python");
  for (const auto& line : lines) {
    if (!parser.is_quoted()) unquoted.push_back(&line);
    parser.read_line(line);
  }
  for (size_t k = 0; k < unquoted.size(); ++k) {
    const std::string& line = *unquoted[unquoted.size() - 1 - k];
    if (is_blank(line)) {
      if (k > 0 && is_blank(*unquoted[unquoted.size() - k])) return false;
      continue;
    }
    if (line[0] == '#' || line[0] == ' ' || line[0] == ')') continue;
    return starts_def_or_class(line);
  }
  return false;
}

bool cell_ends_with_code(const Lines& lines) {
  if (lines.empty()) return false;
  if (is_blank(lines.back())) return false;
  return lines.back()[0] != '#';
}

bool cell_has_code(const NextView& lines) {
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view s = lines[i];
    size_t p = s.find_first_not_of(" \t\n\r\v\f");
    if (p != std::string_view::npos && s[p] == '#') continue;
    if (p == std::string_view::npos) {
      if (i > 0 && is_blank(lines[i - 1])) return false;
      continue;
    }
    return true;
  }
  return false;
}

int pep8(const Lines& prev, const NextView& next) {
  if (next.size() == 0) return 1;
  if (prev.empty()) return 0;
  if (cell_ends_with_function_or_class(prev)) return cell_has_code(next) ? 2 : 1;
  if (cell_ends_with_code(prev) && next_instruction_is_function_or_class(next)) return 2;
  return 1;
}

}  // namespace

int pep8_lines_between_cells(const Lines& prev, const Lines& next, size_t next_begin) {
  return pep8(prev, NextView{&next, std::min(next_begin, next.size()), false});
}

int pep8_lines_between_cells_reversed(const Lines& prev, const Lines& reversed_next) {
  return pep8(prev, NextView{&reversed_next, 0, true});
}

Lines comment_lines(const Lines& lines, std::string_view prefix) {
  Lines out;
  out.reserve(lines.size());
  for (const auto& l : lines) {
    out.push_back(l.empty() ? std::string(prefix) : std::string(prefix) + " " + l);
  }
  return out;
}

void uncomment_lines(Lines& lines, std::string_view prefix) {
  if (prefix.empty()) return;
  std::string with_space = std::string(prefix) + " ";
  for (auto& l : lines) {
    if (l.starts_with(with_space)) {
      l.erase(0, with_space.size());
    } else if (l.starts_with(prefix)) {
      l.erase(0, prefix.size());
    }
  }
}

}  // namespace nbloop::convert
