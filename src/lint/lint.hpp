// The public face of the linter: lint one file's bytes (a notebook or a .py) with a rule
// set and a configuration, and get its findings back. See docs/lint.md.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace nbloop::lint {

enum class Severity : uint8_t { error, warning, info };

/// One problem found in a file. Positions are 1-based; columns count code points.
struct Finding {
  std::string code;     ///< e.g. "F401"
  std::string name;     ///< e.g. "unused-import"
  std::string message;  ///< one line, without code or location
  Severity severity = Severity::warning;
  int cell = 0;  ///< 1-based index among all cells of a notebook; 0 for a .py file or the notebook as a whole
  int line = 0;  ///< line within the cell (notebooks) or the file
  int column = 0;
  int end_line = 0;
  int end_column = 0;
  int file_line = 0;      ///< line of the file on disk (the .ipynb JSON line for notebooks)
  int end_file_line = 0;
  std::string source_line;  ///< the text of `line`, for display
};

/// Which rules run and which findings are dropped: ruff's vocabulary, from
/// `[tool.nbloop.lint]` and the command line.
struct Config {
  std::vector<std::string> select;         ///< codes or prefixes; empty: the default set
  std::vector<std::string> extend_select;  ///< added to `select`
  std::vector<std::string> ignore;         ///< codes or prefixes removed
  /// (glob, codes) pairs: findings with these codes are dropped in matching paths.
  std::vector<std::pair<std::string, std::vector<std::string>>> per_file_ignores;
  std::vector<std::string> extra_rule_dirs;  ///< folders of team rule files (`extend-rules`, `--rules-dir`)
  std::string base_dir;  ///< folder that relative per-file-ignores globs and rule dirs are relative to
  size_t max_output_bytes = 1 << 20;  ///< `max-output-bytes`: the large-output rule's limit
};

/// What linting one file produced.
struct FileReport {
  bool notebook = false;
  std::vector<Finding> findings;  ///< sorted by cell, line, column, code
};

class RuleSet;
class QueryProgram;

/// A linter ready to run: rules loaded and compiled once, then shared read-only by any
/// number of threads.
class Linter {
 public:
  /// Loads the built-in rules plus `config.extra_rule_dirs` and resolves the selection.
  /// Fails on a broken rule file (the error names file, line and column in its message)
  /// or an unknown code in `select`/`ignore`.
  static util::Result<Linter> create(const Config& config);

  /// Lints one file's bytes; `path` decides the form (.ipynb or Python) and the
  /// per-file-ignores. Fails (one line, no path) on input that cannot be linted at all:
  /// invalid notebook JSON, non-UTF-8 or binary Python, a file too large.
  [[nodiscard]] util::Result<FileReport> lint(std::string_view path, std::string bytes) const;

  /// Whether the rule at `index` in rules() runs (before per-file-ignores).
  [[nodiscard]] bool selected(size_t index) const { return m_selected[index]; }
  /// The rules that are loaded (selected or not).
  [[nodiscard]] const RuleSet& rules() const { return *m_rules; }
  [[nodiscard]] const Config& config() const { return m_config; }

 private:
  std::shared_ptr<const RuleSet> m_rules;
  std::shared_ptr<const QueryProgram> m_program;
  Config m_config;
  std::vector<bool> m_selected;  ///< by rule index
  bool m_reads_outputs = false;  ///< a selected rule reads output contents (read them)
};

/// Lints one file's bytes with a linter made from `config` (convenience for single calls;
/// reuse a Linter when linting many files).
util::Result<FileReport> lint_bytes(std::string_view path, std::string bytes, const Config& config);

}  // namespace nbloop::lint
