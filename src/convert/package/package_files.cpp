#include "convert/package/package_files.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "convert/package/dependencies.hpp"
#include "convert/package/header.hpp"
#include "convert/package/init_file.hpp"
#include "convert/package/names.hpp"
#include "convert/package/pyproject_gen.hpp"

namespace nbloop::convert::package {
namespace {

struct ModuleEntry {
  const GeneratedModule* module = nullptr;
  const NotebookUnit* unit = nullptr;
};

// The existing file's body when nb2py wrote it and it is untouched, else nullopt.
std::optional<std::string> generated_body(const std::string& path, const ReadExisting& read,
                                          std::vector<Problem>& errors) {
  auto existing = read(path);
  if (!existing) {
    errors.push_back({path, existing.error()});
    return std::nullopt;
  }
  if (!existing->has_value() || classify(**existing) != FileOrigin::generated) {
    return std::nullopt;
  }
  auto header = parse_header(**existing);
  return (*existing)->substr(header->body_offset);
}

std::vector<std::string> sorted_unique(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

}  // namespace

std::string join_path(const std::string& a, const std::string& b) {
  if (a.empty() || a == ".") {
    return b;
  }
  if (b.empty() || b == ".") {
    return a;
  }
  return a.back() == '/' ? a + b : a + "/" + b;
}

Assembly assemble_package(const std::vector<NotebookUnit>& units, const Layout& layout, const ReadExisting& read) {
  Assembly out;
  const std::string tests_dir = join_path(layout.out_dir, layout.tests);
  // package → module name → where it comes from; test path → "package.module".
  std::map<std::string, std::map<std::string, ModuleEntry>> packages;
  std::map<std::string, std::string> test_owner;
  for (const auto& unit : units) {
    if (auto why = invalid_name_reason(unit.package); !why.empty()) {
      out.errors.push_back({unit.path, util::make_error("package name: " + why)});
      continue;
    }
    if (join_path(layout.package_root, unit.package) == layout.tests) {
      out.errors.push_back(
          {unit.path, util::make_error("package '" + unit.package + "' would share its folder with the tests ('" +
                                       layout.tests + "'); choose another package name or tests folder")});
      continue;
    }
    for (const auto& module : unit.generated.modules) {
      std::string why = invalid_name_reason(module.name);
      if (why.empty() && module.name.size() > 4 && module.name.starts_with("__") && module.name.ends_with("__")) {
        why = "'" + module.name + "' is reserved (a dunder name)";
      }
      if (!why.empty()) {
        out.errors.push_back({unit.path, util::make_error("module name: " + why)});
        continue;
      }
      auto [it, inserted] = packages[unit.package].emplace(module.name, ModuleEntry{&module, &unit});
      if (!inserted) {
        out.errors.push_back(
            {unit.path, util::make_error("module " + unit.package + "." + module.name + " is also made from " +
                                         (it->second.unit == &unit ? std::string("another part of this notebook")
                                                                   : it->second.unit->path) +
                                         "; route one of them elsewhere (# nbloop: module=NAME, or a "
                                         "[tool.nbloop.convert] mapping)")});
        continue;
      }
      for (const char* suffix : {"", "_recorded"}) {
        if (suffix[0] == '\0' ? module.test_source.empty() : !unit.generated.has_outputs) {
          continue;
        }
        std::string test_path = join_path(tests_dir, "test_" + module.name + suffix + ".py");
        auto [owner, fresh] = test_owner.emplace(test_path, unit.package + "." + module.name);
        if (!fresh && owner->second != unit.package + "." + module.name) {
          out.errors.push_back({unit.path, util::make_error("tests for " + unit.package + "." + module.name + " and " +
                                                            owner->second + " would both be " + test_path)});
        }
      }
    }
  }
  if (!out.errors.empty()) {
    return out;
  }

  std::vector<Requirement> requirements;
  std::vector<std::string> imports;
  std::vector<std::string> all_sources;
  std::set<std::string> package_names;
  for (const auto& [package, modules] : packages) {
    package_names.insert(package);
    const std::string package_dir = join_path(join_path(layout.out_dir, layout.package_root), package);
    std::vector<ModuleExports> exports;
    std::vector<std::string> init_sources;
    for (const auto& [name, entry] : modules) {
      const std::vector<std::string> sources = {entry.unit->source_name};
      out.files.push_back(
          {join_path(package_dir, name + ".py"), with_header(entry.module->source, sources), FileKind::module});
      if (!entry.module->test_source.empty()) {
        out.files.push_back({join_path(tests_dir, "test_" + name + ".py"),
                             with_header(entry.module->test_source, sources), FileKind::test});
      }
      if (entry.unit->generated.has_outputs) {
        const std::string recorded_path = join_path(tests_dir, "test_" + name + "_recorded.py");
        std::string recorded = entry.module->recorded_test_source;
        if (recorded.empty() && generated_body(recorded_path, read, out.errors)) {
          // The notebook's outputs no longer show any result to assert: the earlier file's
          // tests would be stale (nb2py never deletes files).
          recorded = "\"\"\"Regression tests for " + package + "." + name + ": " + entry.unit->source_name +
                     " records no results to assert.\"\"\"\n";
        }
        if (!recorded.empty()) {
          out.files.push_back({recorded_path, with_header(recorded, sources), FileKind::recorded_test});
        }
      }
      exports.push_back({name, entry.module->exports});
      init_sources.push_back(entry.unit->source_name);
      for (const auto& i : entry.module->third_party_imports) {
        imports.push_back(i);
      }
    }
    const std::string init_path = join_path(package_dir, "__init__.py");
    if (!layout.complete) {
      // Keep the modules an earlier run exported whose files are still nb2py's.
      if (auto body = generated_body(init_path, read, out.errors)) {
        for (auto& kept : read_init_exports(*body)) {
          if (modules.count(kept.module) != 0) {
            continue;
          }
          auto existing = read(join_path(package_dir, kept.module + ".py"));
          if (!existing || !existing->has_value()) {
            continue;
          }
          auto header = parse_header(**existing);
          if (!header) {
            continue;
          }
          init_sources.insert(init_sources.end(), header->sources.begin(), header->sources.end());
          exports.push_back(std::move(kept));
        }
        std::sort(exports.begin(), exports.end(),
                  [](const ModuleExports& a, const ModuleExports& b) { return a.module < b.module; });
      }
    }
    std::vector<std::pair<std::string, std::string>> shadowed;
    std::string body = init_body(package, exports, layout.line_length, &shadowed);
    for (const auto& [name, first] : shadowed) {
      out.warnings.push_back(
          {init_path,
           util::make_error("'" + name.substr(name.find('.') + 1) + "' of module " + name.substr(0, name.find('.')) +
                            " is not exported from the package: module " + first + " exports that name too")});
    }
    init_sources = sorted_unique(std::move(init_sources));
    out.files.push_back({init_path, with_header(body, init_sources), FileKind::init});
    all_sources.insert(all_sources.end(), init_sources.begin(), init_sources.end());
  }

  // Requirements in notebook order (units are sorted by the caller), then imports.
  for (const auto& unit : units) {
    requirements.insert(requirements.end(), unit.generated.requirements.begin(), unit.generated.requirements.end());
  }
  std::vector<std::string> third_party;
  for (auto& i : sorted_unique(std::move(imports))) {
    if (package_names.count(i) == 0) {
      third_party.push_back(std::move(i));
    }
  }
  const std::string pyproject_path = join_path(layout.out_dir, "pyproject.toml");
  auto existing = read(pyproject_path);
  if (!existing) {
    out.errors.push_back({pyproject_path, existing.error()});
    return out;
  }
  // An existing pyproject.toml that nb2py did not write (or that was edited since) is the
  // user's: it is left alone (see plan_writes), so only make one when it can be written.
  std::optional<std::string> old_body;
  if (existing->has_value()) {
    old_body = generated_body(pyproject_path, read, out.errors);
  }
  if (!existing->has_value() || old_body) {
    if (old_body && !layout.complete) {
      for (auto& spec : read_pyproject_dependencies(*old_body)) {
        requirements.push_back({std::move(spec), 0, 0});
      }
      auto old_header = parse_header(**existing);
      all_sources.insert(all_sources.end(), old_header->sources.begin(), old_header->sources.end());
    }
    std::vector<std::string> unknown;
    ProjectSpec spec;
    spec.name = layout.project_name;
    spec.packages.assign(package_names.begin(), package_names.end());
    if (!layout.complete && old_body) {
      // Packages an earlier run made stay listed (their __init__.py is still nb2py's).
      for (auto& p : read_pyproject_packages(*old_body)) {
        spec.packages.push_back(std::move(p));
      }
      spec.packages = sorted_unique(std::move(spec.packages));
    }
    spec.package_root = layout.package_root;
    spec.tests = layout.tests;
    spec.line_length = layout.line_length;
    spec.notebooks = layout.project_notebooks;
    std::sort(spec.notebooks.begin(), spec.notebooks.end());
    spec.notebooks.erase(std::unique(spec.notebooks.begin(), spec.notebooks.end()), spec.notebooks.end());
    spec.dependencies = merge_dependencies(requirements, third_party, &unknown);
    for (const auto& u : unknown) {
      out.warnings.push_back({pyproject_path, util::make_error("import '" + u +
                                                               "' is shared by many distributions; add the one "
                                                               "you use to the dependencies yourself")});
    }
    out.files.push_back({pyproject_path, with_header(pyproject_body(spec), sorted_unique(std::move(all_sources))),
                         FileKind::pyproject});
  }
  std::sort(out.files.begin(), out.files.end(),
            [](const OutputFile& a, const OutputFile& b) { return a.path < b.path; });
  return out;
}

}  // namespace nbloop::convert::package
