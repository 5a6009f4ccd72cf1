#include "lint/noqa.hpp"

#include <cctype>

namespace nbloop::lint {
namespace {

bool iequals_at(std::string_view s, size_t at, std::string_view word) {
  if (at + word.size() > s.size()) {
    return false;
  }
  for (size_t i = 0; i < word.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[at + i])) != word[i]) {
      return false;
    }
  }
  return true;
}

size_t skip_spaces(std::string_view s, size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) {
    ++i;
  }
  return i;
}

// Reads `: CODE, CODE` after a directive; returns the end offset.
size_t read_codes(std::string_view s, size_t i, ParsedNoqa& out) {
  size_t j = skip_spaces(s, i);
  if (j >= s.size() || s[j] != ':') {
    return i;
  }
  j = skip_spaces(s, j + 1);
  size_t end = i;
  while (j < s.size()) {
    size_t k = j;
    while (k < s.size() && std::isupper(static_cast<unsigned char>(s[k]))) {
      ++k;
    }
    size_t letters = k - j;
    while (k < s.size() && std::isdigit(static_cast<unsigned char>(s[k]))) {
      ++k;
    }
    if (letters == 0 || k == j + letters) {
      break;
    }
    out.codes.emplace_back(s.substr(j, k - j));
    end = k;
    j = k;
    while (j < s.size() && (s[j] == ',' || s[j] == ' ' || s[j] == '\t')) {
      ++j;
    }
  }
  out.blanket = out.codes.empty();
  return end;
}

}  // namespace

ParsedNoqa parse_noqa_comment(std::string_view c) {
  ParsedNoqa out;
  // File-wide forms first: `# nbloop: noqa-file`, `# ruff: noqa`, `# flake8: noqa`.
  size_t i = skip_spaces(c, c.starts_with('#') ? 1 : 0);
  for (std::string_view tool : {"nbloop", "ruff", "flake8"}) {
    if (iequals_at(c, i, tool)) {
      size_t j = skip_spaces(c, i + tool.size());
      if (j < c.size() && c[j] == ':') {
        j = skip_spaces(c, j + 1);
        std::string_view word = tool == "nbloop" ? "noqa-file" : "noqa";
        if (iequals_at(c, j, word)) {
          out.kind = ParsedNoqa::Kind::file;
          out.offset = i;
          size_t end = read_codes(c, j + word.size(), out);
          if (tool == "flake8") {
            out.codes.clear();  // flake8 ignores codes here and skips the whole file
            out.blanket = true;
          }
          out.length = end - i;
          return out;
        }
      }
    }
  }
  // `# noqa`, `#noqa:F401`, anywhere in the comment after a `#`.
  for (size_t hash = c.find('#'); hash != std::string_view::npos; hash = c.find('#', hash + 1)) {
    size_t j = skip_spaces(c, hash + 1);
    if (iequals_at(c, j, "noqa")) {
      size_t after = j + 4;
      if (after < c.size() && (std::isalnum(static_cast<unsigned char>(c[after])) || c[after] == '-')) {
        continue;
      }
      out.kind = ParsedNoqa::Kind::line;
      out.offset = hash;
      size_t end = read_codes(c, after, out);
      out.length = (end > after ? end : after) - hash;
      return out;
    }
  }
  return out;
}

}  // namespace nbloop::lint
