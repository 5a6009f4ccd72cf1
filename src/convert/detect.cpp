#include "convert/detect.hpp"

#include "convert/script_lines.hpp"

namespace nbloop::convert {

Form detect_form(std::string_view text) {
  size_t p = text.find_first_not_of(" \t\r\n");
  if (text.starts_with("\xef\xbb\xbf")) p = text.find_first_not_of(" \t\r\n", 3);
  if (p != std::string_view::npos && text[p] == '{') return Form::ipynb;
  std::string_view first = text.substr(0, text.find('\n'));
  while (!first.empty() && (first.back() == '\r' || first.back() == ' ')) first.remove_suffix(1);
  if (first == "# Databricks notebook source" || first == "-- Databricks notebook source" ||
      first == "// Databricks notebook source") {
    return Form::databricks;
  }
  if (text.find("format_name: percent") != std::string_view::npos) return Form::percent;
  StringParser parser("python");
  for (const auto& line : split_lines(text)) {
    bool quoted = parser.is_quoted();
    parser.read_line(line);
    if (quoted) continue;
    std::string_view l = line;
    if (l.starts_with("# %%")) {
      l.remove_prefix(4);
    } else if (l.starts_with("#%%")) {
      l.remove_prefix(3);
    } else {
      continue;
    }
    if (l.empty() || l[0] == ' ' || l[0] == '\t') return Form::percent;
  }
  return Form::unknown;
}

const char* form_name(Form form) {
  switch (form) {
    case Form::ipynb: return "ipynb";
    case Form::percent: return "percent";
    case Form::databricks: return "databricks";
    default: return "unknown";
  }
}

}  // namespace nbloop::convert
