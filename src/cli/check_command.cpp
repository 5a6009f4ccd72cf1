// `nbloop check`: the CI gate. Checks that notebooks are stripped (the stored bytes equal
// nbloop's strip of them), free of conflict markers, lint-clean (through the lint seam), and
// that nb2py's package is in sync with them; over the paths given, the staged files
// (--staged) or the files a branch changed (--changed-since REF).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <set>

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
  bool package = false;
  bool no_package = false;
  std::string format = "text";
};

bool ends_with(const std::string& s, const char* suffix) { return s.ends_with(suffix); }

namespace fs = std::filesystem;

std::string absolute_normal(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::absolute(path, ec);
  return (ec ? fs::path(path) : p).lexically_normal().generic_string();
}

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
  if (!run_stripped && !run_lint && args.no_markers && args.no_package) {
    report_usage_error("no check left to run (--no-stripped, --no-markers, --no-package, and lint is off)");
    return k_exit_error;
  }

  int status = k_exit_ok;
  std::vector<git::CheckInput> inputs;
  std::string config_dir = ".";
  // What is in scope, absolute: the files checked (with --staged/--changed-since every file
  // the change lists, pyproject.toml too) and the folders named: what the package check
  // narrows its findings to.
  std::set<std::string> scope;
  std::vector<std::string> scope_folders;
  std::string workdir;  // with --staged/--changed-since: findings are named relative to it
  if (args.staged || !args.changed_since.empty()) {
    auto repo = git::Repository::discover(".");
    if (!repo) {
      report_usage_error(repo.error().message);
      return k_exit_error;
    }
    config_dir = repo->workdir().empty() ? "." : repo->workdir();
    // Every changed file counts for the package check's scope (its pyproject.toml too).
    workdir = repo->workdir();
    git::PathFilter wanted = [&scope, &workdir](const std::string& path) {
      scope.insert(absolute_normal(workdir + "/" + path));
      return is_notebook(path) || ends_with(path, ".py");
    };
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
    for (const auto& p : paths) {
      std::error_code ec;
      if (fs::is_directory(p, ec)) {
        std::string folder = absolute_normal(p);
        scope_folders.push_back(folder.ends_with("/") ? folder : folder + "/");
      }
    }
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
      scope.insert(absolute_normal(entry.path));
      inputs.push_back(git::CheckInput{entry.path, std::move(*bytes)});
    }
  }

  // The package-in-sync check: --package / --no-package, else [tool.nbloop.check] package,
  // else on when [tool.nbloop.convert] names notebooks (check_package finds out).
  bool run_package = !args.no_package;
  bool require_package = args.package;
  if (!args.package && !args.no_package) {
    auto section = config::load_nearest(config_dir, "check");
    if (!section) {
      report_error(config::find_pyproject(config_dir).value_or("pyproject.toml"), section.error());
      return k_exit_error;
    }
    auto check_config = git::read_check_config(*section);
    if (!check_config) {
      report_error(section->file, check_config.error());
      return k_exit_error;
    }
    if (check_config->package) {
      run_package = *check_config->package;
      require_package = *check_config->package;
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
  // Only notebooks, .py files and pyproject.toml can bring package files into scope (nb2py
  // writes nothing else): a change without any skips the planning.
  const bool package_in_reach = !scope_folders.empty() || std::any_of(scope.begin(), scope.end(), [](const auto& p) {
    return is_notebook(p) || ends_with(p, ".py") || ends_with(p, "/pyproject.toml");
  });
  std::optional<git::PackageCheck> package;
  if (run_package && (package_in_reach || require_package)) {
    auto in_scope = [&scope, &scope_folders](const std::string& path) {
      return scope.count(path) != 0 || std::any_of(scope_folders.begin(), scope_folders.end(),
                                                   [&](const auto& d) { return path.starts_with(d); });
    };
    package = git::check_package(config_dir, in_scope);
    if (!package->configured && require_package) {
      report_usage_error(std::string(args.package ? "--package" : "tool.nbloop.check.package = true") +
                         ": no [tool.nbloop.convert] notebooks or mapping in " +
                         config::find_pyproject(config_dir).value_or("a pyproject.toml (none found)") +
                         ", so there is no nb2py package to check");
      return k_exit_error;
    }
    for (const auto& e : package->errors) {
      std::fputs((convert::package::format_message(e) + "\n").c_str(), stderr);
      status = k_exit_error;
    }
    for (auto& f : package->findings) {
      if (!workdir.empty()) {
        std::string root = absolute_normal(workdir);
        while (root.size() > 1 && root.ends_with("/")) {
          root.pop_back();
        }
        f.path = fs::path(absolute_normal(f.path)).lexically_relative(root).generic_string();
      }
      findings.push_back(std::move(f));
    }
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
    if (package && package->compared && package->errors.empty()) {
      out += "; package checked against " + std::to_string(package->considered.size()) + " of its " +
             std::to_string(package->notebooks.size()) + " notebook(s)";
    }
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
  auto* package = app.add_flag("--package", args->package,
                               "Require the package-in-sync check (fails when no [tool.nbloop.convert] is found)");
  app.add_flag("--no-package", args->no_package, "Skip the package-in-sync check (nb2py's generated files)")
      ->excludes(package);
  app.add_option("--output-format", args->format, "text, json, github or sarif (default: text)");
  return [args] { return run_check(*args); };
}

}  // namespace nbloop::cli
