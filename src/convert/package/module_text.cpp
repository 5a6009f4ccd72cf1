// Writes a module's text from the plan: docstring, grouped imports, __all__, definitions
// and constants in notebook order, main() and the command line.
#include <algorithm>

#include "convert/package/plan.hpp"

namespace nbloop::convert::package {
namespace {

// Multi-line string literals in [start, end) of a cell: their line breaks are content.
void string_ranges(TSNode n, uint32_t start, uint32_t end, std::vector<std::pair<uint32_t, uint32_t>>& out) {
  const Syntax& g = syntax();
  if (ts_node_end_byte(n) <= start || ts_node_start_byte(n) >= end) {
    return;
  }
  if (ts_node_start_point(n).row == ts_node_end_point(n).row) {
    return;
  }
  if (ts_node_symbol(n) == g.string) {
    out.emplace_back(ts_node_start_byte(n), ts_node_end_byte(n));
    return;
  }
  uint32_t count = ts_node_child_count(n);
  for (uint32_t i = 0; i < count; ++i) {
    string_ranges(ts_node_child(n, i), start, end, out);
  }
}

void rstrip_line(std::string& out) {
  while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) {
    out.pop_back();
  }
}

std::string docstring_text(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\') {
      out += "\\\\";
    } else {
      out += c;
    }
  }
  for (size_t p = out.find("\"\"\""); p != std::string::npos; p = out.find("\"\"\"", p + 2)) {
    out.replace(p, 3, "\\\"\"\"");
  }
  if (!out.empty() && out.back() == '"') {
    out.insert(out.size() - 1, "\\");
  }
  return out;
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {
      out += sep;
    }
    out += items[i];
  }
  return out;
}

// A block of output lines and what decides the blank lines around it.
struct Block {
  std::string text;  // lines, each ending in "\n"
  bool def_like = false;
  size_t cell = 0;
  bool blank_before = false;  // the source had a blank line before it in the same cell
};

// Blank lines between top-level blocks: two around definitions (PEP 8), one between
// cells, as in the source within a cell.
std::string join_blocks(const std::vector<Block>& blocks, bool top_level) {
  std::string out;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (i > 0) {
      const Block& a = blocks[i - 1];
      const Block& b = blocks[i];
      if (top_level && (a.def_like || b.def_like)) {
        out += "\n\n";
      } else if (a.cell != b.cell || b.blank_before) {
        out += "\n";
      }
    }
    out += blocks[i].text;
  }
  return out;
}

bool blank_line_between(const std::string& text, uint32_t from, uint32_t to) {
  size_t newlines = 0;
  for (uint32_t i = from; i < to && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++newlines;
    } else if (text[i] != ' ' && text[i] != '\t') {
      newlines = 0;
    }
  }
  return newlines >= 2;
}

// Headings from (last, end] worth showing before a cell's code: a heading followed by
// another of the same or a higher level before the code is dropped.
std::string heading_comments(const Plan& plan, size_t& last, size_t end, std::string_view indent) {
  std::string out;
  for (size_t i = last; i < end; ++i) {
    bool superseded = false;
    for (size_t j = i + 1; j < end; ++j) {
      superseded = superseded || plan.headings[j].level <= plan.headings[i].level;
    }
    if (!superseded) {
      out += std::string(indent) + "# " + plan.headings[i].text + "\n";
    }
  }
  last = std::max(last, end);
  return out;
}

std::string comment_lines(std::string_view text, std::string_view indent, std::string_view prefix) {
  std::string out;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t eol = text.find('\n', pos);
    std::string_view line = text.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
    std::string l(indent);
    l += '#';
    if (!line.empty()) {
      l += ' ';
      l += prefix;
      l += line;
    }
    rstrip_line(l);
    out += l + "\n";
    if (eol == std::string_view::npos) {
      break;
    }
    pos = eol + 1;
  }
  return out;
}

struct Param {
  std::string name;
  std::string value;
  LiteralKind kind = LiteralKind::not_literal;
  std::string help;
};

std::vector<Param> main_params(Plan& plan, const ModulePlan& m) {
  const Syntax& g = syntax();
  std::vector<Param> out;
  for (size_t packed : m.params) {
    const CodeCell& cc = plan.cells[packed >> 20];
    const Stmt& s = cc.stmts[packed & ((1U << 20) - 1)];
    TSNode n = ts_node_named_child(s.node, 0);
    TSNode value{};
    while (!ts_node_is_null(n) && ts_node_symbol(n) == g.assignment) {
      value = ts_node_child_by_field_id(n, g.f_right);
      n = value;
    }
    std::string help;
    std::string_view tail =
        std::string_view(cc.unit.original).substr(ts_node_end_byte(value), s.end - ts_node_end_byte(value));
    if (size_t hash = tail.find('#'); hash != std::string_view::npos) {
      std::string_view h = tail.substr(hash + 1);
      while (!h.empty() && h.front() == ' ') {
        h.remove_prefix(1);
      }
      help = std::string(h);
    }
    for (const std::string& name : s.names) {
      auto existing = std::find_if(out.begin(), out.end(), [&](const Param& p) { return p.name == name; });
      Param p{name, std::string(node_text(value, cc.unit.original)), literal_kind(value), help};
      if (existing != out.end()) {
        *existing = p;
      } else {
        out.push_back(p);
      }
    }
  }
  return out;
}

std::string annotation(LiteralKind k) {
  switch (k) {
    case LiteralKind::boolean:
      return "bool";
    case LiteralKind::integer:
      return "int";
    case LiteralKind::floating:
      return "float";
    case LiteralKind::string:
      return "str";
    default:
      return "";
  }
}

std::string signature_line(const std::string& head, const std::vector<std::string>& params, const std::string& tail,
                           int line_length) {
  std::string one = head + "(" + join(params, ", ") + ")" + tail;
  if (static_cast<int>(one.size()) <= line_length || params.empty()) {
    return one + "\n";
  }
  std::string out = head + "(\n";
  for (const auto& p : params) {
    out += "    " + p + ",\n";
  }
  return out + ")" + tail + "\n";
}

}  // namespace

std::string statement_text(const CodeCell& cell, uint32_t start, uint32_t end, std::string_view indent) {
  const std::string& src = cell.unit.original;
  end = std::min<uint32_t>(end, static_cast<uint32_t>(src.size()));
  std::vector<std::pair<uint32_t, uint32_t>> strings;
  if (cell.tree && std::string_view(src).substr(start, end - start).find('\n') != std::string_view::npos) {
    string_ranges(ts_tree_root_node(cell.tree.get()), start, end, strings);
  }
  auto in_string = [&](uint32_t p) {
    return std::any_of(strings.begin(), strings.end(), [&](const auto& r) { return r.first < p && p < r.second; });
  };
  auto edit = std::lower_bound(cell.edits.begin(), cell.edits.end(), start,
                               [](const Edit& e, uint32_t s) { return e.start < s; });
  std::string out;
  bool line_start = true;
  uint32_t i = start;
  while (i < end) {
    if (edit != cell.edits.end() && edit->start == i) {
      if (line_start) {
        out += indent;
        line_start = false;
      }
      out += edit->text;
      i = std::max(i, edit->end);
      ++edit;
      continue;
    }
    char c = src[i++];
    if (c == '\n') {
      if (!in_string(i - 1)) {
        rstrip_line(out);
        line_start = true;
      }
      out += '\n';
      continue;
    }
    if (line_start) {
      line_start = false;
      if (!in_string(i - 1)) {
        out += indent;
      }
    }
    out += c;
  }
  rstrip_line(out);
  // Lines made only of the indent (blank lines) lose it.
  std::string cleaned;
  size_t pos = 0;
  while (pos < out.size()) {
    size_t eol = out.find('\n', pos);
    std::string_view line = std::string_view(out).substr(pos, eol == std::string::npos ? std::string::npos : eol - pos);
    if (line == indent) {
      line = {};
    }
    cleaned += line;
    if (eol == std::string::npos) {
      break;
    }
    cleaned += '\n';
    pos = eol + 1;
  }
  return cleaned + "\n";
}

std::string module_source(Plan& plan, ModulePlan& m) {
  const GenerateOptions& o = plan.options;
  std::string out;
  // Docstring.
  std::string title =
      plan.title.empty() ? "Code from " + (o.notebook_path.empty() ? m.name : o.notebook_path) + "." : plan.title;
  if (plan.summary.empty()) {
    out += "\"\"\"" + docstring_text(title) + "\"\"\"\n";
  } else {
    out += "\"\"\"" + docstring_text(title) + "\n\n" + docstring_text(plan.summary) + "\n\"\"\"\n";
  }
  std::vector<Param> params = main_params(plan, m);
  bool cli = std::any_of(params.begin(), params.end(), [](const Param& p) {
    return p.kind != LiteralKind::container && p.kind != LiteralKind::not_literal;
  });
  // Imports.
  std::vector<ImportPiece> pieces = m.imports;
  auto add = [&](std::string module, std::string name) {
    pieces.push_back(plain_import(std::move(module), std::move(name)));
  };
  if (cli) {
    add("argparse", "");
  }
  if (m.async_main) {
    add("asyncio", "");
  }
  if (m.uses_subprocess) {
    add("subprocess", "");
  }
  if (m.ipython_names.contains("display")) {
    add("IPython.display", "display");
  }
  if (m.ipython_names.contains("get_ipython")) {
    add("IPython", "get_ipython");
  }
  for (const std::string& c : m.local_imports) {
    size_t colon = c.find(':');
    std::string module = c.substr(0, colon);
    add(o.package.empty() ? module : o.package + "." + module, c.substr(colon + 1));
  }
  std::string imports = render_imports(pieces, o.package, o.line_length);
  std::vector<Block> blocks;
  size_t last_heading = 0;
  if (!imports.empty()) {
    out += "\n" + imports;
  }
  for (size_t ci = 0; ci < plan.cells.size(); ++ci) {
    const CodeCell& cc = plan.cells[ci];
    if (cc.role != Role::module || cc.module != m.name) {
      continue;
    }
    for (const Stmt& s : cc.stmts) {
      if (s.place == Place::module_level && s.kind == StmtKind::import_block) {
        out += '\n';
        out += statement_text(cc, s.start, s.end, "");
      }
    }
  }
  if (!m.exports.empty()) {
    std::vector<std::string> quoted;
    for (const auto& e : m.exports) {
      quoted.push_back("\"" + e + "\"");
    }
    std::string line = "__all__ = [" + join(quoted, ", ") + "]";
    out += "\n";
    if (static_cast<int>(line.size()) <= o.line_length) {
      out += line + "\n";
    } else {
      out += "__all__ = [\n";
      for (const auto& q : quoted) {
        out += "    " + q + ",\n";
      }
      out += "]\n";
    }
  }
  // Definitions and constants.
  for (size_t ci = 0; ci < plan.cells.size(); ++ci) {
    const CodeCell& cc = plan.cells[ci];
    if (cc.role != Role::module || cc.module != m.name) {
      continue;
    }
    uint32_t prev_end = 0;
    bool first_in_cell = true;
    for (const Stmt& s : cc.stmts) {
      if (s.place != Place::module_level || s.kind == StmtKind::import_block) {
        continue;
      }
      Block b;
      b.cell = ci;
      b.def_like = s.kind == StmtKind::definition;
      b.blank_before = !first_in_cell && blank_line_between(cc.unit.original, prev_end, s.start);
      if (first_in_cell) {
        b.text = heading_comments(plan, last_heading, cc.headings_end, "");
      }
      b.text += statement_text(cc, s.start, s.end, "");
      prev_end = s.end;
      first_in_cell = false;
      blocks.push_back(std::move(b));
    }
  }
  if (!blocks.empty()) {
    out += blocks.front().def_like ? "\n\n" : "\n";
    out += join_blocks(blocks, true);
  }
  // main().
  if (m.has_main) {
    std::vector<std::string> sig;
    for (const Param& p : params) {
      std::string a = annotation(p.kind);
      sig.push_back(p.name + (a.empty() ? "=" : ": " + a + " = ") + p.value);
    }
    out += "\n\n";
    out += signature_line(std::string(m.async_main ? "async def " : "def ") + m.main_name, sig,
                          " -> None:", o.line_length);
    out += "    \"\"\"Runs the notebook's top-level code, in order.\"\"\"\n";
    // `global` takes no parentheses: long lists go on several lines. It is there on
    // purpose (PLW0603 reports it): say why, in the module itself.
    if (!m.globals.empty()) {
      out +=
          "    # Notebook globals: main() sets these module-level names, as the notebook did, for\n"
          "    # code that reads or rebinds them outside main() (nb2py's warnings name each cell).\n";
    }
    std::string line;
    for (const std::string& name : m.globals) {
      if (!line.empty() && static_cast<int>(line.size() + 2 + name.size()) > o.line_length) {
        out += line + "\n";
        line.clear();
      }
      line += line.empty() ? "    global " + name : ", " + name;
    }
    if (!line.empty()) {
      out += line + "\n";
    }
    std::vector<Block> body;
    size_t main_heading = 0;
    for (size_t ci = 0; ci < plan.cells.size(); ++ci) {
      const CodeCell& cc = plan.cells[ci];
      if (cc.role != Role::module || cc.module != m.name) {
        continue;
      }
      uint32_t prev_end = 0;
      bool first_in_cell = true;
      for (const Stmt& s : cc.stmts) {
        if ((s.place != Place::main && !s.also_in_main) || s.kind == StmtKind::parameter) {
          continue;
        }
        Block b;
        b.cell = ci;
        b.blank_before = !first_in_cell && blank_line_between(cc.unit.original, prev_end, s.start);
        if (first_in_cell) {
          b.text = heading_comments(plan, main_heading, cc.headings_end, "    ");
        }
        if (cc.foreign) {
          b.text += "    # `%%" + cc.foreign_magic + "` cell, not converted:\n";
          b.text += comment_lines(std::string_view(cc.unit.original).substr(s.start, s.end - s.start), "    ", "");
        } else if (s.kind == StmtKind::escape) {
          if (s.start < s.node_start) {
            b.text += statement_text(cc, s.start, s.node_start, "    ");
            if (b.text.ends_with("\n\n")) {
              b.text.pop_back();
            }
          }
          b.text += s.escape.kind == EscapeKind::capture ? "    " + s.escape.python + "\n"
                                                         : "    # IPython, not run: " + s.escape_text + "\n";
        } else {
          b.text += statement_text(cc, s.start, s.end, "    ");
        }
        prev_end = s.end;
        first_in_cell = false;
        body.push_back(std::move(b));
      }
    }
    out += join_blocks(body, false);
  }
  // Command line.
  if (m.has_main) {
    std::string call = m.main_name + (cli ? "(**vars(_parse_args()))" : "()");
    if (m.async_main) {
      call = "asyncio.run(" + call + ")";
    }
    if (cli) {
      out += "\n\ndef _parse_args() -> argparse.Namespace:\n";
      out += "    parser = argparse.ArgumentParser(" +
             (plan.title.empty() ? std::string() : "description=" + python_string(plan.title)) + ")\n";
      for (const Param& p : params) {
        if (p.kind == LiteralKind::container || p.kind == LiteralKind::not_literal) {
          continue;
        }
        std::string flag = p.name;
        std::transform(flag.begin(), flag.end(), flag.begin(),
                       [](unsigned char c) { return c == '_' ? '-' : static_cast<char>(std::tolower(c)); });
        while (flag.starts_with("-")) {
          flag.erase(0, 1);
        }
        bool dest = flag != p.name;
        std::string args;
        if (p.kind == LiteralKind::boolean) {
          bool on = p.value == "True";
          args = python_string(on ? "--no-" + flag : "--" + flag) +
                 (on || dest ? ", dest=" + python_string(p.name) : std::string()) +
                 ", action=" + python_string(on ? "store_false" : "store_true");
        } else {
          args = python_string("--" + flag) + (dest ? ", dest=" + python_string(p.name) : std::string());
          std::string type = annotation(p.kind);
          if (!type.empty() && type != "str") {
            args += ", type=" + type;
          }
          args += ", default=" + p.value;
        }
        if (!p.help.empty()) {
          args += ", help=" + python_string(p.help);
        }
        out += "    parser.add_argument(" + args + ")\n";
      }
      out += "    return parser.parse_args()\n";
    }
    out += "\n\nif __name__ == \"__main__\":\n    " + call + "\n";
  }
  return out;
}

}  // namespace nbloop::convert::package
