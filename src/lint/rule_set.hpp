// The loaded rules: built-in rule files embedded in the binary plus a team's own rule
// folders, each query compiled once and checked, each native rule tied to its C++ check.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "lint/rule_file.hpp"
#include "util/result.hpp"

struct TSQuery;

namespace nbloop::lint {

class RuleContext;
/// A native (C++) rule's check: reports through the context.
using NativeCheck = void (*)(RuleContext& ctx);

/// One loaded rule.
struct Rule {
  RuleSpec spec;
  NativeCheck check = nullptr;  ///< native rules only
  bool reads_outputs = false;  ///< native rules that read the contents of notebook outputs
  bool builtin = true;
};

/// All rules known to a run, in code order. Immutable once loaded.
class RuleSet {
 public:
  /// Built-in rules plus every `*.scm` below each folder of `extra_dirs` (a rule file
  /// there may replace a built-in rule with the same code). Errors name the file, line and
  /// column: "PATH:LINE:COL: MESSAGE" in the message.
  static util::Result<RuleSet> load(const std::vector<std::string>& extra_dirs);

  [[nodiscard]] const std::vector<Rule>& rules() const { return m_rules; }
  /// The rule with this code or name, or nullptr.
  [[nodiscard]] const Rule* find(std::string_view code_or_name) const;
  /// Index of the rule with this code, or -1.
  [[nodiscard]] int index_of(std::string_view code) const;

 private:
  std::vector<Rule> m_rules;
};

/// Checks that a query compiles against the Python grammar and uses only supported
/// predicates; errors are relative to the query text (1-based line:col).
util::Status validate_query(std::string_view query);

}  // namespace nbloop::lint
