// The nb2py pipeline: config → notebooks → generate (in parallel) → lay out the package →
// compare with the disk → write everything or nothing.
#include "cli/package_convert.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <set>

#include "cli/diagnostics.hpp"
#include "config/pyproject.hpp"
#include "convert/package/dependencies.hpp"
#include "convert/package/generate.hpp"
#include "convert/package/glob.hpp"
#include "convert/package/header.hpp"
#include "convert/package/mapping.hpp"
#include "convert/package/package_config.hpp"
#include "convert/package/package_files.hpp"
#include "convert/package/package_writer.hpp"
#include "convert/package/write_plan.hpp"
#include "notebook/notebook.hpp"
#include "util/exit_status.hpp"
#include "util/file_io.hpp"
#include "util/file_walk.hpp"
#include "util/parallel.hpp"

namespace nbloop::cli {
namespace {

namespace fs = std::filesystem;
namespace pkg = convert::package;

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

void report_diagnostic(const std::string& path, const pkg::Diagnostic& d, const char* severity) {
  std::string where = path;
  if (d.cell > 0) {
    where += ":cell " + std::to_string(d.cell);
    if (d.line > 0) {
      where += ":" + std::to_string(d.line) + ":" + std::to_string(d.column > 0 ? d.column : 1);
    }
  }
  std::fprintf(stderr, "%s: %s: %s\n", where.c_str(), severity, d.message.c_str());
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
  pkg::Target target;
  pkg::NotebookUnit unit;
  util::Error read_error;
  bool unreadable = false;
};

}  // namespace

int run_package(const PackageArgs& args) {
  auto section = config::load_nearest(".", "convert");
  if (!section) {
    report_error(config::find_pyproject(".").value_or("pyproject.toml"), section.error());
    return k_exit_error;
  }
  auto cfg = pkg::read_convert_config(*section);
  if (!cfg) {
    report_error(section->file, cfg.error());
    return k_exit_error;
  }
  // The project folder (the pyproject.toml's), named relative to the working folder.
  const std::string base_dir =
      cfg->file.empty() ? "." : relative_to(fs::path(cfg->file).parent_path().string(), absolute_normal("."));
  const fs::path base = absolute_normal(base_dir);

  // The notebooks: named on the command line (folders walked), or the config's.
  std::vector<std::string> paths;
  const bool complete = args.paths.empty();
  if (complete) {
    if (cfg->file.empty() || (cfg->notebooks.empty() && cfg->mapping.empty())) {
      report_usage_error(
          "no notebooks given, and no [tool.nbloop.convert] notebooks in a pyproject.toml here or above");
      return k_exit_error;
    }
    std::vector<std::string> relative;
    for (const auto& e : util::expand_paths({base_dir}, {".ipynb"})) {
      if (e.error.empty()) {
        relative.push_back(relative_to(e.path, base));
      }
    }
    for (const auto& r : pkg::select_notebooks(relative, *cfg)) {
      paths.push_back(pkg::join_path(base_dir == "." ? "" : base_dir, r));
    }
    if (paths.empty()) {
      report_error(cfg->file,
                   util::make_error("tool.nbloop.convert: the notebooks patterns match no notebook",
                                    section->lines.count("notebooks") ? section->lines.at("notebooks") : 0, 1));
      return k_exit_error;
    }
  } else {
    for (const auto& e : util::expand_paths(args.paths, {".ipynb"})) {
      if (!e.error.empty()) {
        report_error(e.path, util::make_error(e.error));
        return k_exit_error;
      }
      paths.push_back(e.path);
    }
  }
  const std::string out_dir = !args.out.empty() ? args.out : cfg->file.empty() ? "." : base_dir;
  const fs::path out = absolute_normal(out_dir);

  // One job per distinct notebook, in a stable order: by the name headers give it.
  std::vector<Job> jobs;
  std::set<std::string> seen;
  int status = k_exit_ok;
  for (const auto& p : paths) {
    if (!seen.insert(absolute_normal(p).generic_string()).second) {
      continue;
    }
    Job job;
    job.path = p;
    job.relative = relative_to(p, base);
    auto target = pkg::resolve_target(job.relative, *cfg, args.package);
    if (!target) {
      report_error(p, target.error());
      status = k_exit_error;
      continue;
    }
    job.target = *target;
    job.unit.path = p;
    job.unit.source_name = relative_to(p, out);
    job.unit.package = target->package;
    jobs.push_back(std::move(job));
  }
  if (status != k_exit_ok) {
    return status;
  }
  std::sort(jobs.begin(), jobs.end(),
            [](const Job& a, const Job& b) { return a.unit.source_name < b.unit.source_name; });

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
    pkg::GenerateOptions options;
    options.package = job.target.package;
    options.default_module = job.target.module;
    options.notebook_path = job.unit.source_name;
    options.line_length = cfg->line_length;
    job.unit.generated = pkg::generate(*nb, options);
  });
  for (const auto& job : jobs) {
    if (job.unreadable) {
      report_error(job.path, job.read_error);
      status = k_exit_error;
      continue;
    }
    for (const auto& w : job.unit.generated.warnings) {
      report_diagnostic(job.path, w, "warning");
    }
    for (const auto& e : job.unit.generated.errors) {
      report_diagnostic(job.path, e, "error");
      status = k_exit_error;
    }
  }
  if (status != k_exit_ok) {
    std::fputs("nb2py: nothing written\n", stderr);
    return status;
  }

  pkg::Layout layout;
  layout.out_dir = out_dir;
  layout.package_root = cfg->package_root;
  layout.tests = cfg->tests;
  layout.line_length = cfg->line_length;
  layout.complete = complete;
  std::set<std::string> packages;
  for (const auto& job : jobs) {
    packages.insert(job.unit.package);
  }
  layout.project_name = packages.size() == 1 ? pkg::normalize_distribution(*packages.begin())
                                             : pkg::normalize_distribution(out.filename().string());
  // A generated pyproject.toml records the run as [tool.nbloop.convert]; a run on named
  // notebooks adds to the notebooks an earlier run recorded there (while they exist).
  for (const auto& job : jobs) {
    if (inside(job.unit.source_name)) {
      layout.project_notebooks.emplace_back(job.unit.source_name, job.unit.package);
    }
  }
  const std::string out_pyproject = pkg::join_path(out_dir, "pyproject.toml");
  if (!complete && !cfg->file.empty() && absolute_normal(cfg->file) == absolute_normal(out_pyproject)) {
    auto existing = read_existing(out_pyproject);
    if (existing && existing->has_value() && pkg::classify(**existing) == pkg::FileOrigin::generated) {
      for (const auto& recorded : cfg->notebooks) {
        struct stat st {};
        if (pkg::has_wildcards(recorded) ||
            seen.count(absolute_normal(pkg::join_path(out_dir, recorded)).generic_string()) ||
            ::stat(pkg::join_path(out_dir, recorded).c_str(), &st) != 0) {
          continue;
        }
        if (auto target = pkg::resolve_target(recorded, *cfg, ""); target) {
          layout.project_notebooks.emplace_back(recorded, target->package);
        }
      }
    }
  }
  std::vector<pkg::NotebookUnit> units;
  units.reserve(jobs.size());
  for (auto& job : jobs) {
    units.push_back(std::move(job.unit));
  }
  pkg::Assembly assembly = pkg::assemble_package(units, layout, read_existing);
  for (const auto& w : assembly.warnings) {
    report_warning(w.path, w.error.message);
  }
  for (const auto& e : assembly.errors) {
    report_error(e.path, e.error);
  }
  if (!assembly.errors.empty()) {
    std::fputs("nb2py: nothing written\n", stderr);
    return k_exit_error;
  }

  pkg::WritePlan plan = pkg::plan_writes(std::move(assembly.files), read_existing, args.force);
  for (const auto& e : plan.errors) {
    report_error(e.path, e.error);
  }
  if (!plan.errors.empty()) {
    return k_exit_error;
  }
  if (args.check) {
    // The drift check: every file that a run would touch, or that blocks one.
    int changes = 0;
    for (const auto& f : plan.files) {
      const char* what = nullptr;
      switch (f.action) {
        case pkg::Action::create:
          what = "would be created";
          break;
        case pkg::Action::update:
          what = "would be updated";
          break;
        case pkg::Action::edited_by_hand:
          what = "edited by hand since nb2py generated it";
          break;
        case pkg::Action::not_generated:
          what = "not generated by nb2py, in the way";
          break;
        case pkg::Action::unchanged:
        case pkg::Action::users_file:
          break;
      }
      if (what != nullptr) {
        std::printf("%s: %s\n", f.file.path.c_str(), what);
        ++changes;
      }
    }
    if (changes > 0) {
      std::fprintf(stderr, "nb2py --check: %d file%s out of sync with the notebooks\n", changes,
                   changes == 1 ? "" : "s");
      return k_exit_findings;
    }
    return k_exit_ok;
  }
  for (const auto& e : plan.refusals) {
    report_error(e.path, e.error);
  }
  if (!plan.refusals.empty()) {
    std::fputs("nb2py: nothing written\n", stderr);
    return k_exit_findings;
  }
  auto problems = pkg::check_writable(plan.files);
  for (const auto& p : problems) {
    report_error(p.path, p.error);
  }
  if (!problems.empty()) {
    return k_exit_error;
  }
  // Writing waits on fsync; more threads than cores keep the disk busy (as convert does).
  pkg::WriteReport report = pkg::write_planned(plan.files, std::max(util::default_threads(), 8u));
  if (report.failure) {
    report_error(report.failure->path, util::make_error(report.failure->error.message + "; nothing written"));
    return k_exit_error;
  }
  for (const auto& f : plan.files) {
    if (!pkg::writes(f)) {
      continue;
    }
    std::printf("%s: %s\n", f.file.path.c_str(),
                f.action == pkg::Action::create ? "created"
                : f.forced                      ? "overwritten (--force)"
                                                : "updated");
  }
  std::fflush(stdout);
  return k_exit_ok;
}

}  // namespace nbloop::cli
