// The checks behind `nbloop check`: what a finding is, the stripped check (stored bytes
// against nbloop's own strip, run in-process since libgit2 runs no external filter), and the
// seam through which the lint engine contributes its findings.
#pragma once

#include <optional>
#include <string>
#include <vector>

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
