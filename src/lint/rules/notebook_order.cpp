// NB104, NB105: cell-order hazards read off the semantic model of a notebook's cells in
// order (src/analysis): a name only a later cell defines, and a global that a later cell
// redefines between two calls of a function that reads it.
#include <tree_sitter/api.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "lint/rules/rules.hpp"

namespace nbloop::lint::rules {
namespace {

using analysis::Binding;
using analysis::BindingKind;
using analysis::Model;

// A module-level binding that really gives the name a value.
bool defines(const Binding& b) {
  return b.kind != BindingKind::annotation && b.kind != BindingKind::global && b.kind != BindingKind::star_import &&
         b.kind != BindingKind::future_import;
}

bool module_scope(const Model& m, const Binding& b) {
  return b.scope >= 0 && static_cast<size_t>(b.scope) < m.scopes.size() &&
         m.scopes[static_cast<size_t>(b.scope)].kind == analysis::ScopeKind::module;
}

bool is_import(BindingKind k) {
  return k == BindingKind::import || k == BindingKind::submodule_import || k == BindingKind::from_import;
}

std::string cell_of(RuleContext& ctx, uint32_t unit) { return std::to_string(ctx.units()[unit].unit->cell); }

// A position in the notebook: unit, then byte.
using Pos = std::pair<uint32_t, uint32_t>;

struct Span {
  uint32_t start = 0;
  uint32_t end = 0;
};

}  // namespace

void name_defined_later(RuleContext& ctx) {
  if (!ctx.notebook()) {
    return;
  }
  const Model& m = ctx.model();
  std::multimap<std::string_view, uint32_t> bound_in;
  for (const Binding& b : m.bindings) {
    if (module_scope(m, b) && defines(b)) {
      bound_in.emplace(b.name, b.loc.unit);
    }
  }
  for (const auto& u : m.unresolved) {
    if (u.star) {
      continue;
    }
    uint32_t later = UINT32_MAX;
    auto [lo, hi] = bound_in.equal_range(u.name);
    for (auto it = lo; it != hi; ++it) {
      if (it->second > u.loc.unit) {
        later = std::min(later, it->second);
      }
    }
    if (later == UINT32_MAX) {
      continue;
    }
    ctx.report(u.loc, "`" + u.name + "` is defined only in a later cell (cell " + cell_of(ctx, later) +
                          "): this cell works only when cells run out of order");
  }
}

void function_global_redefined(RuleContext& ctx) {
  if (!ctx.notebook()) {
    return;
  }
  const Model& m = ctx.model();
  static const TSSymbol function_definition = RuleContext::symbol("function_definition");
  static const TSSymbol lambda = RuleContext::symbol("lambda");

  // Every function and lambda body of each unit: a reference inside one is not module-level code.
  std::vector<std::vector<Span>> bodies(ctx.units().size());
  for (uint32_t u = 0; u < ctx.units().size(); ++u) {
    for (TSSymbol s : {function_definition, lambda}) {
      for (TSNode n : ctx.nodes(u, s)) {
        bodies[u].push_back(Span{ts_node_start_byte(n), ts_node_end_byte(n)});
      }
    }
  }
  auto inside_function = [&](uint32_t unit, uint32_t offset) {
    return std::any_of(bodies[unit].begin(), bodies[unit].end(),
                       [&](const Span& s) { return s.start <= offset && offset < s.end; });
  };

  // Module-level functions: their whole definition's range.
  struct Function {
    int binding = 0;
    uint32_t unit = 0;
    Span span;
  };
  std::vector<Function> functions;
  for (size_t i = 0; i < m.bindings.size(); ++i) {
    const Binding& b = m.bindings[i];
    if (b.kind != BindingKind::function || !module_scope(m, b)) {
      continue;
    }
    for (TSNode def : ctx.nodes(b.loc.unit, function_definition)) {
      TSNode name = ts_node_child_by_field_name(def, "name", 4);
      if (!ts_node_is_null(name) && ts_node_start_byte(name) == b.loc.start) {
        functions.push_back(
            Function{static_cast<int>(i), b.loc.unit, Span{ts_node_start_byte(def), ts_node_end_byte(def)}});
        break;
      }
    }
  }
  if (functions.empty()) {
    return;
  }

  // What each function reads from the module scope, and where each is used by module-level code.
  std::vector<std::vector<std::string_view>> reads(functions.size());
  std::map<int, size_t> function_of_binding;
  for (size_t f = 0; f < functions.size(); ++f) {
    function_of_binding[functions[f].binding] = f;
  }
  std::vector<std::vector<Pos>> uses(functions.size());
  for (const auto& [key, index] : m.references) {
    if (index < 0) {
      continue;
    }
    const auto unit = static_cast<uint32_t>(key >> 32);
    const auto offset = static_cast<uint32_t>(key & 0xFFFFFFFFu);
    const Binding& b = m.bindings[static_cast<size_t>(index)];
    if (auto it = function_of_binding.find(index); it != function_of_binding.end() && !inside_function(unit, offset)) {
      uses[it->second].emplace_back(unit, offset);
      continue;
    }
    if (!module_scope(m, b)) {
      continue;
    }
    for (size_t f = 0; f < functions.size(); ++f) {
      const Function& fn = functions[f];
      if (fn.unit == unit && fn.span.start <= offset && offset < fn.span.end &&
          b.name != m.bindings[static_cast<size_t>(fn.binding)].name) {
        reads[f].push_back(b.name);
      }
    }
  }

  // The module-level bindings of each name, in notebook order.
  std::map<std::string_view, std::vector<const Binding*>> bindings_of;
  for (const Binding& b : m.bindings) {
    if (module_scope(m, b) && defines(b)) {
      bindings_of[b.name].push_back(&b);
    }
  }
  for (auto& [name, list] : bindings_of) {
    std::sort(list.begin(), list.end(), [](const Binding* a, const Binding* b) {
      return std::tie(a->loc.unit, a->loc.start) < std::tie(b->loc.unit, b->loc.start);
    });
  }

  // A redefinition in another cell than the previous definition, with a call of a function
  // that reads the name before it (after the previous definition) and another after it.
  std::map<Pos, bool> reported;
  for (size_t f = 0; f < functions.size(); ++f) {
    auto& names = reads[f];
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    auto& calls = uses[f];
    if (calls.size() < 2) {
      continue;
    }
    std::sort(calls.begin(), calls.end());
    const Binding& fb = m.bindings[static_cast<size_t>(functions[f].binding)];
    for (std::string_view name : names) {
      auto it = bindings_of.find(name);
      if (it == bindings_of.end() || it->second.size() < 2) {
        continue;
      }
      const auto& defs = it->second;
      for (size_t k = 1; k < defs.size(); ++k) {
        const Binding& prev = *defs[k - 1];
        const Binding& now = *defs[k];
        // Same cell: running it top to bottom is deterministic. Importing the same module
        // again (`import numpy as np` in two cells) changes nothing.
        if (prev.loc.unit == now.loc.unit ||
            (is_import(prev.kind) && is_import(now.kind) && prev.qualified == now.qualified)) {
          continue;
        }
        Pos prev_pos{prev.loc.unit, prev.loc.start};
        Pos now_pos{now.loc.unit, now.loc.start};
        auto before =
            std::find_if(calls.begin(), calls.end(), [&](const Pos& p) { return p > prev_pos && p < now_pos; });
        auto after = std::find_if(calls.begin(), calls.end(), [&](const Pos& p) { return p > now_pos; });
        if (before == calls.end() || after == calls.end() || reported[now_pos]) {
          continue;
        }
        reported[now_pos] = true;
        ctx.report(now.loc, "`" + std::string(name) + "` (defined in cell " + cell_of(ctx, prev.loc.unit) +
                                ") is redefined here while `" + fb.name + "` (cell " + cell_of(ctx, fb.loc.unit) +
                                ") reads it and is called before (cell " + cell_of(ctx, before->first) +
                                ") and after (cell " + cell_of(ctx, after->first) +
                                "): its result depends on which cells ran");
      }
    }
  }
}

}  // namespace nbloop::lint::rules
