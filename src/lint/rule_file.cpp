#include "lint/rule_file.hpp"

#include <array>
#include <cctype>

namespace nbloop::lint {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

bool valid_name(std::string_view name) {
  if (name.empty() || name.front() == '-' || name.back() == '-') {
    return false;
  }
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
      return false;
    }
  }
  return true;
}

bool valid_code(std::string_view code) {
  if (code.empty() || !std::isupper(static_cast<unsigned char>(code[0]))) {
    return false;
  }
  for (char c : code) {
    if (!std::isupper(static_cast<unsigned char>(c)) && !std::isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return std::isdigit(static_cast<unsigned char>(code.back())) != 0;
}

}  // namespace

std::string_view severity_text(Severity s) {
  switch (s) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::info:
      return "info";
  }
  return "warning";
}

std::string_view forms_text(Forms f) {
  switch (f) {
    case Forms::both:
      return "both";
    case Forms::notebook:
      return "notebook";
    case Forms::py:
      return "py";
  }
  return "both";
}

util::Result<RuleSpec> parse_rule_file(std::string_view text, std::string file, std::string category) {
  RuleSpec spec;
  spec.file = std::move(file);
  spec.category = std::move(category);
  bool seen[7] = {};
  static constexpr std::array<std::string_view, 7> k_keys = {"id",      "name", "severity", "applies-to",
                                                             "message", "kind", "default"};
  int line_no = 0;
  size_t pos = 0;
  bool in_header = true;
  bool in_docs = false;
  size_t query_start = text.size();
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    size_t next = eol == std::string_view::npos ? text.size() : eol + 1;
    std::string_view line = text.substr(pos, (eol == std::string_view::npos ? text.size() : eol) - pos);
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    ++line_no;
    if (!line.starts_with(";;")) {
      if (trim(line).empty() && in_header && line_no == 1) {
        pos = next;
        continue;
      }
      query_start = pos;
      spec.query_line = line_no;
      break;
    }
    std::string_view body = line.substr(2);
    if (!body.empty() && body[0] == ' ') {
      body.remove_prefix(1);
    }
    if (in_header) {
      if (trim(body).empty()) {
        in_header = false;
        in_docs = true;
        pos = next;
        continue;
      }
      size_t colon = body.find(':');
      if (colon == std::string_view::npos) {
        return util::make_error("expected `;; key: value` in the rule header", line_no, 4);
      }
      std::string_view key = trim(body.substr(0, colon));
      std::string_view value = trim(body.substr(colon + 1));
      int value_col = static_cast<int>(value.data() - line.data()) + 1;
      size_t k = 0;
      while (k < k_keys.size() && k_keys[k] != key) {
        ++k;
      }
      if (k == k_keys.size()) {
        return util::make_error("unknown header key `" + std::string(key) + "` (expected id, name, severity, applies-to, message, kind or default)", line_no, 4);
      }
      seen[k] = true;
      if (key == "id") {
        if (!valid_code(value)) {
          return util::make_error("invalid rule id `" + std::string(value) + "` (expected capital letters then digits, e.g. NB101)", line_no, value_col);
        }
        spec.code = value;
      } else if (key == "name") {
        if (!valid_name(value)) {
          return util::make_error("invalid rule name `" + std::string(value) + "` (expected kebab-case)", line_no, value_col);
        }
        spec.name = value;
      } else if (key == "severity") {
        if (value == "error") {
          spec.severity = Severity::error;
        } else if (value == "warning") {
          spec.severity = Severity::warning;
        } else if (value == "info") {
          spec.severity = Severity::info;
        } else {
          return util::make_error("invalid severity `" + std::string(value) + "` (expected error, warning or info)", line_no, value_col);
        }
      } else if (key == "applies-to") {
        if (value == "both") {
          spec.forms = Forms::both;
        } else if (value == "notebook") {
          spec.forms = Forms::notebook;
        } else if (value == "py") {
          spec.forms = Forms::py;
        } else {
          return util::make_error("invalid applies-to `" + std::string(value) + "` (expected both, notebook or py)", line_no, value_col);
        }
      } else if (key == "message") {
        if (value.empty()) {
          return util::make_error("empty message", line_no, value_col);
        }
        spec.message = value;
      } else if (key == "default") {
        if (value == "on") {
          spec.default_on = true;
        } else if (value == "off") {
          spec.default_on = false;
        } else {
          return util::make_error("invalid default `" + std::string(value) + "` (expected on or off)", line_no, value_col);
        }
      } else if (key == "kind") {
        if (value == "native") {
          spec.native = true;
        } else if (value != "query") {
          return util::make_error("invalid kind `" + std::string(value) + "` (expected query or native)", line_no, value_col);
        }
      }
    } else if (in_docs) {
      spec.docs += body;
      spec.docs += '\n';
    }
    pos = next;
  }
  for (size_t k = 0; k < 5; ++k) {
    if (!seen[k]) {
      return util::make_error("missing `;; " + std::string(k_keys[k]) + ":` in the rule header", 1, 1);
    }
  }
  while (!spec.docs.empty() && spec.docs.back() == '\n') {
    spec.docs.pop_back();
  }
  for (std::string_view section : {"## What it does", "## Why is this bad?", "## Example", "## Use instead"}) {
    if (spec.docs.find(section) == std::string::npos) {
      return util::make_error("missing documentation section `" + std::string(section) + "`", 1, 1);
    }
  }
  spec.query = std::string(text.substr(query_start));
  bool query_blank = trim(spec.query).find_first_not_of("\n\r\t ") == std::string_view::npos;
  if (spec.native && !query_blank) {
    return util::make_error("a native rule has no query", spec.query_line, 1);
  }
  if (!spec.native && query_blank) {
    return util::make_error("missing query (or `;; kind: native` for a rule implemented in C++)", line_no, 1);
  }
  if (spec.native) {
    spec.query.clear();
  }
  return spec;
}

}  // namespace nbloop::lint
