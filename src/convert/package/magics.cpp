#include "convert/package/magics.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "convert/package/syntax.hpp"

namespace nbloop::convert::package {
namespace {

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '.';
}

std::string_view ltrim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  return s;
}

std::string_view rtrim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) {
    s.remove_suffix(1);
  }
  return s;
}

// Shell-like words: whitespace separates, quotes group (and are removed).
std::vector<std::string> shell_words(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) {
      ++i;
    }
    if (i >= s.size()) {
      break;
    }
    std::string word;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t') {
      if (s[i] == '"' || s[i] == '\'') {
        char q = s[i++];
        while (i < s.size() && s[i] != q) {
          word += s[i++];
        }
        ++i;
      } else {
        word += s[i++];
      }
    }
    out.push_back(std::move(word));
  }
  return out;
}

// pip's and conda's options that take a value (the value is not a requirement).
bool option_takes_value(std::string_view opt) {
  static constexpr std::array<std::string_view, 22> k_opts = {
      "-r",        "--requirement", "-c", "--constraint", "-i",         "--index-url", "--extra-index-url",
      "-f",        "--find-links",  "-t", "--target",     "--prefix",   "--root",      "--channel",
      "-n",        "--name",        "-p", "-e",           "--editable", "--src",       "--python-version",
      "--platform"};
  return std::find(k_opts.begin(), k_opts.end(), opt) != k_opts.end();
}

// Words after `install`; fills `info` (kind install).
void read_install(const std::vector<std::string>& w, size_t from, EscapeInfo& info) {
  info.kind = EscapeKind::install;
  for (size_t i = from; i < w.size(); ++i) {
    const std::string& a = w[i];
    if (a == "&&" || a == ";" || a == "|" || a == "||" || a.starts_with(">") || a.starts_with("2>")) {
      break;
    }
    if (a.starts_with("-")) {
      bool has_inline_value = a.find('=') != std::string::npos;
      if ((a == "-r" || a == "--requirement" || a.starts_with("--requirement=")) ||
          (a.starts_with("-r") && a.size() > 2 && a[1] == 'r')) {
        info.unread_file = true;
      }
      if (!has_inline_value && option_takes_value(a)) {
        ++i;
      }
      continue;
    }
    if (a.empty() || a.find_first_of("{}$") != std::string::npos || a.starts_with(".") || a.starts_with("/") ||
        a.starts_with("~")) {
      continue;  // a path or an interpolated value: nothing a pyproject can pin
    }
    info.specs.push_back(a);
  }
}

// `pip install`, `pip3 install`, `python -m pip install`, `{sys.executable} -m pip install`,
// `conda install`, `mamba install`, `uv pip install`, with an optional `sudo`.
bool try_install(const std::vector<std::string>& w, EscapeInfo& info) {
  size_t i = 0;
  if (i < w.size() && w[i] == "sudo") {
    ++i;
  }
  if (i + 2 < w.size() && w[i + 1] == "-m" && (w[i].starts_with("python") || w[i] == "{sys.executable}") &&
      (w[i + 2] == "pip" || w[i + 2] == "pip3")) {
    i += 2;
  } else if (i < w.size() && w[i] == "uv") {
    ++i;
  }
  if (i + 1 < w.size() && (w[i] == "pip" || w[i] == "pip3" || w[i] == "conda" || w[i] == "mamba") &&
      w[i + 1] == "install") {
    read_install(w, i + 2, info);
    return true;
  }
  return false;
}

// Skips %timeit's options (-n N, -r R, -p P, -t, -c, -q, -o); returns the statement.
std::string_view after_timeit_options(std::string_view s) {
  s = ltrim(s);
  while (s.starts_with("-")) {
    char opt = s.size() > 1 ? s[1] : '\0';
    size_t end = 2;
    bool value = opt == 'n' || opt == 'r' || opt == 'p';
    if (value) {
      if (end < s.size() && s[end] != ' ') {  // -n10
        while (end < s.size() && s[end] != ' ') {
          ++end;
        }
      } else {
        while (end < s.size() && s[end] == ' ') {
          ++end;
        }
        while (end < s.size() && s[end] != ' ') {
          ++end;
        }
      }
    }
    s = ltrim(s.substr(std::min(end, s.size())));
  }
  return s;
}

std::string_view magic_word(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && is_word_char(s[n])) {
    ++n;
  }
  return s.substr(0, n);
}

bool is_dropped_magic(std::string_view name) {
  static constexpr std::array<std::string_view, 6> k_drop = {"matplotlib", "load_ext", "reload_ext",
                                                             "autoreload", "aimport",  "config"};
  return std::find(k_drop.begin(), k_drop.end(), name) != k_drop.end();
}

// `name = !cmd` as Python: IPython runs it with its getoutput (through the shell, stderr
// merged) and splits the lines, as subprocess.getoutput(cmd).splitlines() does; false when `text` is not that form, or
// the command interpolates Python values
// (`{expr}`, `$name`), which only IPython can expand.
bool read_capture(std::string_view text, EscapeInfo& info) {
  size_t n = 0;
  while (n < text.size() && (std::isalnum(static_cast<unsigned char>(text[n])) != 0 || text[n] == '_')) {
    ++n;
  }
  if (n == 0 || std::isdigit(static_cast<unsigned char>(text[0])) != 0) {
    return false;
  }
  std::string_view name = text.substr(0, n);
  std::string_view rest = ltrim(text.substr(n));
  if (!rest.starts_with("=") || rest.starts_with("==")) {
    return false;
  }
  rest = ltrim(rest.substr(1));
  if (!rest.starts_with("!")) {
    return false;
  }
  std::string_view cmd = rtrim(ltrim(rest.substr(rest.starts_with("!!") ? 2 : 1)));
  if (cmd.empty() || cmd.find_first_of("{}$\n\\") != std::string_view::npos) {
    return false;
  }
  info.kind = EscapeKind::capture;
  info.python = std::string(name) + " = subprocess.getoutput(" + python_string(cmd) + ").splitlines()";
  return true;
}

}  // namespace

EscapeInfo classify_escape(std::string_view text) {
  EscapeInfo info;
  text = rtrim(ltrim(text));
  if (read_capture(text, info)) {
    return info;
  }
  if (text.starts_with("?") || (text.ends_with("?") && !text.starts_with("!") && !text.starts_with("%"))) {
    info.kind = EscapeKind::help;
    return info;
  }
  if (text.starts_with("!")) {
    std::string_view cmd = text.substr(text.starts_with("!!") ? 2 : 1);
    if (!try_install(shell_words(cmd), info)) {
      info.kind = EscapeKind::other;
    }
    return info;
  }
  std::string_view body = text.starts_with("%") ? text.substr(1) : text;
  if (text.starts_with("%") && body.starts_with("%")) {
    return info;  // a cell magic where a line magic was expected: keep as a comment
  }
  std::string_view name = magic_word(body);
  if (name.empty() || (!text.starts_with("%") && body.size() > name.size() && body[name.size()] != ' ')) {
    return info;  // `x = !ls` and other assignments of escapes
  }
  std::string_view rest = ltrim(body.substr(name.size()));
  if (is_dropped_magic(name)) {
    info.kind = EscapeKind::drop;
  } else if (name == "time") {
    info.kind = EscapeKind::timing;
    info.python = std::string(rest);
  } else if (name == "timeit") {
    info.kind = EscapeKind::timing;
    info.python = std::string(after_timeit_options(rest));
  } else if (name == "pip" || name == "conda" || name == "mamba") {
    std::vector<std::string> w = shell_words(rest);
    if (!w.empty() && w[0] == "install") {
      read_install(w, 1, info);
    }
  }
  return info;
}

CellMagicLine read_cell_magic(std::string_view first_line) {
  CellMagicLine out;
  std::string_view s = ltrim(first_line);
  if (!s.starts_with("%%")) {
    return out;
  }
  s.remove_prefix(2);
  out.name = std::string(magic_word(s));
  std::string_view rest = rtrim(ltrim(s.substr(out.name.size())));
  if (out.name == "time") {
    out.silent = true;
  } else if (out.name == "timeit") {
    out.silent = true;
    out.python = std::string(after_timeit_options(rest));  // timeit's setup statement
  }
  return out;
}

}  // namespace nbloop::convert::package
