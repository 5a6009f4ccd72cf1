#include "convert/package/plan.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_map>

#include "convert/package/cell_source.hpp"
#include "convert/package/expressions.hpp"
#include "python/ipython.hpp"

namespace nbloop::convert::package {
namespace {

using analysis::Model;

struct Ref {
  uint32_t offset = 0;
  int binding = 0;
};

struct StmtRef {
  int cell = -1;
  int stmt = -1;
  [[nodiscard]] bool valid() const { return cell >= 0; }
};

class Planner {
 public:
  Planner(notebook::Notebook& nb, const GenerateOptions& options) : m_nb(nb) { m_plan.options = options; }

  Plan run() {
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

 private:
  notebook::Notebook& m_nb;
  Plan m_plan;
  std::vector<analysis::UnitTree> m_units;
  std::vector<size_t> m_unit_cell;                                  // unit index -> cell index
  std::vector<std::vector<Ref>> m_refs;                             // per unit, by offset
  std::vector<StmtRef> m_binding_stmt;                              // scope-0 binding -> statement
  std::map<std::pair<int, int>, std::vector<std::string>> m_needs;  // (cell, stmt) -> main names read

  CodeCell& cell_of_unit(uint32_t unit) { return m_plan.cells[m_unit_cell[unit]]; }

  void read_markdown_and_directives() {
    bool seen_code = false;
    std::string default_exp;
    for (const NotebookCell& c : m_plan.input.cells) {
      if (c.type == NotebookCell::Type::markdown) {
        std::vector<Heading> hs = markdown_headings(c.source);
        size_t first = 0;
        if (m_plan.title.empty() && !hs.empty()) {
          m_plan.title = hs[0].text;
          first = 1;
        }
        for (size_t i = first; i < hs.size(); ++i) {
          m_plan.headings.push_back(hs[i]);
        }
        if (m_plan.summary.empty() && !seen_code) {
          m_plan.summary = first_paragraph(c.source);
        }
        continue;
      }
      if (c.type != NotebookCell::Type::code) {
        continue;
      }
      seen_code = true;
      CodeCell cc;
      cc.cell = &c;
      cc.headings_end = m_plan.headings.size();
      cc.directives = parse_directives(c.source, c.tags);
      for (const std::string& u : cc.directives.unknown) {
        m_plan.warn(c.index, 1, 1, "unknown nbloop directive `" + u + "` ignored");
      }
      if (default_exp.empty() && !cc.directives.default_exp.empty()) {
        default_exp = cc.directives.default_exp;
      }
      m_plan.export_mode = m_plan.export_mode || cc.directives.export_cell;
      m_plan.cells.push_back(std::move(cc));
    }
    m_plan.default_module = !default_exp.empty()                     ? default_exp
                            : !m_plan.options.default_module.empty() ? m_plan.options.default_module
                                                                     : std::string("module");
    for (CodeCell& cc : m_plan.cells) {
      const CellDirectives& d = cc.directives;
      cc.module = d.module.empty() ? m_plan.default_module : d.module;
      if (d.skip || is_blank(cc.cell->source)) {
        cc.role = Role::skipped;
      } else if (d.injected_parameters) {
        cc.role = Role::skipped;
        m_plan.warn(cc.cell->index, 1, 1,
                    "papermill's injected parameters left out: main()'s defaults come from the `parameters` cell");
      } else if (d.test) {
        cc.role = Role::test;
      } else if (m_plan.export_mode && !d.export_cell && !d.parameters) {
        cc.role = Role::evidence;
      } else {
        cc.role = Role::module;
      }
      if (d.parameters) {
        cc.module = m_plan.default_module;
      }
      // A cell that only holds directives (`#| default_exp core`) has nothing to convert.
      std::string rest = cc.cell->source;
      blank_lines(rest, d.directive_lines);
      if (is_blank(rest)) {
        cc.role = Role::skipped;
      }
    }
  }

  void parse_cells() {
    for (CodeCell& cc : m_plan.cells) {
      if (cc.role == Role::skipped) {
        continue;
      }
      const int index = cc.cell->index;
      std::string src = cc.cell->source;
      blank_lines(src, cc.directives.directive_lines);
      python::CellMagic magic = python::classify_cell_magic(src);
      if (magic != python::CellMagic::none) {
        size_t eol = src.find('\n');
        std::string_view first = std::string_view(src).substr(0, eol);
        CellMagicLine line = read_cell_magic(first);
        if (magic == python::CellMagic::other) {
          cc.foreign = true;
          cc.foreign_magic = line.name;
          cc.unit = python::make_unit(src, index, 1, false);
          if (cc.role == Role::module) {
            m_plan.warn(index, 1, 1, "`%%" + line.name + "` cell is not Python: kept as comments in main()");
          }
          continue;
        }
        if (!line.silent) {
          m_plan.warn(index, 1, 1, "`%%" + line.name + "` removed; the cell's Python body is kept");
        }
        src.replace(0, first.size(), line.python);
      }
      // %time / %timeit statements become the statement they time.
      python::MaskedSource masked = python::mask_ipython(src);
      for (size_t i = masked.escape_offsets.size(); i-- > 0;) {
        uint32_t off = masked.escape_offsets[i];
        uint32_t end = logical_line_end(src, off);
        EscapeInfo info = classify_escape(std::string_view(src).substr(off, end - off));
        if (info.kind == EscapeKind::timing) {
          src.replace(off, end - off, info.python);
        }
      }
      cc.unit = python::make_unit(std::move(src), index, 1, true);
      cc.tree = python::parse(cc.unit.text);
      std::string error;
      uint32_t at = 0;
      if (!cc.tree || python::has_error(cc.tree.get())) {
        // Worded like nbloop lint's E999, at the first token the parser could not place.
        TSNode err = cc.tree ? first_error(ts_tree_root_node(cc.tree.get())) : TSNode{};
        if (cc.tree && ts_node_is_missing(err)) {
          at = ts_node_start_byte(err);
          error = "SyntaxError: expected `" + std::string(ts_node_type(err)) + "`";
        } else if (cc.tree) {
          TSNode first = err;
          while (ts_node_child_count(first) > 0) {
            first = ts_node_child(first, 0);
          }
          at = ts_node_start_byte(first);
          std::string_view tok = node_text(first, cc.unit.text);
          error = tok.empty() || tok.find('\n') != std::string_view::npos || tok.size() > 40
                      ? std::string("SyntaxError: invalid syntax")
                      : "SyntaxError: unexpected `" + std::string(tok) + "`";
        } else {
          error = "SyntaxError: invalid syntax";
        }
      } else if (cc.unit.text.find("print") != std::string::npos || cc.unit.text.find("exec") != std::string::npos) {
        TSNode py2 = python2_statement(ts_tree_root_node(cc.tree.get()));
        if (!ts_node_is_null(py2)) {
          at = ts_node_start_byte(py2);
          error = std::string("SyntaxError: Python 2 `") +
                  (ts_node_symbol(py2) == syntax().print_statement ? "print" : "exec") + "` statement";
        }
      }
      if (error.empty()) {
        if (uint32_t colon = empty_block(cc.unit, cc.tree.get()); colon != UINT32_MAX) {
          at = colon;
          error = "IndentationError: expected an indented block";
        }
      }
      if (!error.empty()) {
        if (cc.role == Role::evidence) {
          cc.role = Role::skipped;  // exploration that does not parse only loses its test evidence
          continue;
        }
        auto [line, column] = cc.unit.position(at);
        m_plan.result.errors.push_back(
            Diagnostic{index, line, column, error + "; nb2py converts only cells that Python 3 parses"});
        continue;
      }
      cc.parsed = true;
    }
  }

  void analyse() {
    for (size_t i = 0; i < m_plan.cells.size(); ++i) {
      CodeCell& cc = m_plan.cells[i];
      if (!cc.parsed) {
        continue;
      }
      cc.unit_index = static_cast<int>(m_units.size());
      m_units.push_back(analysis::UnitTree{cc.tree.get(), &cc.unit});
      m_unit_cell.push_back(i);
    }
    m_plan.model = analysis::analyze(m_units, true);
  }

  // Splits each parsed cell into top-level statements and gives each a kind and a place.
  void classify() {
    const Syntax& g = syntax();
    for (CodeCell& cc : m_plan.cells) {
      if (cc.foreign) {
        Stmt s;
        s.kind = StmtKind::comment;
        s.place = cc.role == Role::module ? Place::main : Place::none;
        s.start = 0;
        s.end = static_cast<uint32_t>(cc.unit.original.size());
        cc.stmts.push_back(s);
        continue;
      }
      if (!cc.parsed) {
        continue;
      }
      const std::string& src = cc.unit.text;
      TSNode root = ts_tree_root_node(cc.tree.get());
      uint32_t pending = UINT32_MAX;
      uint32_t pending_end = 0;
      uint32_t count = ts_node_named_child_count(root);
      std::vector<uint32_t> top_starts;
      for (uint32_t i = 0; i < count; ++i) {
        TSNode c = ts_node_named_child(root, i);
        uint32_t start = ts_node_start_byte(c);
        uint32_t end = ts_node_end_byte(c);
        if (ts_node_symbol(c) == g.comment) {
          if (!cc.stmts.empty() && pending == UINT32_MAX &&
              cc.unit.line_of(start) == cc.unit.line_of(cc.stmts.back().end)) {
            cc.stmts.back().end = end;
          } else {
            if (pending == UINT32_MAX) {
              pending = start;
            }
            pending_end = end;
          }
          continue;
        }
        Stmt s;
        s.node = c;
        s.node_start = start;
        s.start = pending != UINT32_MAX ? pending : start;
        s.end = end;
        pending = UINT32_MAX;
        classify_statement(cc, s);
        top_starts.push_back(start);
        cc.stmts.push_back(std::move(s));
      }
      if (pending != UINT32_MAX) {
        Stmt s;
        s.kind = StmtKind::comment;
        s.start = pending;
        s.node_start = pending;
        s.end = pending_end;
        cc.stmts.push_back(s);
      }
      // IPython statements nested in blocks: replaced in place.
      for (uint32_t off : cc.unit.escape_offsets) {
        if (std::binary_search(top_starts.begin(), top_starts.end(), off)) {
          continue;
        }
        uint32_t end = logical_line_end(cc.unit.original, off);
        std::string text = cc.unit.original.substr(off, end - off);
        EscapeInfo info = classify_escape(text);
        if (info.kind == EscapeKind::capture && cc.role != Role::module) {
          info.kind = EscapeKind::other;  // only modules import subprocess
        }
        std::string replacement = "pass";
        if (info.kind == EscapeKind::capture) {
          replacement = info.python;
          note_capture(cc, off, text);
        } else if (info.kind == EscapeKind::other) {
          replacement += "  # IPython: " + text;
          if (cc.role == Role::module) {
            auto [line, column] = cc.unit.position(off);
            m_plan.warn(cc.cell->index, line, column, "IPython `" + text + "` kept as a comment; it does not run");
          }
        } else if (info.kind == EscapeKind::install) {
          add_requirements(cc, off, info);
        }
        cc.edits.push_back(Edit{off, end, replacement});
      }
      std::sort(cc.edits.begin(), cc.edits.end(), [](const Edit& a, const Edit& b) { return a.start < b.start; });
      place_statements(cc);
      (void)src;
    }
  }

  // `name = !cmd` in a module cell runs through subprocess.getoutput (imported by the module).
  void note_capture(const CodeCell& cc, uint32_t off, const std::string& text) {
    m_subprocess.insert(cc.module);
    auto [line, column] = cc.unit.position(off);
    m_plan.warn(cc.cell->index, line, column,
                "IPython `" + text +
                    "` runs as subprocess.getoutput(...).splitlines() (the shell's output lines); check the "
                    "command works outside the notebook");
  }

  void add_requirements(const CodeCell& cc, uint32_t off, const EscapeInfo& info) {
    if (cc.role == Role::skipped) {
      return;
    }
    auto [line, column] = cc.unit.position(off);
    for (const std::string& spec : info.specs) {
      auto& reqs = m_plan.result.requirements;
      if (std::none_of(reqs.begin(), reqs.end(), [&](const Requirement& r) { return r.spec == spec; })) {
        reqs.push_back(Requirement{spec, cc.cell->index, line});
      }
    }
    if (info.unread_file) {
      m_plan.warn(cc.cell->index, line, column,
                  "requirements file named by `pip install -r` not read; add its entries yourself");
    }
  }

  void classify_statement(CodeCell& cc, Stmt& s) {
    const Syntax& g = syntax();
    const std::string& src = cc.unit.text;
    TSSymbol sym = ts_node_symbol(s.node);
    if (cc.unit.is_escape(s.node_start)) {
      s.kind = StmtKind::escape;
      s.end = std::max(s.end, logical_line_end(cc.unit.original, s.node_start));
      s.escape_text =
          cc.unit.original.substr(s.node_start, logical_line_end(cc.unit.original, s.node_start) - s.node_start);
      s.escape = classify_escape(s.escape_text);
      if (s.escape.kind == EscapeKind::capture && cc.role != Role::module) {
        s.escape.kind = EscapeKind::other;  // only modules import subprocess
      }
      return;
    }
    if (sym == g.import_statement || sym == g.import_from_statement || sym == g.future_import_statement) {
      s.kind = StmtKind::import_;
      return;
    }
    if (sym == g.try_statement) {
      TSNode body = ts_node_child_by_field_id(s.node, g.f_body);
      bool imports = !ts_node_is_null(body) && ts_node_named_child_count(body) > 0;
      for_named_children(body, [&](TSNode c) {
        TSSymbol cs = ts_node_symbol(c);
        imports = imports && (cs == g.import_statement || cs == g.import_from_statement || cs == g.comment);
      });
      s.kind = imports ? StmtKind::import_block : StmtKind::other;
      return;
    }
    if (sym == g.function_definition || sym == g.class_definition || sym == g.decorated_definition) {
      TSNode def = sym == g.decorated_definition ? ts_node_child_by_field_id(s.node, g.f_definition) : s.node;
      s.kind = StmtKind::definition;
      s.names.emplace_back(node_text(ts_node_child_by_field_id(def, g.f_name), src));
      return;
    }
    if (sym == g.expression_statement && ts_node_named_child_count(s.node) >= 1) {
      TSNode e = ts_node_named_child(s.node, 0);
      if (ts_node_symbol(e) == g.assignment) {
        std::vector<std::string> names;
        TSNode value{};
        if (assignment_targets(e, src, names, value)) {
          // A mutable default (list, dict, set) would be shared between calls: such values
          // stay assignments at the top of main().
          TSSymbol vs = ts_node_symbol(value);
          bool mutable_value = vs == g.list || vs == g.dictionary || vs == g.set;
          if (cc.directives.parameters && literal_kind(value) != LiteralKind::not_literal && !mutable_value) {
            s.kind = StmtKind::parameter;
            s.names = std::move(names);
            return;
          }
          bool upper = std::all_of(names.begin(), names.end(), [](const std::string& n) { return is_upper_name(n); });
          bool long_names = std::all_of(names.begin(), names.end(), [](const std::string& n) { return n.size() > 1; });
          if (upper && (long_names || literal_kind(value) != LiteralKind::not_literal) && constant_value(value, src)) {
            s.kind = StmtKind::constant;
            s.names = std::move(names);
            return;
          }
        }
        s.kind = StmtKind::other;
        return;
      }
      if (ts_node_symbol(e) != g.augmented_assignment) {
        s.kind = StmtKind::expression;  // one expression, or a bare tuple `a.shape, b.shape`
        return;
      }
    }
    s.kind = StmtKind::other;
  }

  void place_statements(CodeCell& cc) {
    const Syntax& g = syntax();
    if (cc.role != Role::module) {
      return;
    }
    int last = -1;
    for (int i = static_cast<int>(cc.stmts.size()) - 1; i >= 0; --i) {
      if (cc.stmts[static_cast<size_t>(i)].kind != StmtKind::comment) {
        last = i;
        break;
      }
    }
    Place previous = Place::main;
    for (size_t i = 0; i < cc.stmts.size(); ++i) {
      Stmt& s = cc.stmts[i];
      switch (s.kind) {
        case StmtKind::import_:
          s.place = Place::hoisted;
          break;
        case StmtKind::import_block:
        case StmtKind::definition:
        case StmtKind::constant:
          s.place = Place::module_level;
          break;
        case StmtKind::parameter:
        case StmtKind::other:
          s.place = Place::main;
          break;
        case StmtKind::expression: {
          // Ending a cell, a pure expression was only displayed; anywhere else its value was
          // not even shown (display() calls aside, which only show). A bare string in the
          // middle of a cell reads as a comment and stays.
          TSNode e = ts_node_named_child(s.node, 0);
          bool string = ts_node_named_child_count(s.node) == 1 && literal_kind(e) == LiteralKind::string;
          bool drop = pure_expression(s.node, cc.unit.text) && (static_cast<int>(i) == last || !string);
          s.place = drop ? Place::dropped : Place::main;
          if (!drop && static_cast<int>(i) == last && ts_node_named_child_count(s.node) == 1 &&
              ts_node_symbol(e) == g.attribute) {
            // `make().shape` ending a cell showed an attribute of what the call made: the call
            // stays for its effects, the attribute nobody reads goes (B018 in a module).
            TSNode object = e;
            while (ts_node_symbol(object) == g.attribute) {
              object = ts_node_child_by_field_id(object, g.f_object);
            }
            cc.edits.push_back(Edit{ts_node_end_byte(object), ts_node_end_byte(e), ""});
            std::sort(cc.edits.begin(), cc.edits.end(), [](const Edit& a, const Edit& b) { return a.start < b.start; });
          }
          break;
        }
        case StmtKind::escape:
          s.place = Place::dropped;
          if (s.escape.kind == EscapeKind::install) {
            add_requirements(cc, s.node_start, s.escape);
          } else if (s.escape.kind == EscapeKind::capture) {
            s.place = Place::main;
            note_capture(cc, s.node_start, s.escape_text);
          } else if (s.escape.kind == EscapeKind::other) {
            s.place = Place::main;
            auto [line, column] = cc.unit.position(s.node_start);
            m_plan.warn(cc.cell->index, line, column,
                        "IPython `" + s.escape_text + "` kept as a comment; it does not run");
          }
          break;
        case StmtKind::comment:
          s.place = previous == Place::module_level ? Place::module_level : Place::main;
          break;
      }
      if (s.place == Place::module_level || s.place == Place::main) {
        previous = s.place;
      }
    }
  }

  void index_references() {
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

  StmtRef stmt_at(uint32_t unit, uint32_t offset) {
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

  Stmt& stmt(StmtRef r) { return m_plan.cells[static_cast<size_t>(r.cell)].stmts[static_cast<size_t>(r.stmt)]; }
  CodeCell& cell(StmtRef r) { return m_plan.cells[static_cast<size_t>(r.cell)]; }

  // Refs of unit `u` in [start, end).
  std::pair<const Ref*, const Ref*> refs_in(uint32_t u, uint32_t start, uint32_t end) {
    const auto& v = m_refs[u];
    auto lo = std::lower_bound(v.begin(), v.end(), start, [](const Ref& r, uint32_t o) { return r.offset < o; });
    auto hi = std::lower_bound(lo, v.end(), end, [](const Ref& r, uint32_t o) { return r.offset < o; });
    return {v.data() + (lo - v.begin()), v.data() + (hi - v.begin())};
  }

  // The statement binding `b` when it is a module-scope binding made by main()-bound code
  // (or by a cell that is not converted), else an invalid ref.
  StmtRef main_binding(int b) {
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

  std::string where(StmtRef r, uint32_t offset) {
    auto [line, column] = cell(r).unit.position(offset);
    (void)column;
    return "cell " + std::to_string(cell(r).cell->index) + ", line " + std::to_string(line);
  }

  // A module-level definition or constant that reads, while it is being defined, a name
  // main() binds cannot stay at module level: it moves into main(), in order.
  void move_definition_time_reads() {
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

  // `x = <pure expression>` in main() that nothing kept reads afterwards only computed a
  // value to look at (as a display-only expression does): dropped, then again for what only
  // the dropped statements read.
  void drop_dead_assignments() {
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
        if (s.place != Place::main || !std::all_of(c.targets.begin(), c.targets.end(),
                                                   [&](int b) { return reads[static_cast<size_t>(b)] == 0; })) {
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

  bool is_def_binding(int b) {
    if (b < 0) {
      return false;
    }
    const auto& binding = m_plan.model.bindings[static_cast<size_t>(b)];
    return binding.scope == 0 && binding.kind == analysis::BindingKind::function;
  }

  // Names main() binds that module-level functions and classes read at run time: passed to
  // functions as keyword-only arguments where every use of the function is a call from
  // main() or from another such function; otherwise declared `global` in main().
  void settle_globals() {
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

  // True when the function defined at `def` binds `name` in its own scope (a parameter,
  // an assignment), so that `name` there is not the module's.
  bool binds_locally(StmtRef def, const std::string& name) {
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

  std::map<std::pair<int, int>, std::vector<std::string>> m_passed;
  std::map<std::string, std::vector<std::string>> m_globals;

  // The module-scope binding made at (unit, offset), or -1 (the first one made there).
  int binding_at(uint32_t unit, uint32_t offset) {
    auto it = m_binding_index.find((static_cast<uint64_t>(unit) << 32) | offset);
    return it == m_binding_index.end() ? -1 : it->second;
  }
  std::unordered_map<uint64_t, int> m_binding_index;

  bool is_main_parameter(const std::string& module, const std::string& name) {
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

  static void add_global(std::vector<std::string>& list, const std::string& name) {
    if (std::find(list.begin(), list.end(), name) == list.end()) {
      list.push_back(name);
    }
  }

  void warn_global(CodeCell& cc, Stmt& s, const std::vector<std::string>& needs, const std::string& why) {
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

  void commit_globals(std::map<std::string, std::vector<std::string>>& by_module) { m_globals = std::move(by_module); }

  // A parameter list we can extend: `def f(a, b=1, *args, c, **kw)` (no lambda, no
  // oddities); always true for tree-sitter's `parameters` node.
  static bool passable_signature(TSNode fn) {
    const Syntax& g = syntax();
    TSNode params = ts_node_child_by_field_id(fn, g.f_parameters);
    return !ts_node_is_null(params) && ts_node_symbol(params) == g.parameters;
  }

  // Last byte before `end` that is not whitespace or a comment line.
  // (`from` is just after the opening bracket; the bracket itself is returned when only
  // whitespace follows it.)
  static char last_char_before(std::string_view text, uint32_t from, uint32_t end) {
    for (uint32_t i = end; i > from; --i) {
      char c = text[i - 1];
      if (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
        return c;
      }
    }
    return text[from - 1];
  }

  void add_parameters(CodeCell& cc, Stmt& s, const std::vector<std::string>& names) {
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
      cc.edits.push_back(
          Edit{ts_node_start_byte(kwargs), ts_node_start_byte(kwargs), (star ? "" : "*, ") + list + ", "});
      return;
    }
    uint32_t close = ts_node_end_byte(params) - 1;
    char last = last_char_before(text, open + 1, close);
    std::string prefix = last == '(' ? "" : (last == ',' ? " " : ", ");
    cc.edits.push_back(Edit{close, close, prefix + (star ? "" : "*, ") + list});
  }

  void add_arguments(CodeCell& cc, TSNode call, const std::vector<std::string>& names) {
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

  // One pass over every name read: imports still used, names from sibling modules, names
  // the tests need, IPython's display(), main() rebinding module names.
  void collect_uses() {
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

  // An import whose name main() rebinds would, once hoisted, no longer undo main()'s
  // binding where the notebook ran it: it also stays in main(), with the name global.
  void reimport_rebound_names() {
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

  bool main_binds(const std::string& module, const std::string& name) {
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
  std::set<std::string> m_main_bound;
  bool m_main_bound_ready = false;

  std::map<std::string, std::set<std::string>> m_ipython;
  std::set<std::string> m_subprocess;  // modules whose code runs `name = !cmd` through subprocess
  std::set<std::string> m_warned;
  std::map<std::string, std::set<std::string>> m_cross;
  std::map<std::string, std::vector<ImportPiece>> m_imports;

  // Literal-argument calls of the notebook's functions and classes, with recorded results
  // where the call ends a cell.
  void collect_evidence() {
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
        TSNode def = ts_node_symbol(s.node) == g.decorated_definition
                         ? ts_node_child_by_field_id(s.node, g.f_definition)
                         : s.node;
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

  int binding_of_ref(uint32_t unit, uint32_t offset) {
    const auto& v = m_refs[unit];
    auto it = std::lower_bound(v.begin(), v.end(), offset, [](const Ref& r, uint32_t o) { return r.offset < o; });
    return it != v.end() && it->offset == offset ? it->binding : Model::k_unresolved;
  }

  static bool literal_arguments(TSNode args) {
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

  void finish_modules() {
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
};

}  // namespace

Plan make_plan(notebook::Notebook& nb, const GenerateOptions& options) { return Planner(nb, options).run(); }

}  // namespace nbloop::convert::package
