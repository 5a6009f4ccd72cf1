#include "lint/rules/qualified.hpp"

#include <cstring>
#include <vector>

#include "python/parser.hpp"

namespace nbloop::lint::rules {
namespace {

TSFieldId field_id(const char* name) {
  return ts_language_field_id_for_name(python::language(), name, static_cast<uint32_t>(std::strlen(name)));
}

struct Grammar {
  TSSymbol identifier = RuleContext::symbol("identifier");
  TSSymbol attribute = RuleContext::symbol("attribute");
  TSSymbol keyword_argument = RuleContext::symbol("keyword_argument");
  TSSymbol list_splat = RuleContext::symbol("list_splat");
  TSSymbol dictionary_splat = RuleContext::symbol("dictionary_splat");
  TSSymbol comment = RuleContext::symbol("comment");
  TSSymbol if_statement = RuleContext::symbol("if_statement");
  TSSymbol comparison_operator = RuleContext::symbol("comparison_operator");
  TSSymbol string = RuleContext::symbol("string");
  TSSymbol parenthesized_expression = RuleContext::symbol("parenthesized_expression");
  TSFieldId f_object = field_id("object");
  TSFieldId f_attribute = field_id("attribute");
  TSFieldId f_arguments = field_id("arguments");
  TSFieldId f_name = field_id("name");
  TSFieldId f_condition = field_id("condition");
  TSFieldId f_consequence = field_id("consequence");
};

const Grammar& grammar() {
  static const Grammar g;
  return g;
}

std::string_view string_value(std::string_view literal) {
  size_t q = literal.find_first_of("'\"");
  if (q == std::string_view::npos) {
    return {};
  }
  std::string_view rest = literal.substr(q);
  size_t quote = rest.size() >= 6 && (rest.starts_with("'''") || rest.starts_with("\"\"\"")) ? 3 : 1;
  if (rest.size() < 2 * quote) {
    return {};
  }
  return rest.substr(quote, rest.size() - 2 * quote);
}

}  // namespace

std::string_view node_text(RuleContext& ctx, uint32_t unit, TSNode n) {
  return ctx.text(unit, ts_node_start_byte(n), ts_node_end_byte(n));
}

QualifiedName qualified_name(RuleContext& ctx, uint32_t unit, TSNode expr) {
  const Grammar& g = grammar();
  std::vector<std::string_view> attributes;  // innermost last
  TSNode n = expr;
  while (ts_node_symbol(n) == g.attribute) {
    TSNode attr = ts_node_child_by_field_id(n, g.f_attribute);
    if (ts_node_is_null(attr)) {
      return {};
    }
    attributes.push_back(node_text(ctx, unit, attr));
    n = ts_node_child_by_field_id(n, g.f_object);
    if (ts_node_is_null(n)) {
      return {};
    }
  }
  if (ts_node_symbol(n) != g.identifier) {
    return {};
  }
  std::string suffix;
  for (auto it = attributes.rbegin(); it != attributes.rend(); ++it) {
    suffix += '.';
    suffix.append(*it);
  }
  std::string base(node_text(ctx, unit, n));
  const analysis::Model& model = ctx.model();
  auto it = model.references.find((static_cast<uint64_t>(unit) << 32) | ts_node_start_byte(n));
  if (it == model.references.end()) {
    return {base + suffix, Origin::local};
  }
  if (it->second == analysis::Model::k_builtin) {
    return {base + suffix, Origin::builtin};
  }
  if (it->second < 0) {
    return {base + suffix, Origin::unresolved};
  }
  const analysis::Binding& b = model.bindings[static_cast<size_t>(it->second)];
  switch (b.kind) {
    case analysis::BindingKind::import:
    case analysis::BindingKind::from_import:
      return {b.qualified + suffix, Origin::import};
    case analysis::BindingKind::submodule_import:
      return {b.name + suffix, Origin::import};
    default:
      return {base + suffix, Origin::local};
  }
}

TSNode keyword_argument(RuleContext& ctx, uint32_t unit, TSNode call, std::string_view keyword) {
  const Grammar& g = grammar();
  TSNode args = ts_node_child_by_field_id(call, g.f_arguments);
  if (!ts_node_is_null(args)) {
    uint32_t count = ts_node_named_child_count(args);
    for (uint32_t i = 0; i < count; ++i) {
      TSNode a = ts_node_named_child(args, i);
      if (ts_node_symbol(a) != g.keyword_argument) {
        continue;
      }
      TSNode name = ts_node_child_by_field_id(a, g.f_name);
      if (!ts_node_is_null(name) && node_text(ctx, unit, name) == keyword) {
        return a;
      }
    }
  }
  return TSNode{};
}

ArgumentShape argument_shape(TSNode call) {
  const Grammar& g = grammar();
  ArgumentShape shape;
  TSNode args = ts_node_child_by_field_id(call, g.f_arguments);
  if (ts_node_is_null(args)) {
    return shape;
  }
  uint32_t count = ts_node_named_child_count(args);
  for (uint32_t i = 0; i < count; ++i) {
    TSSymbol s = ts_node_symbol(ts_node_named_child(args, i));
    if (s == g.list_splat || s == g.dictionary_splat) {
      shape.splat = true;
    } else if (s != g.keyword_argument && s != g.comment) {
      ++shape.positional;
    }
  }
  return shape;
}

bool is_main_guard_condition(RuleContext& ctx, uint32_t unit, TSNode cond) {
  const Grammar& g = grammar();
  while (ts_node_symbol(cond) == g.parenthesized_expression && ts_node_named_child_count(cond) == 1) {
    cond = ts_node_named_child(cond, 0);
  }
  if (ts_node_symbol(cond) != g.comparison_operator || ts_node_named_child_count(cond) != 2) {
    return false;
  }
  TSNode a = ts_node_named_child(cond, 0);
  TSNode b = ts_node_named_child(cond, 1);
  std::string_view op = node_text(ctx, unit, ts_node_child(cond, 1));
  if (op != "==") {
    return false;
  }
  auto is_name = [&](TSNode n) { return ts_node_symbol(n) == g.identifier && node_text(ctx, unit, n) == "__name__"; };
  auto is_main = [&](TSNode n) {
    return ts_node_symbol(n) == g.string && string_value(node_text(ctx, unit, n)) == "__main__";
  };
  return (is_name(a) && is_main(b)) || (is_main(a) && is_name(b));
}

bool under_main_guard(RuleContext& ctx, uint32_t unit, TSNode node) {
  const Grammar& g = grammar();
  TSNode child = node;
  for (TSNode p = ts_node_parent(node); !ts_node_is_null(p); child = p, p = ts_node_parent(p)) {
    if (ts_node_symbol(p) == g.if_statement) {
      TSNode consequence = ts_node_child_by_field_id(p, g.f_consequence);
      if (ts_node_eq(consequence, child) &&
          is_main_guard_condition(ctx, unit, ts_node_child_by_field_id(p, g.f_condition))) {
        return true;
      }
    }
  }
  return false;
}

std::string backticked(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '`';
  out.append(text);
  out += '`';
  return out;
}

std::string shorten(std::string_view text) {
  size_t eol = text.find_first_of("\r\n");
  std::string_view line = text.substr(0, eol);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\\')) {
    line.remove_suffix(1);
  }
  if (line.size() <= 60) {
    return std::string(line);
  }
  size_t cut = 57;
  while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) {
    --cut;  // never split a UTF-8 sequence
  }
  return std::string(line.substr(0, cut)) + "...";
}

}  // namespace nbloop::lint::rules
