// What a rule sees while checking one file: the parsed units, the semantic model, and a
// way to report findings. Rules never look up cell boundaries themselves.
#pragma once

#include <cstdint>
#include <memory>
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

/// Where a raw finding sits, which decides how its position is resolved.
enum class Site : uint8_t {
  unit,      ///< bytes of a Python unit (a linted code cell or the .py file)
  cell,      ///< bytes of a cell's source that is not a unit (markdown, raw, skipped code)
  output,    ///< bytes of an output's text (`OutputFacts::text`)
  cell_line, ///< a cell as a whole (its id, count or outputs), at a line of the file (`start`)
  notebook,  ///< the notebook as a whole, at a line of the file
};

/// A finding before positions are resolved.
struct RawFinding {
  int rule = 0;  ///< index in the RuleSet
  uint32_t unit = 0;  ///< Site::unit: the unit; cell and output: the 0-based cell; notebook: the file line
  uint32_t start = 0;
  uint32_t end = 0;
  std::string message;
  Site site = Site::unit;
  uint32_t output = 0;   ///< Site::output: index of the output in the cell
  bool textual = false;  ///< found in the text, not the tree: kept when the unit has a syntax error
};

/// Settings rules read (from `[tool.nbloop.lint]`).
struct RuleOptions {
  size_t max_output_bytes = 1 << 20;  ///< large-output: an output bigger than this is reported
};

class RuleContext {
 public:
  RuleContext(const python::SourceFile& file, std::vector<ParsedUnit>& units, const RuleOptions& options = {})
      : m_file(file), m_units(units), m_options(options) {}

  [[nodiscard]] bool notebook() const { return m_file.notebook; }
  /// Every cell, output and the metadata of a notebook (empty for a .py).
  [[nodiscard]] const python::NotebookFacts& facts() const { return m_file.facts; }
  [[nodiscard]] const RuleOptions& options() const { return m_options; }
  /// Whether the rule with this code runs on this file (for rules that defer to a more
  /// specific one).
  [[nodiscard]] bool enabled(std::string_view code) const;
  void set_enabled(const std::vector<bool>* enabled, const std::vector<std::string_view>* codes) {
    m_enabled = enabled;
    m_codes = codes;
  }
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

  /// Reports a finding found in a unit's text rather than its tree (a secret, a conflict
  /// marker): it stands even when the unit does not parse.
  void report_text(uint32_t unit, uint32_t start, uint32_t end, std::string message) {
    RawFinding f{m_rule, unit, start, end, std::move(message)};
    f.textual = true;
    m_findings.push_back(std::move(f));
  }
  /// Reports bytes [start, end) of the source of cell `cell` (0-based in facts().cells), of
  /// any type. A linted code cell reports through its unit (so `# noqa` works there).
  void report_cell(uint32_t cell, uint32_t start, uint32_t end, std::string message);
  /// Reports bytes of the text of output `output` of cell `cell`.
  void report_output(uint32_t cell, uint32_t output, uint32_t start, uint32_t end, std::string message) {
    RawFinding f{m_rule, cell, start, end, std::move(message), Site::output, output, true};
    m_findings.push_back(std::move(f));
  }
  /// Reports on cell `cell` as a whole (its id, its execution count, an output's size), at
  /// line `file_line` of the .ipynb file; shown as `cell N:1:1`.
  void report_cell_line(uint32_t cell, int file_line, std::string message) {
    RawFinding f{m_rule, cell, static_cast<uint32_t>(file_line > 0 ? file_line : 0), 0, std::move(message),
                 Site::cell_line};
    m_findings.push_back(std::move(f));
  }
  /// Reports on the notebook as a whole, at line `file_line` of the .ipynb file.
  void report_notebook(int file_line, std::string message) {
    RawFinding f{m_rule, static_cast<uint32_t>(file_line > 0 ? file_line : 1), 0, 0, std::move(message), Site::notebook};
    m_findings.push_back(std::move(f));
  }

  /// The rule being run (set by the engine) and its default message.
  void set_rule(int rule, const std::string* message) {
    m_rule = rule;
    m_message = message;
  }
  [[nodiscard]] const std::string& message() const { return *m_message; }

  std::vector<RawFinding>& findings() { return m_findings; }

  /// A value computed once per file and shared by the rules that need it (e.g. the secret
  /// scan of every source, read by three rules): `make()` runs on the first call for `key`.
  template <typename T, typename Make>
  const T& shared(std::string_view key, Make make) {
    for (auto& [k, v] : m_shared) {
      if (k == key) {
        return *static_cast<const T*>(v.get());
      }
    }
    auto value = std::make_shared<T>(make());
    const T& ref = *value;
    m_shared.emplace_back(std::string(key), std::move(value));
    return ref;
  }

 private:
  const python::SourceFile& m_file;
  std::vector<ParsedUnit>& m_units;
  RuleOptions m_options;
  const std::vector<bool>* m_enabled = nullptr;
  const std::vector<std::string_view>* m_codes = nullptr;
  std::optional<analysis::Model> m_model;
  std::vector<std::vector<std::vector<TSNode>>> m_index;  // unit -> symbol -> nodes
  std::vector<RawFinding> m_findings;
  std::vector<std::pair<std::string, std::shared_ptr<void>>> m_shared;
  int m_rule = 0;
  const std::string* m_message = nullptr;
};

/// Replaces `{key}` in a message template.
std::string format_message(std::string_view templ, std::string_view key, std::string_view value);

}  // namespace nbloop::lint
