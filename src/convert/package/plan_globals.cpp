// The planner's notebook-globals pass: names main() sets that functions and classes read
// become keyword-only parameters passed at each call, or `global` in main() (with warnings).
#include <algorithm>
#include <array>
#include <cctype>

#include "convert/package/cell_source.hpp"
#include "convert/package/expressions.hpp"
#include "convert/package/planner.hpp"
#include "python/ipython.hpp"

namespace nbloop::convert::package {

using analysis::Model;

void Planner::settle_globals() {
  const Syntax& g = syntax();
  struct Fn {
    StmtRef ref;
    int binding = -1;
    std::vector<std::string> needs;
    std::vector<std::string> direct;  // read by the function itself
    bool passable = true;
    std::vector<std::pair<StmtRef, TSNode>> calls;  // call nodes that must pass the names
    std::vector<StmtRef> callers;                   // definitions the calls are in
  };
  std::vector<Fn> fns;
  std::map<int, size_t> fn_of_binding;
  std::map<std::string, std::vector<std::string>> globals_by_module;
  // Direct reads.
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
      StmtRef here{static_cast<int>(ci), static_cast<int>(si)};
      std::vector<std::string> needs;
      auto [lo, hi] = refs_in(static_cast<uint32_t>(cc.unit_index), s.node_start, s.end);
      for (const Ref* r = lo; r != hi; ++r) {
        StmtRef def = main_binding(r->binding);
        if (!def.valid()) {
          continue;
        }
        const auto& b = m_plan.model.bindings[static_cast<size_t>(r->binding)];
        if (cell(def).module != cc.module) {
          auto [line, column] = cc.unit.position(r->offset);
          m_plan.warn(cc.cell->index, line, column,
                      "`" + s.names[0] + "` reads `" + b.name + "`, which main() of module " + cell(def).module +
                          " sets; it will not be defined here");
          continue;
        }
        if (std::find(needs.begin(), needs.end(), b.name) == needs.end()) {
          needs.push_back(b.name);
        }
      }
      bool is_function = ts_node_symbol(s.node) == g.function_definition;
      if (!is_function) {
        for (const auto& n : needs) {
          add_global(globals_by_module[cc.module], n);
        }
        if (!needs.empty()) {
          warn_global(cc, s, needs, "a class");
        }
        continue;
      }
      Fn f;
      f.ref = here;
      f.needs = std::move(needs);
      // The function's own binding: the name node inside the statement.
      TSNode name = ts_node_child_by_field_id(s.node, g.f_name);
      f.binding = binding_at(static_cast<uint32_t>(cc.unit_index), ts_node_start_byte(name));
      if (f.binding >= 0) {
        fn_of_binding[f.binding] = fns.size();
      }
      fns.push_back(std::move(f));
    }
  }
  if (fns.empty()) {
    commit_globals(globals_by_module);
    return;
  }
  // Uses of each function: where, and whether as a direct call.
  for (uint32_t u = 0; u < m_refs.size(); ++u) {
    for (const Ref& r : m_refs[u]) {
      auto it = fn_of_binding.find(r.binding);
      if (it == fn_of_binding.end()) {
        continue;
      }
      Fn& f = fns[it->second];
      StmtRef at = stmt_at(u, r.offset);
      if (!at.valid()) {
        continue;
      }
      CodeCell& cc = cell(at);
      if (cc.role != Role::module) {
        continue;  // tests and evidence do not change the module
      }
      Stmt& s = stmt(at);
      if (s.place == Place::dropped || s.place == Place::hoisted) {
        continue;
      }
      TSNode root = ts_tree_root_node(cc.tree.get());
      TSNode id = ts_node_named_descendant_for_byte_range(root, r.offset, r.offset + 1);
      TSNode parent = ts_node_parent(id);
      bool call = !ts_node_is_null(parent) && ts_node_symbol(parent) == g.call &&
                  ts_node_eq(ts_node_child_by_field_id(parent, g.f_function), id);
      bool generator_arg = false;
      if (call) {
        TSNode args = ts_node_child_by_field_id(parent, g.f_arguments);
        generator_arg = ts_node_symbol(args) != g.argument_list;
      }
      bool from_main = s.place == Place::main && cc.module == cell(f.ref).module;
      bool from_function = s.place == Place::module_level && s.kind == StmtKind::definition &&
                           ts_node_symbol(s.node) == g.function_definition && cc.module == cell(f.ref).module;
      if (!call || generator_arg || !(from_main || from_function)) {
        f.passable = false;
        continue;
      }
      f.calls.emplace_back(at, parent);
      if (from_function) {
        f.callers.push_back(at);
      }
    }
  }
  // Needs flow from callees to callers.
  std::map<std::pair<int, int>, size_t> fn_at;
  for (size_t i = 0; i < fns.size(); ++i) {
    fn_at[{fns[i].ref.cell, fns[i].ref.stmt}] = i;
  }
  // A caller that binds one of the names itself would pass its own value where the
  // notebook read the module's: such a callee keeps reading the global instead. The
  // closure is recomputed until no caller conflicts (the passable set only shrinks).
  for (Fn& f : fns) {
    Stmt& s = stmt(f.ref);
    if (ts_node_symbol(s.node) != g.function_definition || !passable_signature(s.node)) {
      f.passable = false;
    }
    f.direct = f.needs;
  }
  bool restart = true;
  while (restart) {
    restart = false;
    for (Fn& f : fns) {
      f.needs = f.direct;
    }
    bool changed = true;
    while (changed && !restart) {
      changed = false;
      for (Fn& f : fns) {
        if (!f.passable || f.needs.empty()) {
          continue;
        }
        for (StmtRef caller : f.callers) {
          auto it = fn_at.find({caller.cell, caller.stmt});
          if (it == fn_at.end()) {
            continue;
          }
          Fn& c = fns[it->second];
          for (const std::string& n : f.needs) {
            if (binds_locally(caller, n)) {
              f.passable = false;
              restart = true;
              break;
            }
            if (std::find(c.needs.begin(), c.needs.end(), n) == c.needs.end()) {
              c.needs.push_back(n);
              changed = true;
            }
          }
          if (restart) {
            break;
          }
        }
        if (restart) {
          break;
        }
      }
    }
  }
  for (Fn& f : fns) {
    if (f.needs.empty()) {
      continue;
    }
    CodeCell& cc = cell(f.ref);
    Stmt& s = stmt(f.ref);
    if (ts_node_symbol(s.node) != g.function_definition || !passable_signature(s.node)) {
      f.passable = false;
    }
    for (const std::string& n : f.needs) {
      if (is_main_parameter(cc.module, n) && !f.passable) {
        auto [line, column] = cc.unit.position(s.node_start);
        m_plan.warn(cc.cell->index, line, column,
                    "`" + s.names[0] + "` reads main()'s parameter `" + n +
                        "` but is not only called from main(): pass it yourself");
      }
    }
    if (!f.passable) {
      for (const std::string& n : f.needs) {
        if (!is_main_parameter(cc.module, n)) {
          add_global(globals_by_module[cc.module], n);
        }
      }
      warn_global(cc, s, f.needs, "not only called from main() or functions");
      continue;
    }
    add_parameters(cc, s, f.needs);
    for (auto& [at, call] : f.calls) {
      add_arguments(cell(at), call, f.needs);
    }
    auto [line, column] = cc.unit.position(s.node_start);
    std::string list;
    for (const auto& n : f.needs) {
      list += (list.empty() ? "`" : ", `") + n + "`";
    }
    m_plan.warn(cc.cell->index, line, column,
                "`" + s.names[0] + "` needs " + list +
                    " from main() (read by it or by functions it calls): now keyword-only parameter" +
                    (f.needs.size() > 1 ? "s" : "") + ", passed at every call");
    m_passed[{f.ref.cell, f.ref.stmt}] = f.needs;
  }
  for (CodeCell& cc : m_plan.cells) {
    std::sort(cc.edits.begin(), cc.edits.end(), [](const Edit& a, const Edit& b) { return a.start < b.start; });
  }
  commit_globals(globals_by_module);
}

bool Planner::binds_locally(StmtRef def, const std::string& name) {
  const Stmt& s = stmt(def);
  const auto& model = m_plan.model;
  auto unit = static_cast<uint32_t>(cell(def).unit_index);
  for (const auto& b : model.bindings) {
    if (b.name == name && b.loc.unit == unit && b.loc.start >= s.node_start && b.loc.start < s.end && b.scope > 0 &&
        model.scopes[static_cast<size_t>(b.scope)].kind == analysis::ScopeKind::function &&
        model.scopes[static_cast<size_t>(b.scope)].parent == 0) {
      return true;
    }
  }
  return false;
}

bool Planner::is_main_parameter(const std::string& module, const std::string& name) {
  for (const CodeCell& cc : m_plan.cells) {
    if (cc.role != Role::module || cc.module != module) {
      continue;
    }
    for (const Stmt& s : cc.stmts) {
      if (s.kind == StmtKind::parameter && s.place == Place::main &&
          std::find(s.names.begin(), s.names.end(), name) != s.names.end()) {
        return true;
      }
    }
  }
  return false;
}

void Planner::add_global(std::vector<std::string>& list, const std::string& name) {
  if (std::find(list.begin(), list.end(), name) == list.end()) {
    list.push_back(name);
  }
}

void Planner::warn_global(CodeCell& cc, Stmt& s, const std::vector<std::string>& needs, const std::string& why) {
  auto [line, column] = cc.unit.position(s.node_start);
  std::string list;
  for (const auto& n : needs) {
    list += (list.empty() ? "`" : ", `") + n + "`";
  }
  m_plan.warn(cc.cell->index, line, column,
              "`" + s.names[0] + "` reads " + list + ", set by main(): declared `global` in main() (" + why +
                  "); "
                  "consider passing " +
                  (needs.size() > 1 ? "them as arguments" : "it as an argument"));
}

bool Planner::passable_signature(TSNode fn) {
  const Syntax& g = syntax();
  TSNode params = ts_node_child_by_field_id(fn, g.f_parameters);
  return !ts_node_is_null(params) && ts_node_symbol(params) == g.parameters;
}

char Planner::last_char_before(std::string_view text, uint32_t from, uint32_t end) {
  for (uint32_t i = end; i > from; --i) {
    char c = text[i - 1];
    if (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
      return c;
    }
  }
  return text[from - 1];
}

void Planner::add_parameters(CodeCell& cc, Stmt& s, const std::vector<std::string>& names) {
  const Syntax& g = syntax();
  TSNode params = ts_node_child_by_field_id(s.node, g.f_parameters);
  bool star = false;
  TSNode kwargs{};
  for_named_children(params, [&](TSNode p) {
    TSSymbol ps = ts_node_symbol(p);
    star = star || ps == g.list_splat_pattern || ps == g.keyword_separator;
    if (ps == g.dictionary_splat_pattern) {
      kwargs = p;
    }
  });
  // tree-sitter-python names a bare `*` keyword_separator; check the text too.
  std::string_view text = cc.unit.text;
  std::string list;
  for (const auto& n : names) {
    list += (list.empty() ? "" : ", ") + n;
  }
  uint32_t open = ts_node_start_byte(params);
  if (!ts_node_is_null(kwargs)) {
    cc.edits.push_back(Edit{ts_node_start_byte(kwargs), ts_node_start_byte(kwargs), (star ? "" : "*, ") + list + ", "});
    return;
  }
  uint32_t close = ts_node_end_byte(params) - 1;
  char last = last_char_before(text, open + 1, close);
  std::string prefix = last == '(' ? "" : (last == ',' ? " " : ", ");
  cc.edits.push_back(Edit{close, close, prefix + (star ? "" : "*, ") + list});
}

void Planner::add_arguments(CodeCell& cc, TSNode call, const std::vector<std::string>& names) {
  const Syntax& g = syntax();
  TSNode args = ts_node_child_by_field_id(call, g.f_arguments);
  std::string list;
  for (const auto& n : names) {
    list += (list.empty() ? "" : ", ") + n + "=" + n;
  }
  uint32_t open = ts_node_start_byte(args);
  uint32_t close = ts_node_end_byte(args) - 1;
  char last = last_char_before(cc.unit.text, open + 1, close);
  std::string prefix = last == '(' ? "" : (last == ',' ? " " : ", ");
  cc.edits.push_back(Edit{close, close, prefix + list});
}

void Planner::reimport_rebound_names() {
  for (CodeCell& cc : m_plan.cells) {
    if (cc.role != Role::module || !cc.parsed) {
      continue;
    }
    for (Stmt& s : cc.stmts) {
      if (s.kind != StmtKind::import_ || s.place != Place::hoisted) {
        continue;
      }
      for (const ImportPiece& p : import_pieces(s.node, cc.unit.text)) {
        std::string name = !p.alias.empty() ? p.alias : p.from ? p.name : p.top_level();
        if (name == "*" || name.empty() || !main_binds(cc.module, name)) {
          continue;
        }
        s.also_in_main = true;
        auto& list = m_globals[cc.module];
        if (std::find(list.begin(), list.end(), name) == list.end()) {
          list.push_back(name);
        }
        auto [line, column] = cc.unit.position(s.node_start);
        m_plan.warn(cc.cell->index, line, column,
                    "main() rebinds imported `" + name + "`: the import also stays in main() and `" + name +
                        "` is declared global");
      }
    }
  }
}

bool Planner::main_binds(const std::string& module, const std::string& name) {
  if (!m_main_bound_ready) {
    const auto& bindings = m_plan.model.bindings;
    for (size_t b = 0; b < bindings.size(); ++b) {
      StmtRef r = m_binding_stmt[b];
      if (bindings[b].scope == 0 && r.valid() && cell(r).role == Role::module && stmt(r).place == Place::main) {
        m_main_bound.insert(cell(r).module + ":" + bindings[b].name);
      }
    }
    m_main_bound_ready = true;
  }
  return m_main_bound.contains(module + ":" + name);
}

}  // namespace nbloop::convert::package
