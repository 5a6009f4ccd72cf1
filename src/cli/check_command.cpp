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
#include "strip/strip_config.hpp"
#include "util/exit_status.hpp"
#include "util/file_io.hpp"
#include "util/file_walk.hpp"

namespace nbloop::cli {
namespace {

// The lint engine's entry point for `nbloop check`. Until the lint engine is connected here
// this is nullptr: `--lint` then fails as unavailable and the default run skips lint with a note.
git::LintRunner connected_lint_runner() { return nullptr; }

struct CheckArgs {
  std::vector<std::string> paths;
  bool staged = false;
  std::string changed_since;
  bool no_stripped = false;
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
  if (!run_stripped && !run_lint) {
    report_usage_error("no check left to run (--no-stripped, and lint is off or unavailable)");
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
  auto* lint = app.add_flag("--lint", args->lint, "Require the lint check (fails when it is unavailable)");
  app.add_flag("--no-lint", args->no_lint, "Skip the lint check")->excludes(lint);
  app.add_option("--output-format", args->format, "text, json, github or sarif (default: text)");
  return [args] { return run_check(*args); };
}

}  // namespace nbloop::cli
