#include "convert/package/generate.hpp"

#include <algorithm>
#include <set>

#include "convert/package/module_cleanup.hpp"
#include "convert/package/plan.hpp"

namespace nbloop::convert::package {
namespace {

// Top-level modules a module's kept code imports (hoisted, or inside functions and
// main()) that are neither standard library nor local: what its pyproject must depend on.
std::vector<std::string> third_party_of(const Plan& plan, const ModulePlan& m) {
  std::set<std::string> out;
  for (const ImportPiece& p : m.imports) {
    if (import_group(p, plan.options.package) == ImportGroup::third_party) {
      out.insert(p.top_level());
    }
  }
  if (!m.ipython_names.empty()) {
    out.insert("IPython");
  }
  const auto& bindings = plan.model.bindings;
  for (const auto& b : bindings) {
    using analysis::BindingKind;
    if (b.scope == 0 || (b.kind != BindingKind::import && b.kind != BindingKind::submodule_import &&
                         b.kind != BindingKind::from_import)) {
      continue;
    }
    // Nested imports: find the cell of the unit and check the statement is kept.
    for (const CodeCell& cc : plan.cells) {
      if (cc.unit_index != static_cast<int>(b.loc.unit)) {
        continue;
      }
      if (cc.role != Role::module || cc.module != m.name) {
        break;
      }
      for (const Stmt& s : cc.stmts) {
        if (b.loc.start >= s.start && b.loc.start < s.end &&
            (s.place == Place::main || s.place == Place::module_level)) {
          ImportPiece p;
          p.module =
              b.qualified.substr(0, b.kind == BindingKind::from_import ? b.qualified.rfind('.') : std::string::npos);
          if (import_group(p, plan.options.package) == ImportGroup::third_party) {
            out.insert(p.top_level());
          }
        }
      }
      break;
    }
  }
  return {out.begin(), out.end()};
}

}  // namespace

Generated generate(notebook::Notebook& nb, const GenerateOptions& options) {
  Plan plan = make_plan(nb, options);
  Generated out;
  if (plan.result.errors.empty()) {
    for (ModulePlan& m : plan.modules) {
      GeneratedModule g;
      g.name = m.name;
      g.source = lint_clean_module(module_source(plan, m), m.main_name);
      g.test_source = test_source(plan, m);
      g.recorded_test_source = recorded_test_source(plan, m);
      g.exports = m.exports;
      g.third_party_imports = third_party_of(plan, m);
      out.modules.push_back(std::move(g));
    }
  }
  out.requirements = std::move(plan.result.requirements);
  out.has_outputs = std::any_of(plan.input.cells.begin(), plan.input.cells.end(),
                                [](const NotebookCell& c) { return c.has_outputs; });
  out.warnings = std::move(plan.result.warnings);
  out.errors = std::move(plan.result.errors);
  auto by_place = [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.cell, a.line, a.column) < std::tie(b.cell, b.line, b.column);
  };
  std::stable_sort(out.warnings.begin(), out.warnings.end(), by_place);
  std::stable_sort(out.errors.begin(), out.errors.end(), by_place);
  if (!out.errors.empty()) {
    out.modules.clear();
  }
  return out;
}

}  // namespace nbloop::convert::package
