// `nbloop lint`: ruff-like linting of notebooks and .py files with the rules in rules/.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/diagnostics.hpp"
#include "config/pyproject.hpp"
#include "lint/config.hpp"
#include "lint/lint.hpp"
#include "lint/report.hpp"
#include "lint/rule_set.hpp"
#include "util/exit_status.hpp"
#include "util/file_io.hpp"
#include "util/file_walk.hpp"
#include "util/parallel.hpp"

namespace nbloop::cli {
namespace {

struct LintArgs {
  std::vector<std::string> paths;
  std::vector<std::string> select;
  std::vector<std::string> extend_select;
  std::vector<std::string> ignore;
  std::vector<std::string> rules_dirs;
  std::string output_format = "text";
  std::string stdin_filename;
  bool exit_zero = false;
  bool no_config = false;
  bool show_source = false;
  bool no_show_source = false;
  bool statistics = false;
  unsigned threads = 0;
};

std::vector<std::string> split_commas(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) {
    size_t pos = 0;
    while (pos <= v.size()) {
      size_t comma = v.find(',', pos);
      std::string one = v.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
      while (!one.empty() && one.front() == ' ') {
        one.erase(0, 1);
      }
      while (!one.empty() && one.back() == ' ') {
        one.pop_back();
      }
      if (!one.empty()) {
        out.push_back(one);
      }
      if (comma == std::string::npos) {
        break;
      }
      pos = comma + 1;
    }
  }
  return out;
}

struct Outcome {
  bool failed = false;
  util::Error error;
  lint::FileFindings findings;
};

int run_lint(const LintArgs& args) {
  lint::OutputFormat format{};
  if (!lint::parse_output_format(args.output_format, format)) {
    report_usage_error("--output-format: unknown format `" + args.output_format +
                       "` (expected text, json, github, sarif or junit)");
    return k_exit_error;
  }
  lint::Config config;
  if (!args.no_config) {
    char cwd[4096];
    std::string start = getcwd(cwd, sizeof cwd) != nullptr ? cwd : ".";
    auto loaded = lint::load_nearest_config(start, config);
    if (!loaded) {
      auto file = config::find_pyproject(start);
      report_error(file ? *file : "pyproject.toml", loaded.error());
      return k_exit_error;
    }
  }
  // The command line wins over the file.
  if (auto sel = split_commas(args.select); !sel.empty()) {
    config.select = sel;
  }
  for (auto& s : split_commas(args.extend_select)) {
    config.extend_select.push_back(s);
  }
  for (auto& s : split_commas(args.ignore)) {
    config.ignore.push_back(s);
  }
  for (const auto& d : args.rules_dirs) {
    config.extra_rule_dirs.push_back(d);
  }
  auto linter = lint::Linter::create(config);
  if (!linter) {
    report_usage_error(linter.error().message);
    return k_exit_error;
  }

  std::vector<util::WalkEntry> entries;
  // No path: the current folder, as ruff does; `-`: stdin.
  bool from_stdin = args.paths.size() == 1 && args.paths[0] == "-";
  if (from_stdin) {
    entries.push_back(util::WalkEntry{args.stdin_filename.empty() ? "-" : args.stdin_filename, ""});
  } else {
    entries = util::expand_paths(args.paths.empty() ? std::vector<std::string>{"."} : args.paths, {".py", ".ipynb"});
  }
  std::vector<Outcome> outcomes(entries.size());
  auto process = [&](size_t i) {
    const auto& entry = entries[i];
    Outcome& o = outcomes[i];
    o.findings.path = entry.path;
    if (!entry.error.empty()) {
      o.failed = true;
      o.error = util::make_error(entry.error);
      return;
    }
    auto bytes = from_stdin ? util::read_stdin() : util::read_file(entry.path);
    if (!bytes) {
      o.failed = true;
      o.error = bytes.error();
      return;
    }
    std::string path = entry.path == "-" ? "stdin.py" : entry.path;
    auto report = linter->lint(path, std::move(*bytes));
    if (!report) {
      o.failed = true;
      o.error = report.error();
      return;
    }
    o.findings.notebook = report->notebook;
    o.findings.findings = std::move(report->findings);
  };
  util::parallel_for(entries.size(), args.threads == 0 ? util::default_threads() : args.threads, process);

  int status = k_exit_ok;
  std::vector<lint::FileFindings> files;
  size_t count = 0;
  for (auto& o : outcomes) {
    if (o.failed) {
      report_error(o.findings.path, o.error);
      status = k_exit_error;
      continue;
    }
    count += o.findings.findings.size();
    files.push_back(std::move(o.findings));
  }
  // Sorted by path whatever the argument order or thread count (findings are sorted per file).
  std::stable_sort(files.begin(), files.end(),
                   [](const lint::FileFindings& a, const lint::FileFindings& b) { return a.path < b.path; });
  const bool tty = isatty(STDOUT_FILENO) != 0;
  lint::RenderOptions options;
  options.color = tty && std::getenv("NO_COLOR") == nullptr;
  options.show_source = (tty || args.show_source) && !args.no_show_source;
  options.tool_version = NBLOOP_VERSION;
  std::string text = args.statistics ? lint::render_statistics(format, files)
                                     : lint::render(format, files, linter->rules(), options);
  if (auto w = util::write_all(STDOUT_FILENO, text); !w) {
    report_error("<stdout>", w.error());
    return k_exit_error;
  }
  if (status == k_exit_error) {
    return status;
  }
  return count > 0 && !args.exit_zero ? k_exit_findings : k_exit_ok;
}

}  // namespace

Runner setup_lint(CLI::App& app) {
  auto args = std::make_shared<LintArgs>();
  app.add_option("paths", args->paths, "Notebooks, .py files or folders (walked for *.ipynb and *.py; default: .); -: stdin");
  app.add_option("--select", args->select, "Rule codes, prefixes or names to run (comma-separated; replaces the config)")->allow_extra_args(false);
  app.add_option("--extend-select", args->extend_select, "Rules to add to the selection")->allow_extra_args(false);
  app.add_option("--ignore", args->ignore, "Rule codes, prefixes or names to skip")->allow_extra_args(false);
  app.add_option("--rules-dir", args->rules_dirs, "A folder of extra rule files (*.scm); may be repeated")->allow_extra_args(false);
  app.add_option("--output-format", args->output_format, "text (default), json, github, sarif or junit");
  app.add_option("--stdin-filename", args->stdin_filename, "The path to report (and to pick the form) for stdin input");
  app.add_flag("--exit-zero", args->exit_zero, "Exit 0 even when there are findings");
  app.add_flag("--isolated", args->no_config, "Ignore pyproject.toml");
  app.add_flag("--show-source", args->show_source, "Show the source line and a caret under each finding (text)");
  app.add_flag("--no-show-source", args->no_show_source, "Never show source lines");
  app.add_flag("--statistics", args->statistics,
               "Print the number of findings per rule code, most frequent first, instead of the findings");
  app.add_option("-j,--threads", args->threads, "Worker threads (default: all cores)");
  return [args] { return run_lint(*args); };
}

}  // namespace nbloop::cli
