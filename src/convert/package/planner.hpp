// nb2py's planner (make_plan() in plan.hpp), shared by the files that implement its passes:
// plan.cpp (the driver, references, dead code, uses, modules), plan_cells.cpp (reading and
// classifying cells), plan_globals.cpp (names main() sets that functions read) and
// plan_evidence.cpp (literal calls, for tests). Private to src/convert/package.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "convert/package/plan.hpp"

namespace nbloop::convert::package {

/// A name read in a unit: where, and the binding it resolves to.
struct Ref {
  uint32_t offset = 0;
  int binding = 0;
};

/// A top-level statement: (cell, statement) indexes into Plan::cells.
struct StmtRef {
  int cell = -1;
  int stmt = -1;
  [[nodiscard]] bool valid() const { return cell >= 0; }
};

class Planner {
 public:
  Planner(notebook::Notebook& nb, const GenerateOptions& options) : m_nb(nb) { m_plan.options = options; }

  Plan run();

 private:
  notebook::Notebook& m_nb;
  Plan m_plan;
  std::vector<analysis::UnitTree> m_units;
  std::vector<size_t> m_unit_cell;                                  // unit index -> cell index
  std::vector<std::vector<Ref>> m_refs;                             // per unit, by offset
  std::vector<StmtRef> m_binding_stmt;                              // scope-0 binding -> statement
  std::map<std::pair<int, int>, std::vector<std::string>> m_needs;  // (cell, stmt) -> main names read

  CodeCell& cell_of_unit(uint32_t unit) { return m_plan.cells[m_unit_cell[unit]]; }

  void read_markdown_and_directives();

  void parse_cells();

  void analyse();

  // Splits each parsed cell into top-level statements and gives each a kind and a place.
  void classify();

  // `name = !cmd` in a module cell runs through subprocess.getoutput (imported by the module).
  void note_capture(const CodeCell& cc, uint32_t off, const std::string& text);

  void add_requirements(const CodeCell& cc, uint32_t off, const EscapeInfo& info);

  void classify_statement(CodeCell& cc, Stmt& s);

  void place_statements(CodeCell& cc);

  void index_references();

  StmtRef stmt_at(uint32_t unit, uint32_t offset);

  Stmt& stmt(StmtRef r) { return m_plan.cells[static_cast<size_t>(r.cell)].stmts[static_cast<size_t>(r.stmt)]; }
  CodeCell& cell(StmtRef r) { return m_plan.cells[static_cast<size_t>(r.cell)]; }

  // Refs of unit `u` in [start, end).
  std::pair<const Ref*, const Ref*> refs_in(uint32_t u, uint32_t start, uint32_t end);

  // The statement binding `b` when it is a module-scope binding made by main()-bound code
  // (or by a cell that is not converted), else an invalid ref.
  StmtRef main_binding(int b);

  std::string where(StmtRef r, uint32_t offset);

  // A module-level definition or constant that reads, while it is being defined, a name
  // main() binds cannot stay at module level: it moves into main(), in order.
  void move_definition_time_reads();

  // `x = <pure expression>` in main() that nothing kept reads afterwards only computed a
  // value to look at (as a display-only expression does): dropped, then again for what only
  // the dropped statements read.
  void drop_dead_assignments();

  bool is_def_binding(int b);

  // Names main() binds that module-level functions and classes read at run time: passed to
  // functions as keyword-only arguments where every use of the function is a call from
  // main() or from another such function; otherwise declared `global` in main().
  void settle_globals();

  // True when the function defined at `def` binds `name` in its own scope (a parameter,
  // an assignment), so that `name` there is not the module's.
  bool binds_locally(StmtRef def, const std::string& name);

  std::map<std::pair<int, int>, std::vector<std::string>> m_passed;
  std::map<std::string, std::vector<std::string>> m_globals;

  // The module-scope binding made at (unit, offset), or -1 (the first one made there).
  int binding_at(uint32_t unit, uint32_t offset);
  std::unordered_map<uint64_t, int> m_binding_index;

  bool is_main_parameter(const std::string& module, const std::string& name);

  static void add_global(std::vector<std::string>& list, const std::string& name);

  void warn_global(CodeCell& cc, Stmt& s, const std::vector<std::string>& needs, const std::string& why);

  void commit_globals(std::map<std::string, std::vector<std::string>>& by_module) { m_globals = std::move(by_module); }

  // A parameter list we can extend: `def f(a, b=1, *args, c, **kw)` (no lambda, no
  // oddities); always true for tree-sitter's `parameters` node.
  static bool passable_signature(TSNode fn);

  // Last byte before `end` that is not whitespace or a comment line.
  // (`from` is just after the opening bracket; the bracket itself is returned when only
  // whitespace follows it.)
  static char last_char_before(std::string_view text, uint32_t from, uint32_t end);

  void add_parameters(CodeCell& cc, Stmt& s, const std::vector<std::string>& names);

  void add_arguments(CodeCell& cc, TSNode call, const std::vector<std::string>& names);

  // One pass over every name read: imports still used, names from sibling modules, names
  // the tests need, IPython's display(), main() rebinding module names.
  void collect_uses();

  // An import whose name main() rebinds would, once hoisted, no longer undo main()'s
  // binding where the notebook ran it: it also stays in main(), with the name global.
  void reimport_rebound_names();

  bool main_binds(const std::string& module, const std::string& name);
  std::set<std::string> m_main_bound;
  bool m_main_bound_ready = false;

  std::map<std::string, std::set<std::string>> m_ipython;
  std::set<std::string> m_subprocess;  // modules whose code runs `name = !cmd` through subprocess
  std::set<std::string> m_warned;
  std::map<std::string, std::set<std::string>> m_cross;
  std::map<std::string, std::vector<ImportPiece>> m_imports;

  // Literal-argument calls of the notebook's functions and classes, with recorded results
  // where the call ends a cell.
  void collect_evidence();

  int binding_of_ref(uint32_t unit, uint32_t offset);

  static bool literal_arguments(TSNode args);

  template <typename Fn>
  static void visit_calls(TSNode n, Fn&& fn) {
    const Syntax& g = syntax();
    TSSymbol s = ts_node_symbol(n);
    if (s == g.function_definition || s == g.class_definition || s == g.lambda) {
      return;
    }
    if (s == g.call) {
      fn(n);
    }
    uint32_t count = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < count; ++i) {
      visit_calls(ts_node_named_child(n, i), fn);
    }
  }

  void finish_modules();
};

}  // namespace nbloop::convert::package
