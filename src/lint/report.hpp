// Rendering findings: text (ruff-like, with source line and caret on a terminal), json,
// github (workflow commands), sarif 2.1.0 and junit.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lint/lint.hpp"

namespace nbloop::lint {

class RuleSet;

enum class OutputFormat : uint8_t { text, json, github, sarif, junit };

/// Parses a format name; false when unknown.
bool parse_output_format(std::string_view name, OutputFormat& out);

/// One linted file and its findings.
struct FileFindings {
  std::string path;
  bool notebook = false;
  std::vector<Finding> findings;
};

struct RenderOptions {
  bool color = false;        ///< ANSI colours (text)
  bool show_source = false;  ///< source line and caret under each finding (text)
  std::string tool_version;  ///< for sarif
};

/// Renders all findings (files in the given order, already sorted).
std::string render(OutputFormat format, const std::vector<FileFindings>& files, const RuleSet& rules,
                   const RenderOptions& options);

/// `--statistics`: one line per rule code, most frequent first (ties by code), in ruff's
/// layout (`COUNT<TAB>CODE<TAB>NAME`, counts right-aligned); json: an array of objects with
/// `code`, `name`, `count` and `fixable` (always false: nbloop reports, it does not fix).
std::string render_statistics(OutputFormat format, const std::vector<FileFindings>& files);

/// `PATH:cell N:LINE:COL` or `PATH:LINE:COL`.
std::string location(const std::string& path, const Finding& f);

/// JSON string escaping (RFC 8259), with the quotes.
std::string json_quote(std::string_view s);

}  // namespace nbloop::lint
