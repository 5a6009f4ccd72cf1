// `nbloop check`: the CI gate. Checks that notebooks are stripped (the stored bytes equal
// nbloop's strip of them) and, through the lint seam, lint-clean; over the paths given, the
// staged files (--staged) or the files a branch changed (--changed-since REF).
#include <algorithm>
#include <cstdio>
#include <memory>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/diagnostics.hpp"
#include "config/pyproject.hpp"
#include "git/check.hpp"
#include "git/check_report.hpp"
#include "git/repository.hpp"
#include "lint/config.hpp"
#include "lint/lint.hpp"
#include "lint/rule_set.hpp"
#include "strip/strip_config.hpp"
#include "util/exit_status.hpp"
#include "util/file_io.hpp"
#include "util/file_walk.hpp"

namespace nbloop::cli {
namespace {

// The first paragraph of a rule's "What it does" section, for SARIF's shortDescription.
std::string rule_summary(const lint::RuleSpec& spec) {
  auto start = spec.docs.find("What it does");
  if (start == std::string::npos) {
    return spec.name;
  }
  start = spec.docs.find('\n', start);
  while (start != std::string::npos && start + 1 < spec.docs.size() && spec.docs[start + 1] == '\n') {
    ++start;
  }
  if (start == std::string::npos) {
    return spec.name;
  }
  auto end = spec.docs.find("\n\n", start + 1);
  std::string text = spec.docs.substr(start + 1, end == std::string::npos ? std::string::npos : end - start - 1);
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text.empty() ? spec.name : text;
}

// The lint check: `[tool.nbloop.lint]` from the nearest pyproject.toml, every file linted
// with one Linter; findings located at the line of the file on disk (the .ipynb JSON line).
util::Result<std::vector<git::CheckFinding>> run_lint_check(const std::vector<git::CheckInput>& files) {
  lint::Config config;
  if (auto loaded = lint::load_nearest_config(".", config); !loaded) {
    return loaded.error();
  }
  // Conflict markers are the check's own `conflict-markers` step (which --no-markers skips);
  // lint's rule for them would report each conflict twice.
  config.ignore.push_back("NB112");
  auto linter = lint::Linter::create(config);
  if (!linter) {
    return linter.error();
  }
  std::vector<git::CheckFinding> out;
  for (const auto& file : files) {
    if (!file.path.ends_with(".ipynb") && !file.path.ends_with(".py")) {
      continue;
    }
    auto report = linter->lint(file.path, file.content);
    if (!report) {
      git::CheckFinding f;
      f.path = file.path;
      f.line = report.error().line;
      f.column = report.error().column;
      f.code = f.name = "unreadable-file";
      f.summary = "The file could not be linted.";
      f.message = report.error().message;
      out.push_back(std::move(f));
      continue;
    }
    for (const auto& finding : report->findings) {
      git::CheckFinding f;
      f.path = file.path;
      f.line = finding.file_line > 0 ? finding.file_line : finding.line;
      f.end_line = finding.end_file_line > 0 ? finding.end_file_line : finding.end_line;
      if (!report->notebook) {
        f.column = finding.column;
        f.end_column = finding.end_column;
      }
      f.code = finding.code;
      f.name = finding.name;
      const lint::Rule* rule = linter->rules().find(finding.code);
      f.summary = rule != nullptr ? rule_summary(rule->spec) : finding.name;
      f.severity = finding.severity == lint::Severity::error ? "error" : "warning";
      f.message = finding.message;
      if (report->notebook && finding.cell > 0) {
        f.display_location = "cell " + std::to_string(finding.cell) + ":" + std::to_string(finding.line) + ":" +
                             std::to_string(finding.column);
      }
      out.push_back(std::move(f));
    }
  }
  return out;
}

// The lint engine's entry point for `nbloop check`.
git::LintRunner connected_lint_runner() { return run_lint_check; }

struct CheckArgs {
  std::vector<std::string> paths;
  bool staged = false;
  std::string changed_since;
  bool no_stripped = false;
  bool no_markers = false;
  bool lint = false;
  bool no_lint = false;
  std::string format = "text";
};

bool ends_with(const std::string& s, const char* suffix) { return s.ends_with(suffix); }

bool is_notebook(const std::string& path) { return ends_with(path, ".ipynb"); }

int run_check(const CheckArgs& args) {
  auto format = git::parse_report_format(args.format);
  if (!format) {
    report_usage_error("--output-format: expected text, json, github or sarif, not '" + args.format + "'");
    return k_exit_error;
  }
  git::LintRunner lint_runner = connected_lint_runner();
  if (args.lint && lint_runner == nullptr) {
    report_usage_error("--lint: the lint check is unavailable: this nbloop's check is not yet connected to the lint engine");
    return k_exit_error;
  }
  const bool run_lint = lint_runner != nullptr && !args.no_lint;
  const bool run_stripped = !args.no_stripped;
  if (!run_stripped && !run_lint && args.no_markers) {
    report_usage_error("no check left to run (--no-stripped, --no-markers, and lint is off)");
    return k_exit_error;
  }

  int status = k_exit_ok;
  std::vector<git::CheckInput> inputs;
  std::string config_dir = ".";
  auto wanted = [](const std::string& path) { return is_notebook(path) || ends_with(path, ".py"); };
  if (args.staged || !args.changed_since.empty()) {
    auto repo = git::Repository::discover(".");
    if (!repo) {
      report_usage_error(repo.error().message);
      return k_exit_error;
    }
    config_dir = repo->workdir().empty() ? "." : repo->workdir();
    std::vector<std::string> pathspec;
    for (const auto& p : args.paths) {
      auto rel = repo->relative_path(p);
      if (!rel) {
        report_error(p, util::make_error("outside the repository " + repo->workdir()));
        return k_exit_error;
      }
      if (!rel->empty()) {
        pathspec.push_back(*rel);
      }
    }
    auto files = args.staged ? repo->staged_files(pathspec, wanted)
                             : repo->changed_since(args.changed_since, pathspec, wanted);
    if (!files) {
      report_usage_error(files.error().message);
      return k_exit_error;
    }
    for (auto& f : *files) {
      inputs.push_back(git::CheckInput{std::move(f.path), std::move(f.content)});
    }
  } else {
    std::vector<std::string> paths = args.paths.empty() ? std::vector<std::string>{"."} : args.paths;
    for (const auto& entry : util::expand_paths(paths, {".ipynb", ".py"})) {
      if (!entry.error.empty()) {
        report_error(entry.path, util::make_error(entry.error));
        status = k_exit_error;
        continue;
      }
      auto bytes = util::read_file(entry.path);
      if (!bytes) {
        report_error(entry.path, bytes.error());
        status = k_exit_error;
        continue;
      }
      inputs.push_back(git::CheckInput{entry.path, std::move(*bytes)});
    }
  }

  std::vector<git::CheckFinding> findings;
  if (run_stripped) {
    strip::StripOptions options;
    bool unix_newlines = false;
    auto section = config::load_nearest(config_dir, "strip");
    if (!section) {
      report_error(config::find_pyproject(config_dir).value_or("pyproject.toml"), section.error());
      return k_exit_error;
    }
    if (auto st = strip::apply_config(*section, options, unix_newlines); !st) {
      report_error(section->file, st.error());
      return k_exit_error;
    }
    for (const auto& input : inputs) {
      if (!is_notebook(input.path)) {
        continue;
      }
      auto finding = git::check_stripped(input, options, unix_newlines);
      if (!finding) {
        report_error(input.path, finding.error());
        status = k_exit_error;
      } else if (finding->has_value()) {
        findings.push_back(std::move(**finding));
      }
    }
  }
  if (!args.no_markers) {
    for (const auto& input : inputs) {
      auto markers = git::check_conflict_markers(input);
      if (!markers) {
        if (!run_stripped) {
          report_error(input.path, markers.error());
          status = k_exit_error;
        }
        continue;  // the stripped check already reported the unreadable notebook
      }
      findings.insert(findings.end(), markers->begin(), markers->end());
    }
  }
  if (run_lint) {
    auto lint_findings = lint_runner(inputs);
    if (!lint_findings) {
      report_usage_error("lint: " + lint_findings.error().message);
      return k_exit_error;
    }
    findings.insert(findings.end(), lint_findings->begin(), lint_findings->end());
  }
  std::stable_sort(findings.begin(), findings.end(), [](const auto& a, const auto& b) {
    return a.path != b.path ? a.path < b.path : a.line < b.line;
  });

  std::string out = git::render_findings(findings, *format, NBLOOP_VERSION);
  if (*format == git::ReportFormat::text) {
    size_t notebooks = static_cast<size_t>(std::count_if(inputs.begin(), inputs.end(),
                                                         [](const auto& i) { return is_notebook(i.path); }));
    out += "nbloop check: " + std::to_string(inputs.size()) + " file(s) checked (" + std::to_string(notebooks) +
           " notebook(s)), " + std::to_string(findings.size()) + " finding(s)";
    if (lint_runner == nullptr && !args.no_lint) {
      out += "; lint check skipped (not yet connected to the lint engine)";
    }
    out += "\n";
  }
  std::fputs(out.c_str(), stdout);
  if (status == k_exit_ok && !findings.empty()) {
    status = k_exit_findings;
  }
  return status;
}

}  // namespace

Runner setup_check(CLI::App& app) {
  auto args = std::make_shared<CheckArgs>();
  app.add_option("paths", args->paths,
                 "Files or folders to check (default: .); with --staged/--changed-since, pathspecs narrowing them");
  auto* staged = app.add_flag("--staged", args->staged, "Check the files staged in the index, as they are staged");
  auto* since = app.add_option("--changed-since", args->changed_since,
                               "Check the files changed between the merge base of REF and HEAD, as committed in HEAD");
  staged->excludes(since);
  app.add_flag("--no-stripped", args->no_stripped, "Skip the stripped check");
  app.add_flag("--no-markers", args->no_markers, "Skip the unresolved-merge-conflict check");
  auto* lint = app.add_flag("--lint", args->lint, "Require the lint check (fails when it is unavailable)");
  app.add_flag("--no-lint", args->no_lint, "Skip the lint check")->excludes(lint);
  app.add_option("--output-format", args->format, "text, json, github or sarif (default: text)");
  return [args] { return run_check(*args); };
}

}  // namespace nbloop::cli
