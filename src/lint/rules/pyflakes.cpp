// F401, F403, F405, F811, F821, F841: findings read off the semantic model.
#include <algorithm>

#include "lint/rules/rules.hpp"

namespace nbloop::lint::rules {
namespace {

using analysis::Binding;
using analysis::BindingKind;
using analysis::ScopeKind;

bool is_import(BindingKind k) {
  return k == BindingKind::import || k == BindingKind::submodule_import || k == BindingKind::from_import ||
         k == BindingKind::star_import;
}

bool different_forks(const Binding& a, const Binding& b) {
  size_t n = std::min(a.forks.size(), b.forks.size());
  for (size_t i = 0; i < n; ++i) {
    if (a.forks[i] != b.forks[i]) {
      return a.forks[i].first == b.forks[i].first;
    }
  }
  return false;
}

bool redefines(const Binding& binding, const Binding& existing) {
  switch (binding.kind) {
    case BindingKind::import:
    case BindingKind::from_import:
      if (existing.kind == BindingKind::submodule_import) {
        return binding.qualified == existing.qualified;
      }
      break;
    case BindingKind::submodule_import:
      if (existing.kind == BindingKind::import || existing.kind == BindingKind::submodule_import ||
          existing.kind == BindingKind::from_import) {
        return binding.qualified == existing.qualified;
      }
      break;
    case BindingKind::annotation:
    case BindingKind::future_import:
    case BindingKind::global:
    case BindingKind::star_import:
    case BindingKind::except_handler:
      return false;
    default:
      break;
  }
  return existing.kind == BindingKind::class_def || existing.kind == BindingKind::function ||
         existing.kind == BindingKind::import || existing.kind == BindingKind::from_import;
}

// ruff's default dummy-variable-rgx: `_`, `__`, `_x`, …
bool is_dummy(std::string_view name) { return !name.empty() && name[0] == '_'; }

}  // namespace

void unused_import(RuleContext& ctx) {
  const auto& m = ctx.model();
  for (const auto& scope : m.scopes) {
    for (const auto& [name, index] : scope.names) {
      const Binding& b = m.bindings[static_cast<size_t>(index)];
      // ruff does not report unused star imports (F403 covers them).
      if (!is_import(b.kind) || b.kind == BindingKind::star_import || b.used || b.redundant_alias ||
          scope.uses_locals) {
        continue;
      }
      std::string message = "`" + b.qualified + "` imported but unused";
      if (b.in_import_error_try) {
        message += "; consider using `importlib.util.find_spec` to test for availability";
      }
      ctx.report(b.loc, std::move(message));
    }
  }
}

void star_import_used(RuleContext& ctx) {
  const auto& m = ctx.model();
  for (size_t i = 0; i < m.star_imports.size(); ++i) {
    ctx.report(m.star_imports[i], "`from " + m.star_modules[i] + " import *` used; unable to detect undefined names");
  }
}

void star_import_may_define(RuleContext& ctx) {
  for (const auto& u : ctx.model().unresolved) {
    if (u.star) {
      ctx.report(u.loc, "`" + u.name + "` may be undefined, or defined from star imports");
    }
  }
}

void undefined_name(RuleContext& ctx) {
  for (const auto& u : ctx.model().unresolved) {
    if (!u.star) {
      ctx.report(u.loc, "Undefined name `" + u.name + "`");
    }
  }
}

void redefined_while_unused(RuleContext& ctx) {
  const auto& m = ctx.model();
  for (const auto& s : m.shadowings) {
    const Binding& old = m.bindings[static_cast<size_t>(s.shadowed)];
    const Binding& now = m.bindings[static_cast<size_t>(s.binding)];
    if (old.used || old.overload || !redefines(now, old) || different_forks(old, now)) {
      continue;
    }
    if (old.loc.unit == now.loc.unit && old.loc.start == now.loc.start) {
      continue;
    }
    const auto& unit = *ctx.units()[old.loc.unit].unit;
    auto [line, col] = unit.position(old.loc.start);
    (void)col;
    std::string where = "line " + std::to_string(line);
    if (ctx.notebook() && old.loc.unit != now.loc.unit) {
      where = "cell " + std::to_string(unit.cell) + ", line " + std::to_string(line);
    }
    ctx.report(now.loc, "Redefinition of unused `" + now.name + "` from " + where + ": `" + now.name + "` redefined here");
  }
}

void unused_variable(RuleContext& ctx) {
  const auto& m = ctx.model();
  for (const auto& scope : m.scopes) {
    if ((scope.kind != ScopeKind::function && scope.kind != ScopeKind::lambda) || scope.uses_locals) {
      continue;
    }
    for (const auto& [name, index] : scope.names) {
      const Binding& b = m.bindings[static_cast<size_t>(index)];
      bool kind_ok = b.kind == BindingKind::assignment || b.kind == BindingKind::named_expr ||
                     b.kind == BindingKind::with_item || b.kind == BindingKind::aug_assignment;
      if (!kind_ok || b.used || is_dummy(name) || scope.globals.contains(name) || (b.unpacked && !b.unpacked_literal)) {
        continue;
      }
      ctx.report(b.loc, "Local variable `" + name + "` is assigned to but never used");
    }
  }
  for (int index : m.unused_exception_names) {
    const Binding& b = m.bindings[static_cast<size_t>(index)];
    if (!is_dummy(b.name)) {
      ctx.report(b.loc, "Local variable `" + b.name + "` is assigned to but never used");
    }
  }
}

}  // namespace nbloop::lint::rules
