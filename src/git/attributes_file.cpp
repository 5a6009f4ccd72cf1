#include "git/attributes_file.hpp"

namespace nbloop::git {
namespace {

std::string_view trimmed_right(std::string_view s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

// Calls fn(line_without_terminator, line_with_terminator) for each line.
template <typename Fn>
void for_each_line(std::string_view text, Fn&& fn) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    std::string_view whole = text.substr(pos, end - pos);
    std::string_view bare = whole;
    if (!bare.empty() && bare.back() == '\n') {
      bare.remove_suffix(1);
    }
    fn(bare, whole);
    pos = end;
  }
}

}  // namespace

bool has_line(std::string_view text, std::string_view line) {
  bool found = false;
  for_each_line(text, [&](std::string_view bare, std::string_view) {
    if (trimmed_right(bare) == line) {
      found = true;
    }
  });
  return found;
}

std::string with_line(std::string text, std::string_view line) {
  if (has_line(text, line)) {
    return text;
  }
  if (!text.empty() && text.back() != '\n') {
    text += '\n';
  }
  text.append(line);
  text += '\n';
  return text;
}

std::string without_line(std::string_view text, std::string_view line) {
  std::string out;
  out.reserve(text.size());
  for_each_line(text, [&](std::string_view bare, std::string_view whole) {
    if (trimmed_right(bare) != line) {
      out.append(whole);
    }
  });
  return out;
}

}  // namespace nbloop::git
