#include "convert/package/pipeline.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <set>

#include "config/pyproject.hpp"
#include "convert/package/dependencies.hpp"
#include "convert/package/generate.hpp"
#include "convert/package/glob.hpp"
#include "convert/package/header.hpp"
#include "convert/package/mapping.hpp"
#include "convert/package/package_config.hpp"
#include "convert/package/package_files.hpp"
#include "convert/package/package_writer.hpp"
#include "notebook/notebook.hpp"
#include "util/file_io.hpp"
#include "util/file_walk.hpp"
#include "util/parallel.hpp"

namespace nbloop::convert::package {
namespace {

namespace fs = std::filesystem;

fs::path absolute_normal(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::absolute(path, ec);
  return (ec ? fs::path(path) : p).lexically_normal();
}

// `path` relative to `base` (as mapping patterns and headers name notebooks; `..` when it
// lies elsewhere), or absolute when there is no relative path.
std::string relative_to(const std::string& path, const fs::path& base) {
  fs::path abs = absolute_normal(path);
  std::string s = abs.lexically_relative(base).generic_string();
  return s.empty() ? abs.generic_string() : s;
}

bool inside(const std::string& relative) { return !relative.starts_with("../") && !relative.starts_with("/"); }

RunMessage error_at(const std::string& path, const util::Error& error) {
  return RunMessage{Severity::error, path, 0, error.line, error.column, error.message};
}

RunMessage from_diagnostic(const std::string& path, const Diagnostic& d, Severity severity) {
  // A diagnostic about the whole notebook (cell 0) carries no line.
  return RunMessage{severity, path, d.cell, d.cell > 0 ? d.line : 0, d.cell > 0 ? d.column : 0, d.message};
}

util::Result<std::optional<std::string>> read_existing(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 && (errno == ENOENT || errno == ENOTDIR)) {
    return std::optional<std::string>{};
  }
  auto bytes = util::read_file(path);
  if (!bytes) {
    return bytes.error();
  }
  return std::optional<std::string>{std::move(*bytes)};
}

struct Job {
  std::string path;      // as given (messages)
  std::string relative;  // to the pyproject.toml's folder (mapping)
  Target target;
  NotebookUnit unit;
  util::Error read_error;
  bool unreadable = false;
};

PackageRun stop(PackageRun run, Stop where) {
  run.stopped = where;
  return run;
}

}  // namespace

std::string format_message(const RunMessage& m) {
  const char* severity = m.severity == Severity::error ? "error" : "warning";
  if (m.path.empty()) {
    return std::string("nbloop: ") + severity + ": " + m.message;
  }
  std::string where = m.path;
  if (m.cell > 0) {
    where += ":cell " + std::to_string(m.cell);
    if (m.line > 0) {
      where += ":" + std::to_string(m.line) + ":" + std::to_string(m.column > 0 ? m.column : 1);
    }
  } else if (m.line > 0) {
    where += ":" + std::to_string(m.line) + ":" + std::to_string(m.column);
  }
  return where + ": " + severity + ": " + m.message;
}

PackageRun plan_run(const RunOptions& options) {
  PackageRun run;
  auto section = config::load_nearest(options.start_dir, "convert");
  if (!section) {
    run.messages.push_back(
        error_at(config::find_pyproject(options.start_dir).value_or("pyproject.toml"), section.error()));
    return stop(std::move(run), Stop::config);
  }
  auto cfg = read_convert_config(*section);
  if (!cfg) {
    run.messages.push_back(error_at(section->file, cfg.error()));
    return stop(std::move(run), Stop::config);
  }
  run.config_file = cfg->file;
  // The project folder (the pyproject.toml's), named relative to the working folder.
  const std::string base_dir =
      cfg->file.empty() ? "." : relative_to(fs::path(cfg->file).parent_path().string(), absolute_normal("."));
  const fs::path base = absolute_normal(base_dir);

  // The notebooks: named on the command line (folders walked), or the config's.
  std::vector<std::string> paths;
  const bool complete = options.paths.empty();
  if (complete) {
    if (cfg->file.empty() || (cfg->notebooks.empty() && cfg->mapping.empty())) {
      run.messages.push_back(
          RunMessage{Severity::error, "", 0, 0, 0,
                     "no notebooks given, and no [tool.nbloop.convert] notebooks in a pyproject.toml here or above"});
      return stop(std::move(run), Stop::notebooks);
    }
    std::vector<std::string> relative;
    for (const auto& e : util::expand_paths({base_dir}, {".ipynb"})) {
      if (e.error.empty()) {
        relative.push_back(relative_to(e.path, base));
      }
    }
    for (const auto& r : select_notebooks(relative, *cfg)) {
      paths.push_back(join_path(base_dir == "." ? "" : base_dir, r));
    }
    if (paths.empty()) {
      run.messages.push_back(error_at(
          cfg->file, util::make_error("tool.nbloop.convert: the notebooks patterns match no notebook",
                                      section->lines.count("notebooks") ? section->lines.at("notebooks") : 0, 1)));
      return stop(std::move(run), Stop::notebooks);
    }
  } else {
    for (const auto& e : util::expand_paths(options.paths, {".ipynb"})) {
      if (!e.error.empty()) {
        run.messages.push_back(error_at(e.path, util::make_error(e.error)));
        return stop(std::move(run), Stop::notebooks);
      }
      paths.push_back(e.path);
    }
  }
  const std::string out_dir = !options.out.empty() ? options.out : cfg->file.empty() ? "." : base_dir;
  const fs::path out = absolute_normal(out_dir);
  run.out_dir = out_dir;

  // One job per distinct notebook, in a stable order: by the name headers give it.
  std::vector<Job> jobs;
  std::set<std::string> seen;
  for (const auto& p : paths) {
    if (!seen.insert(absolute_normal(p).generic_string()).second) {
      continue;
    }
    Job job;
    job.path = p;
    job.relative = relative_to(p, base);
    auto target = resolve_target(job.relative, *cfg, options.package);
    if (!target) {
      run.messages.push_back(error_at(p, target.error()));
      continue;
    }
    job.target = *target;
    job.unit.path = p;
    job.unit.source_name = relative_to(p, out);
    job.unit.package = target->package;
    jobs.push_back(std::move(job));
  }
  if (!run.messages.empty()) {
    return stop(std::move(run), Stop::notebooks);
  }
  std::sort(jobs.begin(), jobs.end(),
            [](const Job& a, const Job& b) { return a.unit.source_name < b.unit.source_name; });
  for (const auto& job : jobs) {
    run.notebooks.push_back(job.path);
  }

  util::parallel_for(jobs.size(), util::default_threads(), [&](size_t i) {
    Job& job = jobs[i];
    auto bytes = util::read_file(job.path);
    if (!bytes) {
      job.unreadable = true;
      job.read_error = bytes.error();
      return;
    }
    auto nb = notebook::read_notebook(std::move(*bytes));
    if (!nb) {
      job.unreadable = true;
      job.read_error = nb.error();
      return;
    }
    GenerateOptions generate_options;
    generate_options.package = job.target.package;
    generate_options.default_module = job.target.module;
    generate_options.notebook_path = job.unit.source_name;
    generate_options.line_length = cfg->line_length;
    job.unit.generated = generate(*nb, generate_options);
  });
  bool failed = false;
  for (const auto& job : jobs) {
    if (job.unreadable) {
      run.messages.push_back(error_at(job.path, job.read_error));
      failed = true;
      continue;
    }
    for (const auto& w : job.unit.generated.warnings) {
      run.messages.push_back(from_diagnostic(job.path, w, Severity::warning));
    }
    for (const auto& e : job.unit.generated.errors) {
      run.messages.push_back(from_diagnostic(job.path, e, Severity::error));
      failed = true;
    }
  }
  if (failed) {
    return stop(std::move(run), Stop::generate);
  }

  Layout layout;
  layout.out_dir = out_dir;
  layout.package_root = cfg->package_root;
  layout.tests = cfg->tests;
  layout.line_length = cfg->line_length;
  layout.complete = complete;
  std::set<std::string> packages;
  for (const auto& job : jobs) {
    packages.insert(job.unit.package);
  }
  layout.project_name = packages.size() == 1 ? normalize_distribution(*packages.begin())
                                             : normalize_distribution(out.filename().string());
  // A generated pyproject.toml records the run as [tool.nbloop.convert]; a run on named
  // notebooks adds to the notebooks an earlier run recorded there (while they exist).
  for (const auto& job : jobs) {
    if (inside(job.unit.source_name)) {
      layout.project_notebooks.emplace_back(job.unit.source_name, job.unit.package);
    }
  }
  const std::string out_pyproject = join_path(out_dir, "pyproject.toml");
  if (!complete && !cfg->file.empty() && absolute_normal(cfg->file) == absolute_normal(out_pyproject)) {
    auto existing = read_existing(out_pyproject);
    if (existing && existing->has_value() && classify(**existing) == FileOrigin::generated) {
      for (const auto& recorded : cfg->notebooks) {
        struct stat st {};
        if (has_wildcards(recorded) || seen.count(absolute_normal(join_path(out_dir, recorded)).generic_string()) ||
            ::stat(join_path(out_dir, recorded).c_str(), &st) != 0) {
          continue;
        }
        if (auto target = resolve_target(recorded, *cfg, ""); target) {
          layout.project_notebooks.emplace_back(recorded, target->package);
        }
      }
    }
  }
  std::vector<NotebookUnit> units;
  units.reserve(jobs.size());
  for (auto& job : jobs) {
    units.push_back(std::move(job.unit));
  }
  Assembly assembly = assemble_package(units, layout, read_existing);
  for (const auto& w : assembly.warnings) {
    run.messages.push_back(RunMessage{Severity::warning, w.path, 0, 0, 0, w.error.message});
  }
  for (const auto& e : assembly.errors) {
    run.messages.push_back(error_at(e.path, e.error));
  }
  if (!assembly.errors.empty()) {
    return stop(std::move(run), Stop::assemble);
  }

  run.plan = plan_writes(std::move(assembly.files), read_existing, options.force);
  for (const auto& e : run.plan.errors) {
    run.messages.push_back(error_at(e.path, e.error));
  }
  if (!run.plan.errors.empty()) {
    return stop(std::move(run), Stop::read);
  }
  return run;
}

WriteResult write_run(const PackageRun& run, unsigned threads) {
  WriteResult result;
  for (const auto& e : run.plan.refusals) {
    result.messages.push_back(error_at(e.path, e.error));
  }
  if (!run.plan.refusals.empty()) {
    result.outcome = WriteResult::Outcome::refused;
    return result;
  }
  for (const auto& p : check_writable(run.plan.files)) {
    result.messages.push_back(error_at(p.path, p.error));
  }
  if (!result.messages.empty()) {
    result.outcome = WriteResult::Outcome::unwritable;
    return result;
  }
  WriteReport report = write_planned(run.plan.files, threads);
  if (report.failure) {
    result.messages.push_back(
        error_at(report.failure->path, util::make_error(report.failure->error.message + "; nothing written")));
    result.outcome = WriteResult::Outcome::failed;
  }
  return result;
}

}  // namespace nbloop::convert::package
