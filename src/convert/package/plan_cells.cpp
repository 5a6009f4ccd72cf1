// The planner's first passes: Markdown and directives, parsing each code cell once (magics
// reduced, errors located), and splitting cells into classified, placed statements.
#include <algorithm>
#include <array>
#include <cctype>

#include "convert/package/cell_source.hpp"
#include "convert/package/expressions.hpp"
#include "convert/package/planner.hpp"
#include "python/ipython.hpp"

namespace nbloop::convert::package {

using analysis::Model;

void Planner::read_markdown_and_directives() {
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

void Planner::parse_cells() {
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

void Planner::analyse() {
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

void Planner::classify() {
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

void Planner::note_capture(const CodeCell& cc, uint32_t off, const std::string& text) {
  m_subprocess.insert(cc.module);
  auto [line, column] = cc.unit.position(off);
  m_plan.warn(cc.cell->index, line, column,
              "IPython `" + text +
                  "` runs as subprocess.getoutput(...).splitlines() (the shell's output lines); check the "
                  "command works outside the notebook");
}

void Planner::add_requirements(const CodeCell& cc, uint32_t off, const EscapeInfo& info) {
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

void Planner::classify_statement(CodeCell& cc, Stmt& s) {
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

void Planner::place_statements(CodeCell& cc) {
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

}  // namespace nbloop::convert::package
