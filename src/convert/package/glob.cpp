#include "convert/package/glob.hpp"

namespace nbloop::convert::package {
namespace {

// Matches one character against a `[...]` set starting at pattern[p] == '['; on success
// sets `next` to just past the closing ']'. A set without its ']' matches a literal '['.
bool match_set(std::string_view pattern, size_t p, char c, size_t& next, bool& matched) {
  size_t i = p + 1;
  bool negate = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
  if (negate) {
    ++i;
  }
  bool found = false;
  bool first = true;
  for (; i < pattern.size() && (first || pattern[i] != ']'); ++i, first = false) {
    if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
      found = found || (c >= pattern[i] && c <= pattern[i + 2]);
      i += 2;
    } else {
      found = found || c == pattern[i];
    }
  }
  if (i >= pattern.size()) {
    return false;
  }
  next = i + 1;
  matched = found != negate && c != '/';
  return true;
}

bool match_segment(std::string_view pattern, std::string_view text) {
  // Iterative wildcard matching with one backtrack point for the last `*`.
  size_t p = 0, t = 0, star_p = std::string_view::npos, star_t = 0;
  while (t < text.size()) {
    size_t next = 0;
    bool matched = false;
    if (p < pattern.size() && pattern[p] == '*') {
      star_p = p++;
      star_t = t;
      continue;
    }
    if (p < pattern.size() && pattern[p] == '[' && match_set(pattern, p, text[t], next, matched)) {
      if (matched) {
        p = next;
        ++t;
        continue;
      }
    } else if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
      continue;
    }
    if (star_p == std::string_view::npos) {
      return false;
    }
    p = star_p + 1;
    t = ++star_t;
  }
  while (p < pattern.size() && pattern[p] == '*') {
    ++p;
  }
  return p == pattern.size();
}

std::string_view first_segment(std::string_view s, std::string_view& rest, bool& last) {
  size_t slash = s.find('/');
  last = slash == std::string_view::npos;
  rest = last ? std::string_view{} : s.substr(slash + 1);
  return last ? s : s.substr(0, slash);
}

bool match_path(std::string_view pattern, std::string_view path) {
  std::string_view pattern_rest, path_rest;
  bool pattern_last = false, path_last = false;
  std::string_view seg = first_segment(pattern, pattern_rest, pattern_last);
  if (seg == "**") {
    if (pattern_last) {
      return true;
    }
    // Zero segments, or one more segment of the path and try again.
    if (match_path(pattern_rest, path)) {
      return true;
    }
    std::string_view name = first_segment(path, path_rest, path_last);
    (void)name;
    return !path_last && match_path(pattern, path_rest);
  }
  std::string_view name = first_segment(path, path_rest, path_last);
  if (!match_segment(seg, name)) {
    return false;
  }
  if (pattern_last || path_last) {
    return pattern_last && path_last;
  }
  return match_path(pattern_rest, path_rest);
}

}  // namespace

bool has_wildcards(std::string_view pattern) { return pattern.find_first_of("*?[") != std::string_view::npos; }

bool glob_match(std::string_view pattern, std::string_view path) {
  while (pattern.substr(0, 2) == "./") {
    pattern.remove_prefix(2);
  }
  while (path.substr(0, 2) == "./") {
    path.remove_prefix(2);
  }
  return match_path(pattern, path);
}

}  // namespace nbloop::convert::package
