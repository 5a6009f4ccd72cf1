// E402, E711, E712, E721, E999: statement order, comparisons and syntax errors.
#include <tree_sitter/api.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "lint/rules/rules.hpp"

namespace nbloop::lint::rules {
namespace {

std::string_view node_text(RuleContext& ctx, uint32_t unit, TSNode n) {
  return ctx.text(unit, ts_node_start_byte(n), ts_node_end_byte(n));
}

// One `left OP right` step of a (possibly chained) comparison.
struct Comparison {
  TSNode left;
  std::string op;
  TSNode right;
};

std::vector<Comparison> comparisons(RuleContext& ctx, uint32_t unit, TSNode cmp) {
  std::vector<TSNode> operands;
  std::vector<std::string> ops;
  uint32_t n = ts_node_child_count(cmp);
  std::string pending;
  for (uint32_t i = 0; i < n; ++i) {
    TSNode c = ts_node_child(cmp, i);
    if (ts_node_is_named(c) && std::strcmp(ts_node_type(c), "comment") != 0) {
      operands.push_back(c);
      if (operands.size() > 1) {
        ops.push_back(pending);
      }
      pending.clear();
    } else if (!ts_node_is_named(c)) {
      if (!pending.empty()) {
        pending += ' ';
      }
      pending += node_text(ctx, unit, c);
    }
  }
  std::vector<Comparison> out;
  for (size_t i = 0; i + 1 < operands.size() && i < ops.size(); ++i) {
    out.push_back(Comparison{operands[i], ops[i], operands[i + 1]});
  }
  return out;
}

bool is_type_name(std::string_view t) {
  static constexpr std::array<std::string_view, 26> k_types = {
      "bool",   "bytearray", "bytes",    "classmethod", "complex", "dict",     "enumerate", "filter", "float",
      "frozenset", "int",    "list",     "map",         "memoryview", "object", "property", "range", "reversed",
      "set",    "slice",     "staticmethod", "str",     "super",   "tuple",    "type",     "zip"};
  return std::find(k_types.begin(), k_types.end(), t) != k_types.end();
}

}  // namespace

void syntax_error(RuleContext& ctx) {
  static const TSSymbol print_statement = RuleContext::symbol("print_statement");
  static const TSSymbol exec_statement = RuleContext::symbol("exec_statement");
  for (uint32_t u = 0; u < ctx.units().size(); ++u) {
    const ParsedUnit& pu = ctx.units()[u];
    TSNode root = ts_tree_root_node(pu.tree.get());
    if (ts_node_has_error(root)) {
      // The first ERROR or MISSING node in document order.
      TSTreeCursor c = ts_tree_cursor_new(root);
      TSNode found = root;
      bool more = true;
      while (more) {
        TSNode n = ts_tree_cursor_current_node(&c);
        if (ts_node_is_error(n) || ts_node_is_missing(n)) {
          found = n;
          break;
        }
        if (ts_node_has_error(n) && ts_tree_cursor_goto_first_child(&c)) {
          continue;
        }
        while (!ts_tree_cursor_goto_next_sibling(&c)) {
          if (!ts_tree_cursor_goto_parent(&c)) {
            more = false;
            break;
          }
        }
      }
      ts_tree_cursor_delete(&c);
      std::string message;
      uint32_t start = ts_node_start_byte(found);
      uint32_t end = ts_node_end_byte(found);
      if (ts_node_is_missing(found)) {
        message = "SyntaxError: Expected `" + std::string(ts_node_type(found)) + "`";
      } else {
        // Point at the first token the parser could not place.
        TSNode first = found;
        while (ts_node_child_count(first) > 0) {
          first = ts_node_child(first, 0);
        }
        std::string_view tok = node_text(ctx, u, first);
        start = ts_node_start_byte(first);
        end = ts_node_end_byte(first);
        if (tok.empty() || tok.find('\n') != std::string_view::npos || tok.size() > 40) {
          message = "SyntaxError: invalid syntax";
        } else {
          message = "SyntaxError: unexpected `" + std::string(tok) + "`";
        }
      }
      ctx.report(u, start, end, std::move(message));
      continue;
    }
    for (TSNode n : ctx.nodes(u, print_statement)) {
      ctx.report(u, ts_node_start_byte(n), ts_node_end_byte(n),
                 "SyntaxError: Missing parentheses in call to 'print' (Python 2 syntax)");
      break;
    }
    for (TSNode n : ctx.nodes(u, exec_statement)) {
      ctx.report(u, ts_node_start_byte(n), ts_node_end_byte(n), "SyntaxError: `exec` statement (Python 2 syntax)");
      break;
    }
  }
}

void module_import_not_at_top(RuleContext& ctx) {
  static const TSSymbol import_statement = RuleContext::symbol("import_statement");
  static const TSSymbol import_from = RuleContext::symbol("import_from_statement");
  static const TSSymbol future_import = RuleContext::symbol("future_import_statement");
  static const TSSymbol expression_statement = RuleContext::symbol("expression_statement");
  static const TSSymbol string = RuleContext::symbol("string");
  static const TSSymbol assignment = RuleContext::symbol("assignment");
  static const TSSymbol comment = RuleContext::symbol("comment");
  static const std::array<TSSymbol, 4> k_blocks = {RuleContext::symbol("if_statement"), RuleContext::symbol("try_statement"),
                                                   RuleContext::symbol("with_statement"), RuleContext::symbol("match_statement")};
  const char* message = ctx.notebook() ? "Module level import not at top of cell" : "Module level import not at top of file";
  for (uint32_t u = 0; u < ctx.units().size(); ++u) {
    const ParsedUnit& pu = ctx.units()[u];
    TSNode root = ts_tree_root_node(pu.tree.get());
    bool boundary = false;
    bool first = true;
    uint32_t n = ts_node_named_child_count(root);
    for (uint32_t i = 0; i < n; ++i) {
      TSNode st = ts_node_named_child(root, i);
      TSSymbol s = ts_node_symbol(st);
      if (s == comment) {
        continue;
      }
      bool was_first = first;
      first = false;
      if (s == import_statement || s == import_from || s == future_import) {
        if (boundary) {
          ctx.report(u, ts_node_start_byte(st), ts_node_end_byte(st), message);
        }
        continue;
      }
      if (pu.unit->is_escape(ts_node_start_byte(st))) {
        continue;  // IPython magics and shell escapes
      }
      if (std::find(k_blocks.begin(), k_blocks.end(), s) != k_blocks.end()) {
        continue;  // imports nested in if/try/with/match blocks are not at top level
      }
      std::string_view t = node_text(ctx, u, st);
      if (s == expression_statement) {
        TSNode e = ts_node_named_child(st, 0);
        if (was_first && ts_node_symbol(e) == string) {
          continue;  // the docstring
        }
        if (ts_node_symbol(e) == assignment) {
          TSNode left = ts_node_child_by_field_name(e, "left", 4);
          std::string_view name = node_text(ctx, u, left);
          if (name.size() > 4 && name.starts_with("__") && name.ends_with("__") &&
              name.find_first_of(".[, ") == std::string_view::npos) {
            continue;  // __all__ = …, __author__ = …
          }
          if (name.starts_with("os.environ[")) {
            continue;
          }
        }
        if (t.starts_with("sys.path.") || t.starts_with("os.environ") || t.starts_with("matplotlib.use(") ||
            t.starts_with("mpl.use(") || t.starts_with("pytest.importorskip(") || t.starts_with("site.addsitedir(")) {
          continue;
        }
      }
      boundary = true;
    }
  }
}

void none_comparison(RuleContext& ctx) {
  static const TSSymbol cmp = RuleContext::symbol("comparison_operator");
  static const TSSymbol none = RuleContext::symbol("none");
  for (uint32_t u = 0; u < ctx.units().size(); ++u) {
    for (TSNode n : ctx.nodes(u, cmp)) {
      for (const Comparison& c : comparisons(ctx, u, n)) {
        if (c.op != "==" && c.op != "!=") {
          continue;
        }
        TSNode target = ts_node_symbol(c.right) == none ? c.right : ts_node_symbol(c.left) == none ? c.left : TSNode{};
        if (ts_node_is_null(target)) {
          continue;
        }
        ctx.report(u, ts_node_start_byte(target), ts_node_end_byte(target),
                   c.op == "==" ? "Comparison to `None` should be `cond is None`"
                                : "Comparison to `None` should be `cond is not None`");
      }
    }
  }
}

void true_false_comparison(RuleContext& ctx) {
  static const TSSymbol cmp = RuleContext::symbol("comparison_operator");
  static const TSSymbol true_sym = RuleContext::symbol("true");
  static const TSSymbol false_sym = RuleContext::symbol("false");
  for (uint32_t u = 0; u < ctx.units().size(); ++u) {
    for (TSNode n : ctx.nodes(u, cmp)) {
      for (const Comparison& c : comparisons(ctx, u, n)) {
        if (c.op != "==" && c.op != "!=") {
          continue;
        }
        auto is_bool = [&](TSNode x) { return ts_node_symbol(x) == true_sym || ts_node_symbol(x) == false_sym; };
        TSNode literal = is_bool(c.right) ? c.right : is_bool(c.left) ? c.left : TSNode{};
        if (ts_node_is_null(literal)) {
          continue;
        }
        TSNode other = ts_node_eq(literal, c.right) ? c.left : c.right;
        bool is_true = ts_node_symbol(literal) == true_sym;
        bool eq = c.op == "==";
        std::string cond(node_text(ctx, u, other));
        if (cond.size() > 40 || cond.find('\n') != std::string::npos || is_bool(other)) {
          cond = "cond";
        }
        std::string message = std::string(eq ? "Avoid equality comparisons to `" : "Avoid inequality comparisons to `") +
                              (is_true ? "True" : "False") + "`; use `" + (is_true == eq ? "" : "not ") + cond +
                              ":` for " + (is_true == eq ? "truth" : "false") + " checks";
        ctx.report(u, ts_node_start_byte(c.left), ts_node_end_byte(c.right), std::move(message));
      }
    }
  }
}

void type_comparison(RuleContext& ctx) {
  static const TSSymbol cmp = RuleContext::symbol("comparison_operator");
  static const TSSymbol call = RuleContext::symbol("call");
  static const TSSymbol identifier = RuleContext::symbol("identifier");
  static const TSSymbol attribute = RuleContext::symbol("attribute");
  for (uint32_t u = 0; u < ctx.units().size(); ++u) {
    auto is_type = [&](TSNode x) {
      if (ts_node_symbol(x) == identifier) {
        return is_type_name(node_text(ctx, u, x));
      }
      if (ts_node_symbol(x) == call) {
        TSNode fn = ts_node_child_by_field_name(x, "function", 8);
        TSNode args = ts_node_child_by_field_name(x, "arguments", 9);
        return ts_node_symbol(fn) == identifier && node_text(ctx, u, fn) == "type" && !ts_node_is_null(args) &&
               ts_node_named_child_count(args) == 1;
      }
      return false;
    };
    // pandas/numpy dtypes compare with == by design: `df[c].dtype == object`, `np.dtype(x) == int`.
    auto is_dtype = [&](TSNode x) {
      if (ts_node_symbol(x) == call) {
        x = ts_node_child_by_field_name(x, "function", 8);
      }
      return ts_node_symbol(x) == attribute &&
             node_text(ctx, u, ts_node_child_by_field_name(x, "attribute", 9)) == "dtype";
    };
    for (TSNode n : ctx.nodes(u, cmp)) {
      for (const Comparison& c : comparisons(ctx, u, n)) {
        if ((c.op == "==" || c.op == "!=") && (is_type(c.left) || is_type(c.right)) && !is_dtype(c.left) &&
            !is_dtype(c.right)) {
          ctx.report(u, ts_node_start_byte(c.left), ts_node_end_byte(c.right),
                     "Use `is` and `is not` for type comparisons, or `isinstance()` for isinstance checks");
        }
      }
    }
  }
}

}  // namespace nbloop::lint::rules
