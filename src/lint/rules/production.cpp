// NB301-NB303, B018, PLW0603: what keeps notebook code from being an importable
// module: IPython syntax, work done at import time, display calls, expressions
// that do nothing, `global` updates.
#include <tree_sitter/api.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <string>

#include "lint/rules/escapes.hpp"
#include "lint/rules/qualified.hpp"
#include "lint/rules/rules.hpp"
#include "python/ipython.hpp"

namespace nbloop::lint::rules {
namespace {

TSFieldId field_id(const char* name) {
  return ts_language_field_id_for_name(python::language(), name, static_cast<uint32_t>(std::strlen(name)));
}

struct Symbols {
  TSSymbol module = RuleContext::symbol("module");
  TSSymbol call = RuleContext::symbol("call");
  TSSymbol attribute = RuleContext::symbol("attribute");
  TSSymbol identifier = RuleContext::symbol("identifier");
  TSSymbol comment = RuleContext::symbol("comment");
  TSSymbol expression_statement = RuleContext::symbol("expression_statement");
  TSSymbol assignment = RuleContext::symbol("assignment");
  TSSymbol augmented_assignment = RuleContext::symbol("augmented_assignment");
  TSSymbol yield = RuleContext::symbol("yield");
  TSSymbol string = RuleContext::symbol("string");
  TSSymbol concatenated_string = RuleContext::symbol("concatenated_string");
  TSSymbol ellipsis = RuleContext::symbol("ellipsis");
  TSSymbol comparison_operator = RuleContext::symbol("comparison_operator");
  TSSymbol parenthesized_expression = RuleContext::symbol("parenthesized_expression");
  TSSymbol await = RuleContext::symbol("await");
  TSSymbol list_comprehension = RuleContext::symbol("list_comprehension");
  TSSymbol set_comprehension = RuleContext::symbol("set_comprehension");
  TSSymbol dictionary_comprehension = RuleContext::symbol("dictionary_comprehension");
  TSSymbol generator_expression = RuleContext::symbol("generator_expression");
  TSSymbol subscript = RuleContext::symbol("subscript");
  TSSymbol binary_operator = RuleContext::symbol("binary_operator");
  TSSymbol named_expression = RuleContext::symbol("named_expression");
  TSSymbol integer = RuleContext::symbol("integer");
  TSSymbol float_ = RuleContext::symbol("float");
  TSSymbol true_ = RuleContext::symbol("true");
  TSSymbol false_ = RuleContext::symbol("false");
  TSSymbol none = RuleContext::symbol("none");
  TSSymbol list = RuleContext::symbol("list");
  TSSymbol tuple = RuleContext::symbol("tuple");
  TSSymbol set = RuleContext::symbol("set");
  TSSymbol dictionary = RuleContext::symbol("dictionary");
  TSSymbol import_statement = RuleContext::symbol("import_statement");
  TSSymbol import_from_statement = RuleContext::symbol("import_from_statement");
  TSSymbol future_import_statement = RuleContext::symbol("future_import_statement");
  TSSymbol function_definition = RuleContext::symbol("function_definition");
  TSSymbol class_definition = RuleContext::symbol("class_definition");
  TSSymbol decorated_definition = RuleContext::symbol("decorated_definition");
  TSSymbol type_alias_statement = RuleContext::symbol("type_alias_statement");
  TSSymbol pass_statement = RuleContext::symbol("pass_statement");
  TSSymbol delete_statement = RuleContext::symbol("delete_statement");
  TSSymbol assert_statement = RuleContext::symbol("assert_statement");
  TSSymbol raise_statement = RuleContext::symbol("raise_statement");
  TSSymbol global_statement = RuleContext::symbol("global_statement");
  TSSymbol nonlocal_statement = RuleContext::symbol("nonlocal_statement");
  TSSymbol if_statement = RuleContext::symbol("if_statement");
  TSSymbol elif_clause = RuleContext::symbol("elif_clause");
  TSSymbol else_clause = RuleContext::symbol("else_clause");
  TSSymbol try_statement = RuleContext::symbol("try_statement");
  TSSymbol except_clause = RuleContext::symbol("except_clause");
  TSSymbol finally_clause = RuleContext::symbol("finally_clause");
  TSSymbol block = RuleContext::symbol("block");
  TSSymbol lambda = RuleContext::symbol("lambda");
  TSSymbol for_statement = RuleContext::symbol("for_statement");
  TSSymbol for_in_clause = RuleContext::symbol("for_in_clause");
  TSSymbol with_statement = RuleContext::symbol("with_statement");
  TSSymbol as_pattern = RuleContext::symbol("as_pattern");
  TSSymbol as_pattern_target = RuleContext::symbol("as_pattern_target");
  TSSymbol pattern_list = RuleContext::symbol("pattern_list");
  TSSymbol tuple_pattern = RuleContext::symbol("tuple_pattern");
  TSSymbol list_pattern = RuleContext::symbol("list_pattern");
  TSSymbol list_splat_pattern = RuleContext::symbol("list_splat_pattern");
  TSSymbol dotted_name = RuleContext::symbol("dotted_name");
  TSSymbol aliased_import = RuleContext::symbol("aliased_import");
  TSSymbol argument_list = RuleContext::symbol("argument_list");
  TSFieldId f_function = field_id("function");
  TSFieldId f_left = field_id("left");
  TSFieldId f_right = field_id("right");
  TSFieldId f_name = field_id("name");
  TSFieldId f_alias = field_id("alias");
  TSFieldId f_condition = field_id("condition");
  TSFieldId f_consequence = field_id("consequence");
  TSFieldId f_body = field_id("body");
  TSFieldId f_alternative = field_id("alternative");
  TSFieldId f_object = field_id("object");
};

const Symbols& sym() {
  static const Symbols s;
  return s;
}

TSNode unparenthesize(TSNode n) {
  while (ts_node_symbol(n) == sym().parenthesized_expression && ts_node_named_child_count(n) == 1) {
    n = ts_node_named_child(n, 0);
  }
  return n;
}

uint32_t first_line_end(RuleContext& ctx, uint32_t u, TSNode n) {
  uint32_t start = ts_node_start_byte(n);
  uint32_t end = ts_node_end_byte(n);
  std::string_view t = ctx.text(u, start, end);
  size_t eol = t.find('\n');
  return eol == std::string_view::npos ? end : start + static_cast<uint32_t>(eol);
}

}  // namespace

// --- NB301: IPython syntax in a .py module.

void ipython_syntax_in_module(RuleContext& ctx) {
  const Symbols& s = sym();
  for (uint32_t u = 0; u < ctx.units().size(); ++u) {
    const ParsedUnit& pu = ctx.units()[u];
    if (pu.syntax_error) {
      // What IPython would have accepted: mask the module as a cell and read
      // the escapes back.
      python::MaskedSource masked = python::mask_ipython(pu.unit->original);
      python::SourceUnit probe;
      probe.original = pu.unit->original;
      probe.escape_offsets = std::move(masked.escape_offsets);
      for (const Escape& e : escapes(probe)) {
        const char* what = "IPython syntax";
        switch (e.kind) {
          case Escape::Kind::magic:
            what = "IPython magic";
            break;
          case Escape::Kind::shell:
            what = "IPython shell escape";
            break;
          case Escape::Kind::help:
            what = "IPython help syntax";
            break;
          case Escape::Kind::other:
            what = "IPython cell magic";
            break;
        }
        ctx.report(u, e.start, e.end,
                   std::string(what) + " `" + shorten(e.text) +
                       "` in a .py module: it is a syntax error outside IPython, so the module will not import");
      }
    }
    // `get_ipython()` as nbconvert writes it:
    // `get_ipython().run_line_magic(...)`.
    for (TSNode call : ctx.nodes(u, s.call)) {
      TSNode fn = ts_node_child_by_field_id(call, s.f_function);
      if (ts_node_is_null(fn) || ts_node_symbol(fn) != s.identifier || node_text(ctx, u, fn) != "get_ipython") {
        continue;
      }
      QualifiedName q = qualified_name(ctx, u, fn);
      TSNode parent = ts_node_parent(call);
      bool chained = !ts_node_is_null(parent) && ts_node_symbol(parent) == s.attribute;
      if (q.origin == Origin::unresolved || chained) {
        TSNode whole = call;
        if (chained) {
          TSNode grand = ts_node_parent(parent);
          whole = !ts_node_is_null(grand) && ts_node_symbol(grand) == s.call ? grand : parent;
        }
        ctx.report(u, ts_node_start_byte(whole), ts_node_end_byte(whole),
                   backticked(shorten(node_text(ctx, u, whole))) +
                       " needs a running IPython: outside one `get_ipython` is undefined or returns None; use plain "
                       "Python instead");
      }
    }
  }
}

// --- NB302: code that runs when the module is imported.
namespace {

bool is_io_call(const QualifiedName& q) {
  if (q.origin == Origin::builtin) {
    return q.name == "open" || q.name == "input";
  }
  if (q.origin != Origin::import) {
    return false;
  }
  static constexpr std::array<std::string_view, 9> k_prefixes = {"pandas.read_",
                                                                 "requests.",
                                                                 "subprocess.",
                                                                 "sklearn.datasets.fetch_",
                                                                 "sklearn.datasets.load_",
                                                                 "urllib.request.",
                                                                 "httpx.",
                                                                 "boto3.",
                                                                 "wandb."};
  static constexpr std::array<std::string_view, 21> k_names = {
      "numpy.load",  "numpy.loadtxt",   "numpy.genfromtxt", "numpy.fromfile", "torch.load", "pickle.load",
      "joblib.load", "json.load",       "os.system",        "os.popen",       "os.listdir", "os.makedirs",
      "os.mkdir",    "sqlite3.connect", "h5py.File",        "PIL.Image.open", "cv2.imread", "datasets.load_dataset",
      "glob.glob",   "shutil.copy",     "time.sleep"};
  for (std::string_view p : k_prefixes) {
    if (q.name.starts_with(p)) {
      return true;
    }
  }
  return std::find(k_names.begin(), k_names.end(), q.name) != k_names.end();
}

// The first call in `node`'s subtree (not inside a lambda or a nested def) that
// does I/O.
TSNode find_io_call(RuleContext& ctx, uint32_t u, TSNode node) {
  const Symbols& s = sym();
  TSSymbol sym_ = ts_node_symbol(node);
  if (sym_ == s.lambda) {
    return TSNode{};
  }
  if (sym_ == s.call) {
    TSNode fn = ts_node_child_by_field_id(node, s.f_function);
    if (!ts_node_is_null(fn) && is_io_call(qualified_name(ctx, u, fn))) {
      return node;
    }
  }
  uint32_t n = ts_node_named_child_count(node);
  for (uint32_t i = 0; i < n; ++i) {
    TSNode found = find_io_call(ctx, u, ts_node_named_child(node, i));
    if (!ts_node_is_null(found)) {
      return found;
    }
  }
  return TSNode{};
}

const char* k_import_time_advice =
    " runs when the module is imported; move it into a function (or under `if __name__ == \"__main__\":`)";

void check_top_level(RuleContext& ctx, uint32_t u, TSNode block);

void check_statement(RuleContext& ctx, uint32_t u, TSNode st) {
  const Symbols& s = sym();
  TSSymbol k = ts_node_symbol(st);
  if (k == s.decorated_definition) {
    st = ts_node_child_by_field_name(st, "definition", 10);
    k = ts_node_is_null(st) ? s.function_definition : ts_node_symbol(st);
  }
  if (k == s.class_definition) {
    check_top_level(ctx, u, ts_node_child_by_field_id(st, s.f_body));  // a class body runs at import
    return;
  }
  if (k == s.comment || k == s.import_statement || k == s.import_from_statement || k == s.future_import_statement ||
      k == s.function_definition || k == s.type_alias_statement || k == s.pass_statement || k == s.delete_statement ||
      k == s.assert_statement || k == s.raise_statement || k == s.global_statement || k == s.nonlocal_statement) {
    return;
  }
  auto report = [&](TSNode n, const std::string& what) {
    ctx.report(u, ts_node_start_byte(n), first_line_end(ctx, u, n), what + k_import_time_advice);
  };
  if (k == s.expression_statement) {
    TSNode e = ts_node_named_child(st, 0);
    TSSymbol ek = ts_node_symbol(e);
    if (ts_node_named_child_count(st) == 1 && (ek == s.string || ek == s.concatenated_string || ek == s.ellipsis)) {
      return;  // docstrings
    }
    if (ek == s.assignment || ek == s.augmented_assignment) {
      TSNode right = ts_node_child_by_field_id(e, s.f_right);
      if (ts_node_is_null(right)) {
        return;  // `x: int`
      }
      TSNode io = find_io_call(ctx, u, right);
      if (!ts_node_is_null(io)) {
        TSNode fn = ts_node_child_by_field_id(io, s.f_function);
        report(st, backticked(std::string(node_text(ctx, u, fn)) + "(...)") + " (I/O in an assignment)");
      }
      return;  // constants and configured objects are fine
    }
    e = unparenthesize(e);
    if (ts_node_symbol(e) == s.call) {
      TSNode fn = ts_node_child_by_field_id(e, s.f_function);
      report(st, backticked(std::string(shorten(node_text(ctx, u, fn))) + "(...)"));
    } else {
      report(st, backticked(shorten(node_text(ctx, u, st))) + "");
    }
    return;
  }
  if (k == s.if_statement) {
    if (is_main_guard_condition(ctx, u, ts_node_child_by_field_id(st, s.f_condition))) {
      return;
    }
    check_top_level(ctx, u, ts_node_child_by_field_id(st, s.f_consequence));
    uint32_t n = ts_node_named_child_count(st);
    for (uint32_t i = 0; i < n; ++i) {
      TSNode c = ts_node_named_child(st, i);
      if (ts_node_symbol(c) == s.elif_clause) {
        check_top_level(ctx, u, ts_node_child_by_field_id(c, s.f_consequence));
      } else if (ts_node_symbol(c) == s.else_clause) {
        check_top_level(ctx, u, ts_node_child_by_field_id(c, s.f_body));
      }
    }
    return;
  }
  if (k == s.try_statement) {
    uint32_t n = ts_node_named_child_count(st);
    for (uint32_t i = 0; i < n; ++i) {
      TSNode c = ts_node_named_child(st, i);
      TSSymbol ck = ts_node_symbol(c);
      if (ck == s.block) {
        check_top_level(ctx, u, c);
      } else if (ck == s.except_clause || ck == s.else_clause || ck == s.finally_clause) {
        uint32_t m = ts_node_named_child_count(c);
        for (uint32_t j = 0; j < m; ++j) {
          if (ts_node_symbol(ts_node_named_child(c, j)) == s.block) {
            check_top_level(ctx, u, ts_node_named_child(c, j));
          }
        }
      }
    }
    return;
  }
  // Loops, `with`, `match`, Python 2 statements: work done at import.
  report(st, backticked(shorten(node_text(ctx, u, st))) + "");
}

void check_top_level(RuleContext& ctx, uint32_t u, TSNode block) {
  if (ts_node_is_null(block)) {
    return;
  }
  uint32_t n = ts_node_named_child_count(block);
  for (uint32_t i = 0; i < n; ++i) {
    check_statement(ctx, u, ts_node_named_child(block, i));
  }
}

}  // namespace

void import_time_side_effect(RuleContext& ctx) {
  for (uint32_t u = 0; u < ctx.units().size(); ++u) {
    const ParsedUnit& pu = ctx.units()[u];
    if (pu.unit->original.starts_with("#!")) {
      continue;  // a script (shebang line): it is run, not imported
    }
    check_top_level(ctx, u, ts_tree_root_node(pu.tree.get()));
  }
}

// --- NB303: plt.show() / display() in a module.
namespace {

// True when the module's `if __name__ == "__main__":` block calls `main()`.
bool guard_calls_main(RuleContext& ctx, uint32_t u, TSNode root) {
  const Symbols& s = sym();
  for (uint32_t i = 0; i < ts_node_named_child_count(root); ++i) {
    TSNode st = ts_node_named_child(root, i);
    if (ts_node_symbol(st) != s.if_statement ||
        !is_main_guard_condition(ctx, u, ts_node_child_by_field_id(st, s.f_condition))) {
      continue;
    }
    for (TSNode call : ctx.nodes(u, s.call)) {
      TSNode fn = ts_node_child_by_field_id(call, s.f_function);
      if (!ts_node_is_null(fn) && ts_node_symbol(fn) == s.identifier && node_text(ctx, u, fn) == "main" &&
          ts_node_start_byte(call) >= ts_node_start_byte(st) && ts_node_end_byte(call) <= ts_node_end_byte(st)) {
        return true;
      }
    }
  }
  return false;
}

// True when `node` is inside the module-level `def main` (decorated or not).
bool inside_top_level_main(RuleContext& ctx, uint32_t u, TSNode node) {
  const Symbols& s = sym();
  for (TSNode p = ts_node_parent(node); !ts_node_is_null(p); p = ts_node_parent(p)) {
    if (ts_node_symbol(p) != s.function_definition) {
      continue;
    }
    TSNode up = ts_node_parent(p);
    if (!ts_node_is_null(up) && ts_node_symbol(up) == s.decorated_definition) {
      up = ts_node_parent(up);
    }
    if (!ts_node_is_null(up) && ts_node_symbol(up) == s.module) {
      TSNode name = ts_node_child_by_field_id(p, s.f_name);
      return !ts_node_is_null(name) && node_text(ctx, u, name) == "main";
    }
  }
  return false;
}

}  // namespace

void display_in_module(RuleContext& ctx) {
  const Symbols& s = sym();
  for (uint32_t u = 0; u < ctx.units().size(); ++u) {
    // The script's entry point (`def main` run by the `__main__` guard) may show its plots,
    // like the guard itself; computed on the first candidate call only.
    int entry_point = -1;
    for (TSNode call : ctx.nodes(u, s.call)) {
      TSNode fn = ts_node_child_by_field_id(call, s.f_function);
      if (ts_node_is_null(fn)) {
        continue;
      }
      TSSymbol fk = ts_node_symbol(fn);
      if (fk != s.identifier && fk != s.attribute) {
        continue;
      }
      std::string_view written = node_text(ctx, u, fn);
      if (!written.ends_with("show") && !written.ends_with("display")) {
        continue;  // cheap filter before resolving
      }
      QualifiedName q = qualified_name(ctx, u, fn);
      const char* message = nullptr;
      if (q.origin == Origin::import && q.name == "matplotlib.pyplot.show") {
        message =
            " in a module blocks until the window is closed (or does nothing without a display); return the figure and "
            "let the caller show or save it";
      } else if ((q.origin == Origin::import &&
                  (q.name == "IPython.display.display" || q.name == "IPython.core.display.display")) ||
                 (q.origin == Origin::unresolved && q.name == "display")) {
        message =
            " is IPython's notebook display: outside a notebook it prints a repr or is undefined; return the object "
            "instead";
      }
      if (message == nullptr || under_main_guard(ctx, u, call)) {
        continue;
      }
      if (entry_point < 0) {
        TSNode root = call;
        for (TSNode p = ts_node_parent(call); !ts_node_is_null(p); p = ts_node_parent(p)) {
          root = p;
        }
        entry_point = guard_calls_main(ctx, u, root) ? 1 : 0;
      }
      if (entry_point == 0 || !inside_top_level_main(ctx, u, call)) {
        ctx.report(u, ts_node_start_byte(call), ts_node_end_byte(call),
                   backticked(std::string(written) + "()") + message);
      }
    }
  }
}

// --- B018: expressions that do nothing.
namespace {

bool is_literal(TSSymbol k) {
  const Symbols& s = sym();
  return k == s.string || k == s.concatenated_string || k == s.integer || k == s.float_ || k == s.true_ ||
         k == s.false_ || k == s.none || k == s.ellipsis || k == s.list || k == s.tuple || k == s.set ||
         k == s.dictionary || k == s.list_comprehension || k == s.set_comprehension || k == s.dictionary_comprehension;
}

// ruff's `contains_effect`: calls (except an empty `list()`-like builtin
// constructor), awaits, comprehensions, subscripts, yields, walruses, and
// operators on anything but literals (they may be overloaded).
bool contains_effect(RuleContext& ctx, uint32_t u, TSNode n) {
  const Symbols& s = sym();
  TSSymbol k = ts_node_symbol(n);
  if (k == s.call) {
    TSNode fn = ts_node_child_by_field_id(n, s.f_function);
    TSNode args = ts_node_child_by_field_name(n, "arguments", 9);
    bool empty =
        !ts_node_is_null(args) && ts_node_symbol(args) == s.argument_list && ts_node_named_child_count(args) == 0;
    if (empty && !ts_node_is_null(fn) && ts_node_symbol(fn) == s.identifier) {
      std::string_view name = node_text(ctx, u, fn);
      if ((name == "set" || name == "list" || name == "tuple" || name == "dict" || name == "frozenset") &&
          qualified_name(ctx, u, fn).origin == Origin::builtin) {
        return false;
      }
    }
    return true;
  }
  if (k == s.binary_operator) {
    TSNode l = unparenthesize(ts_node_child_by_field_id(n, s.f_left));
    TSNode r = unparenthesize(ts_node_child_by_field_id(n, s.f_right));
    if (!is_literal(ts_node_symbol(l)) || !is_literal(ts_node_symbol(r))) {
      return true;
    }
  }
  if (k == s.await || k == s.list_comprehension || k == s.set_comprehension || k == s.dictionary_comprehension ||
      k == s.generator_expression || k == s.subscript || k == s.yield || k == s.named_expression) {
    return true;
  }
  uint32_t count = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < count; ++i) {
    if (contains_effect(ctx, u, ts_node_named_child(n, i))) {
      return true;
    }
  }
  return false;
}

bool last_statement_of_cell(TSNode st) {
  const Symbols& s = sym();
  TSNode parent = ts_node_parent(st);
  if (ts_node_is_null(parent) || ts_node_symbol(parent) != s.module) {
    return false;
  }
  for (TSNode next = ts_node_next_named_sibling(st); !ts_node_is_null(next); next = ts_node_next_named_sibling(next)) {
    if (ts_node_symbol(next) != s.comment) {
      return false;
    }
  }
  return true;
}

}  // namespace

void useless_expression(RuleContext& ctx) {
  const Symbols& s = sym();
  for (uint32_t u = 0; u < ctx.units().size(); ++u) {
    const python::SourceUnit& unit = *ctx.units()[u].unit;
    for (TSNode st : ctx.nodes(u, s.expression_statement)) {
      if (unit.is_escape(ts_node_start_byte(st))) {
        continue;  // a masked IPython line (its placeholder is `0`)
      }
      uint32_t count = ts_node_named_child_count(st);
      if (count == 0) {
        continue;
      }
      TSNode e = ts_node_named_child(st, 0);
      TSSymbol k = ts_node_symbol(e);
      if (k == s.assignment || k == s.augmented_assignment || k == s.yield) {
        continue;
      }
      // Jupyter shows the value of a cell's last expression.
      if (ctx.notebook() && last_statement_of_cell(st)) {
        continue;
      }
      uint32_t start = ts_node_start_byte(e);
      uint32_t end = ts_node_end_byte(ts_node_named_child(st, count - 1));
      bool effect = false;
      bool attribute = false;
      if (count > 1) {
        for (uint32_t i = 0; i < count && !effect; ++i) {
          effect = contains_effect(ctx, u, ts_node_named_child(st, i));
        }
      } else {
        TSNode inner = unparenthesize(e);
        TSSymbol ik = ts_node_symbol(inner);
        if (ik == s.comparison_operator || ik == s.string || ik == s.concatenated_string || ik == s.ellipsis) {
          continue;  // comparisons are B015's; strings may be docstrings
        }
        attribute = ik == s.attribute;
        effect = contains_effect(ctx, u, inner);
      }
      // ruff's order: no effect at all is a useless expression; an attribute read on
      // something with effects (`f().x`) is a useless attribute access.
      if (!effect) {
        ctx.report(u, start, end, "Found useless expression. Either assign it to a variable or remove it.");
      } else if (attribute) {
        ctx.report(u, start, end, "Found useless attribute access. Either assign it to a variable or remove it.");
      }
    }
  }
}

// --- PLW0603: `global` statements that rebind the name.
namespace {

void collect_targets(RuleContext& ctx, uint32_t u, TSNode n, std::vector<std::string_view>& out) {
  const Symbols& s = sym();
  TSSymbol k = ts_node_symbol(n);
  if (k == s.identifier) {
    out.push_back(node_text(ctx, u, n));
  } else if (k == s.pattern_list || k == s.tuple_pattern || k == s.list_pattern || k == s.list_splat_pattern ||
             k == s.tuple || k == s.list || k == s.parenthesized_expression || k == s.as_pattern_target) {
    uint32_t c = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < c; ++i) {
      collect_targets(ctx, u, ts_node_named_child(n, i), out);
    }
  }
}

// The names a statement subtree binds in its own scope (not in nested defs,
// classes, lambdas or comprehensions).
void collect_bindings(RuleContext& ctx, uint32_t u, TSNode n, std::vector<std::string_view>& out) {
  const Symbols& s = sym();
  TSSymbol k = ts_node_symbol(n);
  if (k == s.function_definition || k == s.class_definition) {
    TSNode name = ts_node_child_by_field_id(n, s.f_name);
    if (!ts_node_is_null(name)) {
      out.push_back(node_text(ctx, u, name));
    }
    return;
  }
  if (k == s.lambda || k == s.list_comprehension || k == s.set_comprehension || k == s.dictionary_comprehension ||
      k == s.generator_expression) {
    return;
  }
  if (k == s.assignment || k == s.augmented_assignment || k == s.for_statement) {
    collect_targets(ctx, u, ts_node_child_by_field_id(n, s.f_left), out);
  } else if (k == s.named_expression) {
    collect_targets(ctx, u, ts_node_child_by_field_id(n, s.f_name), out);
  } else if (k == s.as_pattern) {
    collect_targets(ctx, u, ts_node_child_by_field_id(n, s.f_alias), out);
  } else if (k == s.except_clause) {
    TSNode alias = ts_node_child_by_field_id(n, s.f_alias);
    if (!ts_node_is_null(alias)) {
      collect_targets(ctx, u, alias, out);
    }
  } else if (k == s.delete_statement) {
    uint32_t c = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < c; ++i) {
      collect_targets(ctx, u, ts_node_named_child(n, i), out);
    }
    return;
  } else if (k == s.import_statement || k == s.import_from_statement) {
    uint32_t c = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < c; ++i) {
      TSNode child = ts_node_named_child(n, i);
      if (!ts_node_eq(child, ts_node_child_by_field_id(n, s.f_name)) && ts_node_symbol(child) != s.aliased_import &&
          ts_node_symbol(child) != s.dotted_name) {
        continue;
      }
      if (k == s.import_from_statement && ts_node_eq(child, ts_node_child_by_field_name(n, "module_name", 11))) {
        continue;
      }
      if (ts_node_symbol(child) == s.aliased_import) {
        TSNode alias = ts_node_child_by_field_id(child, s.f_alias);
        if (!ts_node_is_null(alias)) {
          out.push_back(node_text(ctx, u, alias));
        }
      } else {
        std::string_view full = node_text(ctx, u, child);
        out.push_back(full.substr(0, full.find('.')));
      }
    }
    return;
  }
  uint32_t c = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < c; ++i) {
    collect_bindings(ctx, u, ts_node_named_child(n, i), out);
  }
}

}  // namespace

void global_statement(RuleContext& ctx) {
  const Symbols& s = sym();
  for (uint32_t u = 0; u < ctx.units().size(); ++u) {
    for (TSNode g : ctx.nodes(u, s.global_statement)) {
      TSNode scope = ts_node_parent(g);
      while (!ts_node_is_null(scope) && ts_node_symbol(scope) != s.function_definition &&
             ts_node_symbol(scope) != s.class_definition && ts_node_symbol(scope) != s.module) {
        scope = ts_node_parent(scope);
      }
      std::vector<std::string_view> bound;
      if (ts_node_is_null(scope) || ts_node_symbol(scope) == s.module) {
        // `global` at module level does nothing; ruff reports it too when the module binds
        // the name (a notebook's cells are one module).
        for (uint32_t v = 0; v < ctx.units().size(); ++v) {
          collect_bindings(ctx, v, ts_tree_root_node(ctx.units()[v].tree.get()), bound);
        }
      } else {
        collect_bindings(ctx, u, ts_node_child_by_field_id(scope, s.f_body), bound);
      }
      uint32_t c = ts_node_named_child_count(g);
      for (uint32_t i = 0; i < c; ++i) {
        TSNode name = ts_node_named_child(g, i);
        if (ts_node_symbol(name) != s.identifier) {
          continue;
        }
        std::string_view text = node_text(ctx, u, name);
        if (std::find(bound.begin(), bound.end(), text) != bound.end()) {
          ctx.report(u, ts_node_start_byte(name), ts_node_end_byte(name),
                     "Using the global statement to update `" + std::string(text) + "` is discouraged");
        }
      }
    }
  }
}

}  // namespace nbloop::lint::rules
