// Rule files (rules/<category>/<name>.scm): the `;;` header, the documentation sections
// and the tree-sitter query, read into a RuleSpec.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lint/lint.hpp"
#include "util/result.hpp"

namespace nbloop::lint {

/// Which forms of Python a rule applies to.
enum class Forms : uint8_t { both, notebook, py };

/// Everything a rule file declares.
struct RuleSpec {
  std::string code;      ///< `id`: stable code, e.g. "E722"
  std::string name;      ///< kebab-case, e.g. "bare-except"
  Severity severity = Severity::warning;
  Forms forms = Forms::both;
  std::string message;   ///< may hold `{capture}` placeholders (query rules)
  bool native = false;   ///< `kind: native`: implemented in C++ (src/lint/rules/), no query
  bool default_on = true;  ///< `default: on|off`: whether the rule runs when no `select` is given
  std::string category;  ///< folder under rules/
  std::string docs;      ///< Markdown: What it does / Why is this bad? / Example / Use instead
  std::string query;     ///< the tree-sitter query (empty for native rules)
  int query_line = 0;    ///< 1-based line of the file where the query starts
  std::string file;      ///< where it was loaded from (for error messages)
};

/// Parses a rule file's text. Errors carry the line and column in the file; the
/// caller adds the path. Required header keys: id, name, severity, applies-to, message
/// (optional: kind, default);
/// required doc sections: What it does, Why is this bad?, Example, Use instead.
util::Result<RuleSpec> parse_rule_file(std::string_view text, std::string file, std::string category);

/// Severity and forms as written in rule files.
std::string_view severity_text(Severity s);
std::string_view forms_text(Forms f);

}  // namespace nbloop::lint
