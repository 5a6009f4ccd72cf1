#include "convert/package/names.hpp"

#include <algorithm>
#include <array>

namespace nbloop::convert::package {
namespace {

constexpr std::array<std::string_view, 35> k_keywords = {
    "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
    "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
    "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
    "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield"};

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

bool is_identifier(std::string_view name) {
  if (name.empty() || !(is_ascii_alpha(name[0]) || name[0] == '_')) {
    return false;
  }
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return is_ascii_alpha(c) || is_ascii_digit(c) || c == '_'; });
}

}  // namespace

bool is_keyword(std::string_view name) {
  return std::find(k_keywords.begin(), k_keywords.end(), name) != k_keywords.end();
}

bool is_module_name(std::string_view name) { return is_identifier(name) && !is_keyword(name); }

std::string invalid_name_reason(std::string_view name) {
  if (name.empty()) {
    return "empty name";
  }
  if (is_keyword(name)) {
    return "'" + std::string(name) + "' is a Python keyword";
  }
  if (!is_identifier(name)) {
    return "'" + std::string(name) +
           "' is not a valid Python identifier (letters, digits and _, not starting with a digit)";
  }
  return "";
}

std::string module_name_for_notebook(std::string_view file_name) {
  std::string_view stem = file_name;
  if (auto dot = stem.rfind('.'); dot != std::string_view::npos && dot > 0) {
    stem = stem.substr(0, dot);
  }
  std::string name;
  for (char c : stem) {
    if (is_ascii_alpha(c) || is_ascii_digit(c)) {
      name += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    } else if (name.empty() || name.back() != '_') {
      name += '_';
    }
  }
  // Trim underscores the separators left at both ends (a name's own leading `_` as in
  // `_private.ipynb` is kept: it was written, not made from a separator).
  bool own_underscore = !stem.empty() && stem[0] == '_';
  while (!name.empty() && name.back() == '_') {
    name.pop_back();
  }
  size_t start = 0;
  if (!own_underscore) {
    while (start < name.size() && name[start] == '_') {
      ++start;
    }
  }
  // Drop a numbering prefix: digits then `_`, when a letter follows ("01_intro" → "intro").
  size_t digits = start;
  while (digits < name.size() && is_ascii_digit(name[digits])) {
    ++digits;
  }
  if (digits > start && digits + 1 < name.size() && name[digits] == '_' && is_ascii_alpha(name[digits + 1])) {
    start = digits + 1;
  }
  name = name.substr(start);
  if (name.empty() || is_ascii_digit(name[0])) {
    name = "nb_" + name;
    if (name == "nb_") {
      name = "notebook";
    }
  }
  if (is_keyword(name)) {
    name += '_';
  }
  return name;
}

}  // namespace nbloop::convert::package
