// The checks behind `nbloop check`: what a finding is, the stripped check (stored bytes
// against nbloop's own strip, run in-process since libgit2 runs no external filter), the
// package-in-sync check (nb2py's plan against the work tree), and the seam through which the
// lint engine contributes its findings.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "config/pyproject.hpp"
#include "convert/package/pipeline.hpp"
#include "strip/strip.hpp"
#include "util/result.hpp"

namespace nbloop::git {

/// One problem found by a check, located in the file's own lines (for a notebook: lines of
/// the .ipynb JSON, so CI annotations land on the diff).
struct CheckFinding {
  std::string path;
  int line = 0;    ///< 1-based; 0 when the finding concerns the whole file
  int column = 0;  ///< 1-based; 0 when unknown
  int end_line = 0;
  int end_column = 0;        ///< the column after the end, SARIF-style; 0 when unknown
  std::string code;          ///< stable identifier: "not-stripped", or a lint rule code
  std::string name;          ///< kebab-case rule name (equal to `code` for nbloop's checks)
  std::string summary;       ///< one sentence describing the rule (SARIF shortDescription)
  std::string severity = "error";  ///< "error" or "warning"
  std::string message;
  std::string display_location;  ///< for text output, e.g. "cell 3:2:5"; empty: line:col
};

/// A file to check: its repository-relative (or command-line) path and the bytes to judge.
struct CheckInput {
  std::string path;
  std::string content;
};

/// The seam to the lint engine: lints the given files (notebooks and .py) and returns their
/// findings in file order. An Error means the lint run itself could not happen (bad lint
/// config); a file that cannot be parsed should come back as a finding.
using LintRunner = util::Result<std::vector<CheckFinding>> (*)(const std::vector<CheckInput>& files);

/// The stripped check: nothing when `input.content` equals its strip under `options`, else a
/// `not-stripped` finding at the first line the strip would change. Errors: the content is
/// not a readable notebook (the notebook reader's error, with line:col).
util::Result<std::optional<CheckFinding>> check_stripped(const CheckInput& input, const strip::StripOptions& options,
                                                         bool unix_newlines);

}  // namespace nbloop::git

namespace nbloop::git {

/// The unresolved-merge check: one `conflict-markers` finding per conflict left in a `.py`
/// file or in any cell of a notebook (code, markdown or raw), located at the line of the
/// file on disk. Errors: a notebook whose JSON cannot be read (line:col).
util::Result<std::vector<CheckFinding>> check_conflict_markers(const CheckInput& input);

}  // namespace nbloop::git

namespace nbloop::git {

/// `[tool.nbloop.check]`: the settings of `nbloop check` itself.
struct CheckConfig {
  /// `package = true | false`: require the package-in-sync check, or skip it; unset: run it
  /// when `[tool.nbloop.convert]` names notebooks or a mapping.
  std::optional<bool> package;
};

/// Reads `[tool.nbloop.check]`. Errors (with the value's line:col): an unknown key, a value
/// of the wrong type.
util::Result<CheckConfig> read_check_config(const config::Section& section);

/// What the package-in-sync check found.
struct PackageCheck {
  /// A `[tool.nbloop.convert]` naming `notebooks` or a `mapping` was found in the nearest
  /// pyproject.toml (where nb2py records its runs); false: the check had nothing to do.
  bool configured = false;
  /// The project was planned and compared: something of it was in scope.
  bool compared = false;
  std::string config_file;             ///< the pyproject.toml read
  std::vector<std::string> notebooks;  ///< the notebooks a bare `nb2py` converts, as named
  /// Those of `notebooks` whose files were judged (all of them when the pyproject.toml is
  /// in scope or there is no scope).
  std::vector<std::string> considered;
  std::vector<CheckFinding> findings;  ///< one per generated file a bare `nb2py` would change
  /// The run could not be planned (bad config, a notebook nb2py refuses): nb2py's errors.
  std::vector<convert::package::RunMessage> errors;
};

/// Says whether a file (absolute, normalised path) is among those `nbloop check` checks.
using ScopeFilter = std::function<bool(const std::string& absolute_path)>;

/// The package-in-sync check: plans a bare `nb2py` run from the nearest pyproject.toml above
/// `start_dir` (reading the work tree, writing nothing: `nb2py --check`'s comparison) and
/// gives one finding per file it would change: `package-out-of-sync` (to be created or
/// updated, or a foreign file in the way) or `generated-file-edited` (edited by hand since
/// nb2py wrote it), located at the file's first line that differs.
///
/// `in_scope` (null: everything is) narrows the findings to the files that come from a
/// notebook in scope (by the notebooks their nb2py header names, planned or on disk), or
/// that are in scope themselves; the project's pyproject.toml in scope puts every file in.
/// Planning errors are reported only when something of the project is in scope.
PackageCheck check_package(const std::string& start_dir, const ScopeFilter& in_scope);

}  // namespace nbloop::git
