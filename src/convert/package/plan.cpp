#include "convert/package/plan.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "convert/package/cell_source.hpp"
#include "convert/package/expressions.hpp"
#include "convert/package/planner.hpp"
#include "python/ipython.hpp"

namespace nbloop::convert::package {

using analysis::Model;

Plan Planner::run() {
  m_plan.input = read_cells(m_nb);
  const std::string& lang = m_plan.input.language;
  if (!lang.empty() && !lower(lang).starts_with("python")) {
    m_plan.result.errors.push_back(Diagnostic{
        0, 0, 0,
        "not a Python notebook (the kernel's language is \"" + lang + "\"); nb2py converts Python notebooks only"});
    return std::move(m_plan);
  }
  read_markdown_and_directives();
  parse_cells();
  if (!m_plan.result.errors.empty()) {
    return std::move(m_plan);
  }
  analyse();
  classify();
  index_references();
  move_definition_time_reads();
  drop_dead_assignments();
  settle_globals();
  collect_uses();
  reimport_rebound_names();
  collect_evidence();
  finish_modules();
  return std::move(m_plan);
}

void Planner::index_references() {
  m_refs.assign(m_units.size(), {});
  for (const auto& [key, b] : m_plan.model.references) {
    m_refs[key >> 32].push_back(Ref{static_cast<uint32_t>(key & 0xffffffffU), b});
  }
  for (auto& v : m_refs) {
    std::sort(v.begin(), v.end(), [](const Ref& a, const Ref& b) { return a.offset < b.offset; });
  }
  const auto& bindings = m_plan.model.bindings;
  m_binding_stmt.assign(bindings.size(), StmtRef{});
  for (size_t b = 0; b < bindings.size(); ++b) {
    if (bindings[b].scope == 0) {
      m_binding_stmt[b] = stmt_at(bindings[b].loc.unit, bindings[b].loc.start);
      m_binding_index.emplace((static_cast<uint64_t>(bindings[b].loc.unit) << 32) | bindings[b].loc.start,
                              static_cast<int>(b));
    }
  }
}

StmtRef Planner::stmt_at(uint32_t unit, uint32_t offset) {
  size_t ci = m_unit_cell[unit];
  const auto& stmts = m_plan.cells[ci].stmts;
  auto it =
      std::upper_bound(stmts.begin(), stmts.end(), offset, [](uint32_t off, const Stmt& s) { return off < s.start; });
  if (it == stmts.begin()) {
    return {};
  }
  --it;
  if (offset >= it->end && !(offset == it->start)) {
    return {};
  }
  return StmtRef{static_cast<int>(ci), static_cast<int>(it - stmts.begin())};
}

std::pair<const Ref*, const Ref*> Planner::refs_in(uint32_t u, uint32_t start, uint32_t end) {
  const auto& v = m_refs[u];
  auto lo = std::lower_bound(v.begin(), v.end(), start, [](const Ref& r, uint32_t o) { return r.offset < o; });
  auto hi = std::lower_bound(lo, v.end(), end, [](const Ref& r, uint32_t o) { return r.offset < o; });
  return {v.data() + (lo - v.begin()), v.data() + (hi - v.begin())};
}

StmtRef Planner::main_binding(int b) {
  if (b < 0 || m_plan.model.bindings[static_cast<size_t>(b)].scope != 0) {
    return {};
  }
  StmtRef r = m_binding_stmt[static_cast<size_t>(b)];
  if (!r.valid()) {
    return {};
  }
  const CodeCell& c = cell(r);
  if (c.role == Role::module && stmt(r).place == Place::main) {
    return r;
  }
  return {};
}

std::string Planner::where(StmtRef r, uint32_t offset) {
  auto [line, column] = cell(r).unit.position(offset);
  (void)column;
  return "cell " + std::to_string(cell(r).cell->index) + ", line " + std::to_string(line);
}

void Planner::move_definition_time_reads() {
  bool changed = true;
  while (changed) {
    changed = false;
    for (size_t ci = 0; ci < m_plan.cells.size(); ++ci) {
      CodeCell& cc = m_plan.cells[ci];
      if (cc.role != Role::module || !cc.parsed) {
        continue;
      }
      for (size_t si = 0; si < cc.stmts.size(); ++si) {
        Stmt& s = cc.stmts[si];
        if (s.place != Place::module_level || s.kind == StmtKind::comment) {
          continue;
        }
        std::vector<std::pair<uint32_t, uint32_t>> later;
        if (s.kind == StmtKind::definition) {
          runtime_ranges(s.node, later);
        }
        auto [lo, hi] = refs_in(static_cast<uint32_t>(cc.unit_index), s.node_start, s.end);
        for (const Ref* r = lo; r != hi; ++r) {
          bool runtime = std::any_of(later.begin(), later.end(),
                                     [&](const auto& rg) { return r->offset >= rg.first && r->offset < rg.second; });
          if (runtime) {
            continue;
          }
          StmtRef def = main_binding(r->binding);
          if (!def.valid() || cell(def).module != cc.module) {
            continue;
          }
          s.place = Place::main;
          const auto& b = m_plan.model.bindings[static_cast<size_t>(r->binding)];
          auto [line, column] = cc.unit.position(s.node_start);
          std::string what = s.names.empty() ? std::string("statement") : "`" + s.names[0] + "`";
          m_plan.warn(cc.cell->index, line, column,
                      what + " moved into main(): it reads `" + b.name + "` when defined, which main() sets (" +
                          where(def, b.loc.start) + ")");
          changed = true;
          break;
        }
      }
    }
  }
}

void Planner::drop_dead_assignments() {
  const Syntax& g = syntax();
  if (m_plan.model.scopes[0].uses_locals) {
    return;  // locals() reads every name
  }
  const auto& bindings = m_plan.model.bindings;
  std::set<std::string> kept_names;  // names whose assignments are never dropped
  std::vector<int> reads(bindings.size(), 0);
  std::vector<int> all_reads(bindings.size(), 0);
  auto counts = [&](const CodeCell& cc, const Stmt& s) {
    return cc.role == Role::test ||
           (cc.role == Role::module && (s.place == Place::main || s.place == Place::module_level));
  };
  for (uint32_t u = 0; u < m_refs.size(); ++u) {
    for (const Ref& r : m_refs[u]) {
      if (r.binding < 0) {
        continue;
      }
      ++all_reads[static_cast<size_t>(r.binding)];
      StmtRef at = stmt_at(u, r.offset);
      if (at.valid() && counts(cell(at), stmt(at))) {
        ++reads[static_cast<size_t>(r.binding)];
      }
    }
  }
  // Function bodies resolve a name to its last binding; the earlier ones the notebook's
  // calls saw are read too: keep every binding of a name functions read.
  for (uint32_t u = 0; u < m_refs.size(); ++u) {
    for (const Ref& r : m_refs[u]) {
      StmtRef at = stmt_at(u, r.offset);
      if (r.binding >= 0 && at.valid() && stmt(at).kind == StmtKind::definition &&
          bindings[static_cast<size_t>(r.binding)].scope == 0) {
        kept_names.insert(bindings[static_cast<size_t>(r.binding)].name);
      }
    }
  }
  // Used without being read (`del x`): keep.
  for (size_t b = 0; b < bindings.size(); ++b) {
    if (bindings[b].used && all_reads[b] == 0) {
      reads[b] = 1;
    }
  }
  // Names a kept `del` statement deletes (the analysis records no read for them).
  for (const CodeCell& cc : m_plan.cells) {
    for (const Stmt& s : cc.stmts) {
      if (cc.role == Role::module && s.place == Place::main && !ts_node_is_null(s.node) &&
          ts_node_symbol(s.node) == g.delete_statement) {
        std::string_view text = node_text(s.node, cc.unit.text).substr(3);
        size_t i = 0;
        while (i < text.size()) {
          while (i < text.size() && !(std::isalnum(static_cast<unsigned char>(text[i])) != 0 || text[i] == '_')) {
            ++i;
          }
          size_t j = i;
          while (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) != 0 || text[j] == '_')) {
            ++j;
          }
          if (j > i) {
            kept_names.emplace(text.substr(i, j - i));
          }
          i = j;
        }
      }
    }
  }
  struct Candidate {
    StmtRef at;
    std::vector<int> targets;
  };
  std::vector<Candidate> candidates;
  for (size_t ci = 0; ci < m_plan.cells.size(); ++ci) {
    CodeCell& cc = m_plan.cells[ci];
    if (cc.role != Role::module || !cc.parsed) {
      continue;
    }
    for (size_t si = 0; si < cc.stmts.size(); ++si) {
      Stmt& s = cc.stmts[si];
      if (s.place != Place::main || s.kind != StmtKind::other || ts_node_symbol(s.node) != g.expression_statement ||
          ts_node_named_child_count(s.node) != 1 || ts_node_symbol(ts_node_named_child(s.node, 0)) != g.assignment) {
        continue;
      }
      std::vector<std::string> names;
      std::vector<uint32_t> starts;
      TSNode value{};
      if (!assignment_targets(ts_node_named_child(s.node, 0), cc.unit.text, names, value, &starts) ||
          !pure_expression(value, cc.unit.text) ||
          std::any_of(names.begin(), names.end(), [&](const std::string& n) { return kept_names.contains(n); })) {
        continue;
      }
      Candidate c{StmtRef{static_cast<int>(ci), static_cast<int>(si)}, {}};
      for (uint32_t start : starts) {
        c.targets.push_back(binding_at(static_cast<uint32_t>(cc.unit_index), start));
      }
      if (std::all_of(c.targets.begin(), c.targets.end(), [](int b) { return b >= 0; })) {
        candidates.push_back(std::move(c));
      }
    }
  }
  bool changed = true;
  while (changed) {
    changed = false;
    for (const Candidate& c : candidates) {
      Stmt& s = stmt(c.at);
      if (s.place != Place::main ||
          !std::all_of(c.targets.begin(), c.targets.end(), [&](int b) { return reads[static_cast<size_t>(b)] == 0; })) {
        continue;
      }
      s.place = Place::dropped;
      changed = true;
      auto [lo, hi] = refs_in(static_cast<uint32_t>(cell(c.at).unit_index), s.node_start, s.end);
      for (const Ref* r = lo; r != hi; ++r) {
        if (r->binding >= 0) {
          --reads[static_cast<size_t>(r->binding)];
        }
      }
    }
  }
}

bool Planner::is_def_binding(int b) {
  if (b < 0) {
    return false;
  }
  const auto& binding = m_plan.model.bindings[static_cast<size_t>(b)];
  return binding.scope == 0 && binding.kind == analysis::BindingKind::function;
}

int Planner::binding_at(uint32_t unit, uint32_t offset) {
  auto it = m_binding_index.find((static_cast<uint64_t>(unit) << 32) | offset);
  return it == m_binding_index.end() ? -1 : it->second;
}

void Planner::collect_uses() {
  const auto& bindings = m_plan.model.bindings;
  std::vector<std::set<std::string>> import_users(bindings.size());  // module names; "test:" + module
  for (uint32_t u = 0; u < m_refs.size(); ++u) {
    CodeCell& cc = cell_of_unit(u);
    for (const Ref& r : m_refs[u]) {
      StmtRef at = stmt_at(u, r.offset);
      if (!at.valid()) {
        continue;
      }
      Stmt& s = stmt(at);
      std::string user;
      if (cc.role == Role::module && (s.place == Place::module_level || s.place == Place::main)) {
        user = cc.module;
      } else if (cc.role == Role::test) {
        user = "test:" + cc.module;
      } else {
        continue;
      }
      if (r.binding == Model::k_builtin) {
        // IPython's builtins are imports in a module.
        std::string_view t = std::string_view(cc.unit.text).substr(r.offset);
        size_t n = 0;
        while (n < t.size() && (std::isalnum(static_cast<unsigned char>(t[n])) != 0 || t[n] == '_')) {
          ++n;
        }
        std::string_view name = t.substr(0, n);
        if ((name == "display" || name == "get_ipython") && !analysis::is_builtin(name, false) &&
            !user.starts_with("test:")) {
          m_ipython[user].insert(std::string(name));
        }
        continue;
      }
      if (r.binding < 0 || bindings[static_cast<size_t>(r.binding)].scope != 0) {
        continue;
      }
      const auto& b = bindings[static_cast<size_t>(r.binding)];
      StmtRef def = m_binding_stmt[static_cast<size_t>(r.binding)];
      if (!def.valid()) {
        continue;
      }
      CodeCell& dc = cell(def);
      Stmt& ds = stmt(def);
      bool import = b.kind == analysis::BindingKind::import || b.kind == analysis::BindingKind::submodule_import ||
                    b.kind == analysis::BindingKind::from_import || b.kind == analysis::BindingKind::future_import;
      if (import && ds.kind == StmtKind::import_) {
        import_users[static_cast<size_t>(r.binding)].insert(user);
        continue;
      }
      if (dc.role != Role::module) {
        if (dc.role == Role::evidence && !user.starts_with("test:")) {
          auto [line, column] = cc.unit.position(r.offset);
          std::string key = b.name + "@" + std::to_string(cc.cell->index);
          if (m_warned.insert(key).second) {
            m_plan.warn(cc.cell->index, line, column,
                        "`" + b.name + "` is defined in cell " + std::to_string(dc.cell->index) +
                            ", which is not exported; export that cell or move the definition");
          }
        }
        continue;
      }
      if (ds.place == Place::module_level) {
        if (user.starts_with("test:")) {
          m_plan.tests[cc.module].from_module[dc.module].insert(b.name);
        } else if (dc.module != user) {
          m_cross[user].insert(dc.module + ":" + b.name);
        }
      } else if (ds.place == Place::main && user.starts_with("test:")) {
        auto [line, column] = cc.unit.position(r.offset);
        std::string key = b.name + "@" + std::to_string(cc.cell->index);
        if (m_warned.insert(key).second) {
          m_plan.warn(cc.cell->index, line, column,
                      "test cell reads `" + b.name + "`, which main() sets; the test cannot see it");
        }
      }
    }
  }
  // Hoisted imports go to each module that uses them; an import the notebook never used
  // stays where it was written (it may be there for its side effects).
  for (size_t ci = 0; ci < m_plan.cells.size(); ++ci) {
    CodeCell& cc = m_plan.cells[ci];
    if (!cc.parsed || cc.role == Role::skipped) {
      continue;
    }
    for (Stmt& s : cc.stmts) {
      if (s.kind != StmtKind::import_) {
        continue;
      }
      for (ImportPiece& p : import_pieces(s.node, cc.unit.text)) {
        int b = p.name == "*" ? -1 : binding_at(static_cast<uint32_t>(cc.unit_index), p.bound_at);
        std::set<std::string> users;
        if (b >= 0) {
          users = import_users[static_cast<size_t>(b)];
          if (!bindings[static_cast<size_t>(b)].used && cc.role != Role::evidence) {
            users.insert(cc.role == Role::test ? "test:" + cc.module : cc.module);
          }
        } else if (cc.role != Role::evidence) {
          users.insert(cc.role == Role::test ? "test:" + cc.module : cc.module);
        }
        if (cc.role == Role::test) {
          users.insert("test:" + cc.module);
        }
        if (cc.role == Role::evidence &&
            std::any_of(users.begin(), users.end(), [](const std::string& u) { return !u.starts_with("test:"); })) {
          auto [line, column] = cc.unit.position(s.node_start);
          m_plan.warn(cc.cell->index, line, column,
                      "import in a cell that is not exported added to the module: exported code uses `" +
                          (p.alias.empty() ? (p.from ? p.name : p.module) : p.alias) + "`");
        }
        for (const std::string& user : users) {
          if (user.starts_with("test:")) {
            m_plan.tests[user.substr(5)].imports.push_back(p);
          } else {
            m_imports[user].push_back(p);
          }
        }
      }
    }
  }
  // main() reading a module-level name that it also rebinds needs `global`.
  for (size_t ci = 0; ci < m_plan.cells.size(); ++ci) {
    CodeCell& cc = m_plan.cells[ci];
    if (cc.role != Role::module || !cc.parsed) {
      continue;
    }
    for (const Stmt& s : cc.stmts) {
      if (s.place != Place::main) {
        continue;
      }
      auto [lo, hi] = refs_in(static_cast<uint32_t>(cc.unit_index), s.node_start, s.end);
      for (const Ref* r = lo; r != hi; ++r) {
        if (r->binding < 0 || bindings[static_cast<size_t>(r->binding)].scope != 0) {
          continue;
        }
        StmtRef def = m_binding_stmt[static_cast<size_t>(r->binding)];
        if (!def.valid() || stmt(def).place == Place::main || cell(def).module != cc.module) {
          continue;
        }
        const auto& binding = bindings[static_cast<size_t>(r->binding)];
        const std::string& name = binding.name;
        using analysis::BindingKind;
        if (binding.kind == BindingKind::import || binding.kind == BindingKind::from_import ||
            binding.kind == BindingKind::submodule_import) {
          continue;  // reimport_rebound_names() keeps the import in main()
        }
        if (main_binds(cc.module, name) && !is_main_parameter(cc.module, name)) {
          auto& list = m_globals[cc.module];
          if (std::find(list.begin(), list.end(), name) == list.end()) {
            list.push_back(name);
            auto [line, column] = cc.unit.position(r->offset);
            m_plan.warn(cc.cell->index, line, column,
                        "main() rebinds module-level `" + name + "`: declared `global` in main()");
          }
        }
      }
    }
  }
}

void Planner::finish_modules() {
  // Modules in order of first appearance, the default module first.
  auto ensure = [&](const std::string& name) -> ModulePlan& {
    if (ModulePlan* m = m_plan.module(name)) {
      return *m;
    }
    ModulePlan m;
    m.name = name;
    m_plan.modules.push_back(std::move(m));
    return m_plan.modules.back();
  };
  bool any_default = std::any_of(m_plan.cells.begin(), m_plan.cells.end(), [&](const CodeCell& c) {
    return c.role == Role::module && c.module == m_plan.default_module;
  });
  if (any_default || std::none_of(m_plan.cells.begin(), m_plan.cells.end(),
                                  [](const CodeCell& c) { return c.role == Role::module; })) {
    ensure(m_plan.default_module);
  }
  for (const CodeCell& cc : m_plan.cells) {
    if (cc.role == Role::module) {
      ensure(cc.module);
    }
  }
  for (auto& [module, tp] : m_plan.tests) {
    (void)tp;
    if (m_plan.module(module) == nullptr) {
      ensure(module);
    }
  }
  const auto& bindings = m_plan.model.bindings;
  for (ModulePlan& m : m_plan.modules) {
    m.imports = m_imports[m.name];
    m.globals = m_globals[m.name];
    m.ipython_names = m_ipython[m.name];
    m.uses_subprocess = m_subprocess.contains(m.name);
    for (const std::string& c : m_cross[m.name]) {
      m.local_imports.push_back(c);
    }
    for (const CodeCell& cc : m_plan.cells) {
      if (cc.role != Role::module || cc.module != m.name) {
        continue;
      }
      for (size_t si = 0; si < cc.stmts.size(); ++si) {
        const Stmt& s = cc.stmts[si];
        if (s.place == Place::main) {
          m.has_main = true;
          if (s.kind == StmtKind::parameter) {
            m.params.push_back((static_cast<size_t>(&cc - m_plan.cells.data()) << 20) | si);
          }
          if (!ts_node_is_null(s.node) && cc.unit.text.find("await") != std::string::npos && contains_await(s.node)) {
            m.async_main = true;
          }
        }
        if (s.place == Place::module_level && (s.kind == StmtKind::definition || s.kind == StmtKind::constant)) {
          for (const std::string& n : s.names) {
            if (!n.starts_with("_") && !cc.directives.private_export &&
                std::find(m.exports.begin(), m.exports.end(), n) == m.exports.end()) {
              m.exports.push_back(n);
            }
          }
        }
      }
    }
    for (size_t b = 0; b < bindings.size(); ++b) {
      if (bindings[b].scope == 0 && m_binding_stmt[b].valid() && cell(m_binding_stmt[b]).module == m.name) {
        m.module_names.insert(bindings[b].name);
      }
    }
    for (const char* candidate : {"main", "run", "run_notebook"}) {
      if (!m.module_names.contains(candidate)) {
        m.main_name = candidate;
        break;
      }
    }
    m.exports.erase(std::remove(m.exports.begin(), m.exports.end(), m.main_name), m.exports.end());
  }
}

Plan make_plan(notebook::Notebook& nb, const GenerateOptions& options) { return Planner(nb, options).run(); }

}  // namespace nbloop::convert::package
