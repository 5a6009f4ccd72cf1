// What a rule sees while checking one file: the parsed units, the semantic model, and a
// way to report findings. Rules never look up cell boundaries themselves.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <tree_sitter/api.h>

#include "analysis/semantic.hpp"
#include "python/parser.hpp"
#include "python/source.hpp"

namespace nbloop::lint {

/// One unit with its tree.
struct ParsedUnit {
  const python::SourceUnit* unit = nullptr;
  python::Tree tree;
  bool syntax_error = false;
};

/// A finding before positions are resolved.
struct RawFinding {
  int rule = 0;  ///< index in the RuleSet
  uint32_t unit = 0;
  uint32_t start = 0;
  uint32_t end = 0;
  std::string message;
};

class RuleContext {
 public:
  RuleContext(const python::SourceFile& file, std::vector<ParsedUnit>& units) : m_file(file), m_units(units) {}

  [[nodiscard]] bool notebook() const { return m_file.notebook; }
  [[nodiscard]] const std::vector<ParsedUnit>& units() const { return m_units; }
  [[nodiscard]] const python::SourceFile& file() const { return m_file; }

  /// The scopes and bindings of the whole file (computed on first use).
  const analysis::Model& model();

  /// Every node of unit `unit` whose symbol is `symbol`, in document order (the index
  /// of all symbols is built in one pass over the tree on first use).
  const std::vector<TSNode>& nodes(uint32_t unit, TSSymbol symbol);
  /// The grammar's symbol for a named node type.
  static TSSymbol symbol(const char* name);

  /// The text of a node of unit `unit`.
  [[nodiscard]] std::string_view text(uint32_t unit, uint32_t start, uint32_t end) const {
    const std::string& t = m_units[unit].unit->text;
    return std::string_view(t).substr(start, end - start);
  }

  /// Reports a finding of the rule being run.
  void report(uint32_t unit, uint32_t start, uint32_t end, std::string message) {
    m_findings.push_back(RawFinding{m_rule, unit, start, end, std::move(message)});
  }
  /// Reports a finding of another rule (query rules run together).
  void report_as(int rule, uint32_t unit, uint32_t start, uint32_t end, std::string message) {
    m_findings.push_back(RawFinding{rule, unit, start, end, std::move(message)});
  }
  void report(const analysis::Loc& loc, std::string message) { report(loc.unit, loc.start, loc.end, std::move(message)); }

  /// The rule being run (set by the engine) and its default message.
  void set_rule(int rule, const std::string* message) {
    m_rule = rule;
    m_message = message;
  }
  [[nodiscard]] const std::string& message() const { return *m_message; }

  std::vector<RawFinding>& findings() { return m_findings; }

 private:
  const python::SourceFile& m_file;
  std::vector<ParsedUnit>& m_units;
  std::optional<analysis::Model> m_model;
  std::vector<std::vector<std::vector<TSNode>>> m_index;  // unit -> symbol -> nodes
  std::vector<RawFinding> m_findings;
  int m_rule = 0;
  const std::string* m_message = nullptr;
};

/// Replaces `{key}` in a message template.
std::string format_message(std::string_view templ, std::string_view key, std::string_view value);

}  // namespace nbloop::lint
