#include "convert/package/glob.hpp"

#include <vector>

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

std::vector<std::string_view> segments(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    size_t slash = s.find('/', start);
    out.push_back(s.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos) {
      return out;
    }
    start = slash + 1;
  }
}

// Segment by segment, by dynamic programming over (pattern segment, path segment), so
// patterns with many `**` stay linear in each: ok[i][j] says pattern segments from i match
// path segments from j.
bool match_path(std::string_view pattern, std::string_view path) {
  std::vector<std::string_view> pat = segments(pattern);
  std::vector<std::string_view> parts = segments(path);
  const size_t np = pat.size(), ns = parts.size();
  std::vector<std::vector<char>> ok(np + 1, std::vector<char>(ns + 1, 0));
  ok[np][ns] = 1;
  for (size_t i = np; i-- > 0;) {
    for (size_t j = ns + 1; j-- > 0;) {
      if (pat[i] == "**") {
        // Zero segments, or one more path segment.
        ok[i][j] = static_cast<char>(ok[i + 1][j] || (j < ns && ok[i][j + 1]));
      } else {
        ok[i][j] = static_cast<char>(j < ns && ok[i + 1][j + 1] && match_segment(pat[i], parts[j]));
      }
    }
  }
  return ok[0][0] != 0;
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
