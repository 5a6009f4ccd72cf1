// NB501–NB506, S105, S106, S107: credentials in source text, in notebook outputs, and string
// literals bound to password-like or API-key-like names. Messages never echo a secret.
#include <tree_sitter/api.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <set>

#include "lint/rules/rules.hpp"
#include "lint/rules/secret_patterns.hpp"

namespace nbloop::lint::rules {
namespace {

using secrets::Family;

// The credentials in every source text of the file (the .py, or each cell of a notebook,
// Markdown and raw too), scanned once for the three rules that report them.
using SourceMatches = std::vector<std::vector<secrets::Match>>;

const SourceMatches& source_matches(RuleContext& ctx) {
  return ctx.shared<SourceMatches>("secrets.sources", [&] {
    SourceMatches out;
    if (!ctx.notebook()) {
      for (const auto& u : ctx.units()) {
        out.push_back(secrets::scan(u.unit->original));
      }
    } else {
      for (const auto& c : ctx.facts().cells) {
        out.push_back(secrets::scan(c.source.text));
      }
    }
    return out;
  });
}

// Reports each match of `family` in the sources.
void scan_sources(RuleContext& ctx, Family family, const char* advice) {
  const SourceMatches& all = source_matches(ctx);
  for (uint32_t i = 0; i < all.size(); ++i) {
    for (const auto& m : all[i]) {
      if (m.family != family) {
        continue;
      }
      std::string message = m.kind + " `" + m.masked + "` in source; " + advice;
      if (ctx.notebook()) {
        ctx.report_cell(i, m.start, m.end, std::move(message));
      } else {
        ctx.report_text(i, m.start, m.end, std::move(message));
      }
    }
  }
}

// --- string literals bound to names (S105, S106, S107, NB505, NB506) ---

struct Grammar {
  TSSymbol string = RuleContext::symbol("string");
  TSSymbol string_start = RuleContext::symbol("string_start");
  TSSymbol string_end = RuleContext::symbol("string_end");
  TSSymbol interpolation = RuleContext::symbol("interpolation");
  TSSymbol identifier = RuleContext::symbol("identifier");
  TSSymbol attribute = RuleContext::symbol("attribute");
  TSSymbol subscript = RuleContext::symbol("subscript");
  TSSymbol assignment = RuleContext::symbol("assignment");
  TSSymbol keyword_argument = RuleContext::symbol("keyword_argument");
  TSSymbol default_parameter = RuleContext::symbol("default_parameter");
  TSSymbol typed_default_parameter = RuleContext::symbol("typed_default_parameter");
  TSSymbol comparison_operator = RuleContext::symbol("comparison_operator");
  TSSymbol pair = RuleContext::symbol("pair");
};

const Grammar& grammar() {
  static const Grammar g;
  return g;
}

// Named children by position: tree-sitter's field lookup costs far more than these rules'
// other work, and the nodes read here have a fixed shape.
TSNode first_named(TSNode n) { return ts_node_named_child(n, 0); }
TSNode last_named(TSNode n) {
  uint32_t count = ts_node_named_child_count(n);
  return count == 0 ? TSNode{} : ts_node_named_child(n, count - 1);
}
bool is_string(TSNode n) { return !ts_node_is_null(n) && ts_node_symbol(n) == grammar().string; }

// The value of `x = v` / `x: T = v` (not of `x: T`): the node after the `=` token. Children
// are read forward (ts_node_prev_sibling walks down from the root, far too slow here).
TSNode assigned_value(TSNode assignment) {
  uint32_t count = ts_node_child_count(assignment);
  for (uint32_t i = 1; i + 1 < count; ++i) {
    TSNode c = ts_node_child(assignment, i);
    if (!ts_node_is_named(c) && std::strcmp(ts_node_type(c), "=") == 0) {
      return ts_node_child(assignment, i + 1);
    }
  }
  return TSNode{};
}

// The content of a plain string literal (no f-string, no bytes), or nullopt.
std::optional<std::pair<uint32_t, uint32_t>> literal(RuleContext& ctx, uint32_t unit, TSNode n) {
  const Grammar& g = grammar();
  if (ts_node_is_null(n) || ts_node_symbol(n) != g.string) {
    return std::nullopt;
  }
  uint32_t count = ts_node_child_count(n);
  if (count < 2) {
    return std::nullopt;
  }
  TSNode first = ts_node_child(n, 0);
  TSNode last = ts_node_child(n, count - 1);
  if (ts_node_symbol(first) != g.string_start || ts_node_symbol(last) != g.string_end) {
    return std::nullopt;
  }
  for (uint32_t i = 0; i < count; ++i) {
    if (ts_node_symbol(ts_node_child(n, i)) == g.interpolation) {
      return std::nullopt;
    }
  }
  std::string_view prefix = ctx.text(unit, ts_node_start_byte(first), ts_node_end_byte(first));
  for (char c : prefix) {
    if (c == 'f' || c == 'F' || c == 'b' || c == 'B' || c == 't' || c == 'T') {
      return std::nullopt;
    }
  }
  return std::make_pair(ts_node_end_byte(first), ts_node_start_byte(last));
}

// The name a target or operand stands for: `x`, `obj.x`, `d["x"]`.
std::string target_name(RuleContext& ctx, uint32_t unit, TSNode n) {
  const Grammar& g = grammar();
  if (ts_node_is_null(n)) {
    return {};
  }
  TSSymbol s = ts_node_symbol(n);
  if (s == g.identifier) {
    return std::string(ctx.text(unit, ts_node_start_byte(n), ts_node_end_byte(n)));
  }
  if (s == g.attribute) {
    TSNode a = last_named(n);
    return ts_node_is_null(a) ? std::string() : std::string(ctx.text(unit, ts_node_start_byte(a), ts_node_end_byte(a)));
  }
  if (s == g.subscript && ts_node_named_child_count(n) == 2) {
    TSNode key = ts_node_named_child(n, 1);
    if (auto lit = literal(ctx, unit, key)) {
      return std::string(ctx.text(unit, lit->first, lit->second));
    }
  }
  return {};
}

enum class Names : uint8_t { password, api_key };

bool name_matches(Names which, std::string_view name) {
  return which == Names::password ? secrets::is_password_name(name) : secrets::is_api_key_name(name);
}

// A value worth reporting for this name.
bool secret_value(RuleContext& ctx, Names which, std::string_view name, std::string_view value) {
  if (secrets::is_placeholder(value, name)) {
    return false;
  }
  if (which == Names::password && secrets::is_token_only_name(name) && !secrets::looks_like_credential(value)) {
    return false;
  }
  // A token of a known format is NB501's (more precise) finding.
  if (ctx.enabled("NB501") && !secrets::scan(value).empty()) {
    return false;
  }
  return true;
}

enum class Context : uint8_t { assignment, argument, default_value, dict_entry };

// Reports string literals bound to matching names in the given contexts.
void bound_literals(RuleContext& ctx, Names which, std::initializer_list<Context> contexts, const char* message) {
  const Grammar& g = grammar();
  auto want = [&](Context c) { return std::find(contexts.begin(), contexts.end(), c) != contexts.end(); };
  for (uint32_t u = 0; u < ctx.units().size(); ++u) {
    std::set<uint32_t> done;
    auto check = [&](std::string_view name, TSNode value) {
      if (name.empty() || !name_matches(which, name)) {
        return;
      }
      auto lit = literal(ctx, u, value);
      if (!lit || !secret_value(ctx, which, name, ctx.text(u, lit->first, lit->second))) {
        return;
      }
      if (done.insert(ts_node_start_byte(value)).second) {
        ctx.report(u, ts_node_start_byte(value), ts_node_end_byte(value), format_message(message, "name", name));
      }
    };
    if (want(Context::assignment)) {
      for (TSNode a : ctx.nodes(u, g.assignment)) {
        TSNode right = assigned_value(a);
        if (ts_node_is_null(right) || ts_node_symbol(right) != g.string) {
          continue;
        }
        // a = b.c = d["e"] = "value": every target of the chain.
        for (TSNode cur = a; !ts_node_is_null(cur) && ts_node_symbol(cur) == g.assignment; cur = ts_node_parent(cur)) {
          check(target_name(ctx, u, first_named(cur)), right);
          TSNode parent = ts_node_parent(cur);
          if (ts_node_is_null(parent) || ts_node_symbol(parent) != g.assignment ||
              !ts_node_eq(assigned_value(parent), cur)) {
            break;
          }
        }
      }
      for (TSNode c : ctx.nodes(u, g.comparison_operator)) {
        uint32_t count = ts_node_named_child_count(c);
        for (uint32_t i = 0; i + 1 < count; ++i) {
          TSNode left = ts_node_named_child(c, i);
          TSNode right = ts_node_named_child(c, i + 1);
          check(target_name(ctx, u, left), right);
          check(target_name(ctx, u, right), left);
        }
      }
    }
    if (want(Context::argument)) {
      for (TSNode k : ctx.nodes(u, g.keyword_argument)) {
        TSNode name = first_named(k);
        TSNode value = last_named(k);
        if (!ts_node_is_null(name) && ts_node_symbol(name) == g.identifier && is_string(value)) {
          check(ctx.text(u, ts_node_start_byte(name), ts_node_end_byte(name)), value);
        }
      }
    }
    if (want(Context::default_value)) {
      for (TSSymbol s : {g.default_parameter, g.typed_default_parameter}) {
        for (TSNode p : ctx.nodes(u, s)) {
          TSNode name = first_named(p);
          TSNode value = last_named(p);
          if (!ts_node_is_null(name) && ts_node_symbol(name) == g.identifier && is_string(value)) {
            check(ctx.text(u, ts_node_start_byte(name), ts_node_end_byte(name)), value);
          }
        }
      }
    }
    if (want(Context::dict_entry)) {
      for (TSNode p : ctx.nodes(u, g.pair)) {
        TSNode value = last_named(p);
        if (!is_string(value)) {
          continue;
        }
        if (auto key = literal(ctx, u, first_named(p))) {
          check(ctx.text(u, key->first, key->second), value);
        }
      }
    }
  }
}

std::string output_label(const python::OutputFacts& o, size_t k) {
  std::string label = "output " + std::to_string(k + 1) + " (" + o.output_type;
  if (!o.name.empty()) {
    label += " " + o.name;
  }
  return label + ")";
}

}  // namespace

void secret_token(RuleContext& ctx) {
  scan_sources(ctx, Family::token, "revoke it and read it from the environment or a secrets manager");
}

void private_key_block(RuleContext& ctx) {
  scan_sources(ctx, Family::private_key, "remove the key from the file and rotate it");
}

void connection_string_password(RuleContext& ctx) {
  scan_sources(ctx, Family::connection_string, "read the password from the environment");
}

void secret_in_output(RuleContext& ctx) {
  const auto& cells = ctx.facts().cells;
  for (uint32_t i = 0; i < cells.size(); ++i) {
    for (size_t k = 0; k < cells[i].outputs.size(); ++k) {
      const auto& o = cells[i].outputs[k];
      std::set<std::string> seen;  // text/plain and text/html often show the same value
      for (const auto& m : secrets::scan(o.text.text)) {
        if (!seen.insert(m.kind + m.masked).second) {
          continue;
        }
        auto [line, col] = o.text.position(m.start);
        (void)col;
        ctx.report_output(i, static_cast<uint32_t>(k), m.start, m.end,
                          m.kind + " `" + m.masked + "` in " + output_label(o, k) + ", line " + std::to_string(line) +
                              "; clear the output (`nbloop strip`) and revoke it");
      }
    }
  }
}

void hardcoded_password_string(RuleContext& ctx) {
  bound_literals(ctx, Names::password, {Context::assignment}, "Possible hardcoded password assigned to: \"{name}\"");
}

void hardcoded_password_func_arg(RuleContext& ctx) {
  bound_literals(ctx, Names::password, {Context::argument},
                 "Possible hardcoded password assigned to argument: \"{name}\"");
}

void hardcoded_password_default(RuleContext& ctx) {
  bound_literals(ctx, Names::password, {Context::default_value},
                 "Possible hardcoded password assigned to function default: \"{name}\"");
}

void hardcoded_api_key(RuleContext& ctx) {
  bound_literals(ctx, Names::api_key,
                 {Context::assignment, Context::argument, Context::default_value, Context::dict_entry},
                 "Possible hardcoded API key assigned to `{name}`; read it from the environment");
}

void hardcoded_password_dict_entry(RuleContext& ctx) {
  bound_literals(ctx, Names::password, {Context::dict_entry},
                 "Possible hardcoded password in the dict entry \"{name}\"; read it from the environment");
}

}  // namespace nbloop::lint::rules
