// The planner's evidence pass: the notebook's literal-argument calls of its functions and
// classes (and the results it recorded), for tests.
#include <algorithm>
#include <array>
#include <cctype>

#include "convert/package/cell_source.hpp"
#include "convert/package/expressions.hpp"
#include "convert/package/planner.hpp"
#include "python/ipython.hpp"

namespace nbloop::convert::package {

using analysis::Model;

void Planner::collect_evidence() {
  const Syntax& g = syntax();
  // Definitions, in notebook order (a redefinition replaces the earlier one).
  std::map<int, size_t> def_of_binding;
  for (size_t ci = 0; ci < m_plan.cells.size(); ++ci) {
    CodeCell& cc = m_plan.cells[ci];
    if (cc.role != Role::module || !cc.parsed) {
      continue;
    }
    for (size_t si = 0; si < cc.stmts.size(); ++si) {
      Stmt& s = cc.stmts[si];
      if (s.place != Place::module_level || s.kind != StmtKind::definition) {
        continue;
      }
      TSNode def =
          ts_node_symbol(s.node) == g.decorated_definition ? ts_node_child_by_field_id(s.node, g.f_definition) : s.node;
      Definition d;
      d.name = s.names[0];
      d.module = cc.module;
      d.is_class = ts_node_symbol(def) == g.class_definition;
      d.exported = !d.name.starts_with("_") && !cc.directives.private_export;
      if (!d.is_class) {
        d.signature = collapse_spaces(node_text(ts_node_child_by_field_id(def, g.f_parameters), cc.unit.original));
      }
      // A result that depends on chance or the clock is not a regression to assert.
      std::string_view body = std::string_view(cc.unit.text).substr(s.node_start, s.end - s.node_start);
      for (std::string_view word : {"random", "getpid", "uuid", "time(", "now(", "perf_counter", "monotonic"}) {
        d.nondeterministic = d.nondeterministic || body.find(word) != std::string_view::npos;
      }
      auto passed = m_passed.find({static_cast<int>(ci), static_cast<int>(si)});
      if (passed != m_passed.end()) {
        d.passed = passed->second;
      }
      const auto& globals = m_globals[cc.module];
      auto [lo, hi] = refs_in(static_cast<uint32_t>(cc.unit_index), s.node_start, s.end);
      for (const Ref* r = lo; r != hi && !d.reads_main_globals; ++r) {
        if (r->binding >= 0 && main_binding(r->binding).valid()) {
          const std::string& n = m_plan.model.bindings[static_cast<size_t>(r->binding)].name;
          d.reads_main_globals = std::find(globals.begin(), globals.end(), n) != globals.end();
        }
      }
      int b = binding_at(static_cast<uint32_t>(cc.unit_index),
                         ts_node_start_byte(ts_node_child_by_field_id(def, g.f_name)));
      auto same = std::find_if(m_plan.definitions.begin(), m_plan.definitions.end(),
                               [&](const Definition& o) { return o.name == d.name && o.module == d.module; });
      if (same != m_plan.definitions.end()) {
        auto [line, column] = cc.unit.position(s.node_start);
        m_plan.warn(cc.cell->index, line, column,
                    "`" + d.name +
                        "` is defined again; the module keeps this definition, so main() code the "
                        "notebook ran before it now uses it too");
        *same = d;
        if (b >= 0) {
          def_of_binding[b] = static_cast<size_t>(same - m_plan.definitions.begin());
        }
      } else {
        if (b >= 0) {
          def_of_binding[b] = m_plan.definitions.size();
        }
        m_plan.definitions.push_back(std::move(d));
      }
    }
  }
  if (def_of_binding.empty()) {
    return;
  }
  for (size_t ci = 0; ci < m_plan.cells.size(); ++ci) {
    CodeCell& cc = m_plan.cells[ci];
    if (!cc.parsed || (cc.role != Role::module && cc.role != Role::evidence)) {
      continue;
    }
    int last = -1;
    for (int i = static_cast<int>(cc.stmts.size()) - 1; i >= 0; --i) {
      if (cc.stmts[static_cast<size_t>(i)].kind != StmtKind::comment) {
        last = i;
        break;
      }
    }
    for (int si = 0; si < static_cast<int>(cc.stmts.size()); ++si) {
      Stmt& s = cc.stmts[static_cast<size_t>(si)];
      if (s.kind == StmtKind::comment || s.kind == StmtKind::definition || s.kind == StmtKind::import_ ||
          s.kind == StmtKind::escape ||
          (cc.role == Role::module && s.place != Place::main && s.place != Place::dropped)) {
        continue;
      }
      bool ends_cell = si == last && s.kind == StmtKind::expression && ts_node_named_child_count(s.node) == 1;
      TSNode top_call = ends_cell ? ts_node_named_child(s.node, 0) : TSNode{};
      visit_calls(s.node, [&](TSNode call) {
        TSNode fn = ts_node_child_by_field_id(call, g.f_function);
        if (ts_node_symbol(fn) != g.identifier) {
          return;
        }
        int b = binding_of_ref(static_cast<uint32_t>(cc.unit_index), ts_node_start_byte(fn));
        auto it = def_of_binding.find(b);
        if (it == def_of_binding.end() || !literal_arguments(ts_node_child_by_field_id(call, g.f_arguments))) {
          return;
        }
        Definition& d = m_plan.definitions[it->second];
        CallEvidence e;
        e.cell = ci;
        e.start = ts_node_start_byte(call);
        e.end = ts_node_end_byte(call);
        e.callee_end = ts_node_end_byte(fn);
        bool result = !ts_node_is_null(top_call) && ts_node_eq(top_call, call) && cc.cell->has_result;
        if (result) {
          // Only the recorded-tests file reads this: the call itself stays in main() (it
          // may have effects), so the module is the same whether or not outputs are kept.
          e.has_result = true;
          e.result_text = cc.cell->result_text;
        }
        if (d.calls.size() < 8) {
          d.calls.push_back(std::move(e));
        }
      });
    }
  }
}

int Planner::binding_of_ref(uint32_t unit, uint32_t offset) {
  const auto& v = m_refs[unit];
  auto it = std::lower_bound(v.begin(), v.end(), offset, [](const Ref& r, uint32_t o) { return r.offset < o; });
  return it != v.end() && it->offset == offset ? it->binding : Model::k_unresolved;
}

bool Planner::literal_arguments(TSNode args) {
  const Syntax& g = syntax();
  if (ts_node_is_null(args) || ts_node_symbol(args) != g.argument_list) {
    return false;
  }
  bool ok = true;
  for_named_children(args, [&](TSNode a) {
    if (!ok || ts_node_symbol(a) == g.comment) {
      return;
    }
    if (ts_node_symbol(a) == g.keyword_argument) {
      ok = literal_kind(ts_node_child_by_field_id(a, g.f_value)) != LiteralKind::not_literal;
    } else {
      ok = literal_kind(a) != LiteralKind::not_literal;
    }
  });
  return ok;
}

}  // namespace nbloop::convert::package
