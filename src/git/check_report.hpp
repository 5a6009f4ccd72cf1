// Renders `nbloop check` findings as text, JSON, GitHub Actions workflow commands or SARIF 2.1.0.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "git/check.hpp"

namespace nbloop::git {

enum class ReportFormat { text, json, github, sarif };

/// "text", "json", "github" or "sarif"; nothing for any other name.
std::optional<ReportFormat> parse_report_format(std::string_view name);

/// The findings in `format`, one finding per line for text and github (empty when there are
/// none), one document for json (an array) and sarif (one run whose rules are the codes that
/// occur, in order of first appearance). `tool_version` goes into SARIF's driver.
std::string render_findings(const std::vector<CheckFinding>& findings, ReportFormat format,
                            const std::string& tool_version);

/// Escapes a GitHub workflow-command message (`%`, CR, LF) or, with `property`, a property
/// value (also `:` and `,`).
std::string github_escape(std::string_view text, bool property);

}  // namespace nbloop::git
