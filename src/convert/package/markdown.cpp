#include "convert/package/markdown.hpp"

#include <cctype>

#include "util/text.hpp"

namespace nbloop::convert::package {
namespace {

template <typename Fn>
void for_lines(std::string_view s, Fn&& fn) {
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t eol = s.find('\n', pos);
    std::string_view line = s.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    if (!fn(line)) {
      return;
    }
    if (eol == std::string_view::npos) {
      return;
    }
    pos = eol + 1;
  }
}

bool is_fence(std::string_view t) { return t.starts_with("```") || t.starts_with("~~~"); }

// `### Text ##` -> level 3, "Text"; level 0 when the line is not a heading.
Heading read_heading(std::string_view line) {
  Heading h;
  h.level = 0;
  size_t indent = line.find_first_not_of(' ');
  if (indent == std::string_view::npos || indent > 3) {
    return h;
  }
  std::string_view t = line.substr(indent);
  size_t n = 0;
  while (n < t.size() && t[n] == '#') {
    ++n;
  }
  if (n == 0 || n > 6 || (n < t.size() && t[n] != ' ' && t[n] != '\t')) {
    return h;
  }
  std::string_view text = util::trim_space(t.substr(n));
  size_t end = text.find_last_not_of('#');
  if (end != std::string_view::npos && end + 1 < text.size() && (text[end] == ' ' || text[end] == '\t')) {
    text = util::trim_space(text.substr(0, end));
  }
  h.level = static_cast<int>(n);
  h.text = std::string(text);
  return h;
}

}  // namespace

std::vector<Heading> markdown_headings(std::string_view markdown) {
  std::vector<Heading> out;
  bool fenced = false;
  for_lines(markdown, [&](std::string_view line) {
    std::string_view t = util::trim_space(line);
    if (is_fence(t)) {
      fenced = !fenced;
    } else if (!fenced) {
      Heading h = read_heading(line);
      if (h.level > 0 && !h.text.empty()) {
        out.push_back(std::move(h));
      }
    }
    return true;
  });
  return out;
}

std::string first_paragraph(std::string_view markdown) {
  std::string out;
  bool fenced = false;
  for_lines(markdown, [&](std::string_view line) {
    std::string_view t = util::trim_space(line);
    if (is_fence(t)) {
      fenced = !fenced;
      return out.empty();
    }
    bool other = fenced || t.empty() || read_heading(line).level > 0 || t.starts_with("<") || t.starts_with("![") ||
                 t == "---" || t == "***" || t.starts_with("$$");
    if (other) {
      return out.empty();
    }
    if (!out.empty()) {
      out += '\n';
    }
    if (t.starts_with("> ")) {
      t.remove_prefix(2);  // nbdev writes its summary as a block quote
    }
    // Inline HTML (<a href=...>, <br>) keeps its text only.
    for (size_t i = 0; i < t.size(); ++i) {
      if (t[i] == '<') {
        size_t close = t.find('>', i);
        if (close != std::string_view::npos && close > i + 1 &&
            (std::isalpha(static_cast<unsigned char>(t[i + 1])) != 0 || t[i + 1] == '/')) {
          i = close;
          continue;
        }
      }
      out += t[i];
    }
    while (!out.empty() && out.back() == ' ') {
      out.pop_back();
    }
    return true;
  });
  return out;
}

}  // namespace nbloop::convert::package
