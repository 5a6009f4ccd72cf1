#include "lint/rules/escapes.hpp"

namespace nbloop::lint::rules {
namespace {

bool ident_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

std::string_view trim_left(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  return s;
}

// Splits `text` (after the sigil) into its first word and the rest.
void split_name(std::string_view text, std::string_view& name, std::string_view& args) {
  text = trim_left(text);
  size_t n = 0;
  while (n < text.size() && text[n] != ' ' && text[n] != '\t') {
    ++n;
  }
  name = text.substr(0, n);
  args = trim_left(text.substr(n));
}

}  // namespace

std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) {
      ++i;
    }
    size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') {
      ++i;
    }
    if (i > start) {
      out.push_back(text.substr(start, i - start));
    }
  }
  return out;
}

std::vector<Escape> escapes(const python::SourceUnit& unit) {
  std::vector<Escape> out;
  std::string_view src = unit.original;
  for (uint32_t offset : unit.escape_offsets) {
    if (offset >= src.size()) {
      continue;
    }
    size_t eol = src.find_first_of("\r\n", offset);
    if (eol == std::string_view::npos) {
      eol = src.size();
    }
    std::string_view line = src.substr(offset, eol - offset);
    Escape e;
    e.start = offset;
    e.end = static_cast<uint32_t>(eol);
    // `x = !cmd`, `a, b = %sx cmd`: the escape is the value.
    if (!line.empty() && line[0] != '%' && line[0] != '!') {
      size_t eq = line.find('=');
      if (eq != std::string_view::npos) {
        bool target = eq > 0;
        for (size_t i = 0; i < eq && target; ++i) {
          char c = line[i];
          target = ident_char(c) || c == ',' || c == ' ' || c == '.' || c == '\t';
        }
        std::string_view value = trim_left(line.substr(eq + 1));
        if (target && !value.empty() && (value[0] == '!' || value[0] == '%')) {
          line = value;
        }
      }
    }
    e.text = line;
    if (line.starts_with("%%")) {
      e.kind = Escape::Kind::other;
      split_name(line.substr(2), e.name, e.args);
    } else if (line.starts_with('%')) {
      e.kind = Escape::Kind::magic;
      split_name(line.substr(1), e.name, e.args);
    } else if (line.starts_with('!')) {
      e.kind = Escape::Kind::shell;
      split_name(line.substr(line.starts_with("!!") ? 2 : 1), e.name, e.args);
    } else if (line.starts_with('?') || line.ends_with('?')) {
      e.kind = Escape::Kind::help;
    } else {
      e.kind = Escape::Kind::magic;  // automagic: `cd ..`, `pip install x`
      split_name(line, e.name, e.args);
    }
    out.push_back(e);
  }
  return out;
}

}  // namespace nbloop::lint::rules
