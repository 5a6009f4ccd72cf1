#include "convert/package/syntax.hpp"

#include <cstring>

#include "python/parser.hpp"

namespace nbloop::convert::package {
namespace {

Syntax make_syntax() {
  const TSLanguage* lang = python::language();
  auto sym = [&](const char* n, bool named = true) {
    return ts_language_symbol_for_name(lang, n, static_cast<uint32_t>(strlen(n)), named);
  };
  auto fld = [&](const char* n) { return ts_language_field_id_for_name(lang, n, static_cast<uint32_t>(strlen(n))); };
  Syntax s{};
  s.module = sym("module");
  s.comment = sym("comment");
  s.expression_statement = sym("expression_statement");
  s.import_statement = sym("import_statement");
  s.import_from_statement = sym("import_from_statement");
  s.future_import_statement = sym("future_import_statement");
  s.aliased_import = sym("aliased_import");
  s.dotted_name = sym("dotted_name");
  s.relative_import = sym("relative_import");
  s.wildcard_import = sym("wildcard_import");
  s.function_definition = sym("function_definition");
  s.class_definition = sym("class_definition");
  s.decorated_definition = sym("decorated_definition");
  s.assignment = sym("assignment");
  s.augmented_assignment = sym("augmented_assignment");
  s.identifier = sym("identifier");
  s.attribute = sym("attribute");
  s.subscript = sym("subscript");
  s.call = sym("call");
  s.argument_list = sym("argument_list");
  s.keyword_argument = sym("keyword_argument");
  s.string = sym("string");
  s.interpolation = sym("interpolation");
  s.concatenated_string = sym("concatenated_string");
  s.integer = sym("integer");
  s.float_ = sym("float");
  s.true_ = sym("true");
  s.false_ = sym("false");
  s.none = sym("none");
  s.list = sym("list");
  s.tuple = sym("tuple");
  s.set = sym("set");
  s.dictionary = sym("dictionary");
  s.pair = sym("pair");
  s.unary_operator = sym("unary_operator");
  s.parenthesized_expression = sym("parenthesized_expression");
  s.binary_operator = sym("binary_operator");
  s.comparison_operator = sym("comparison_operator");
  s.boolean_operator = sym("boolean_operator");
  s.not_operator = sym("not_operator");
  s.try_statement = sym("try_statement");
  s.except_clause = sym("except_clause");
  s.else_clause = sym("else_clause");
  s.finally_clause = sym("finally_clause");
  s.block = sym("block");
  s.pass_statement = sym("pass_statement");
  s.if_statement = sym("if_statement");
  s.lambda = sym("lambda");
  s.await_ = sym("await");
  s.parameters = sym("parameters");
  s.default_parameter = sym("default_parameter");
  s.typed_parameter = sym("typed_parameter");
  s.typed_default_parameter = sym("typed_default_parameter");
  s.list_splat_pattern = sym("list_splat_pattern");
  s.dictionary_splat_pattern = sym("dictionary_splat_pattern");
  s.keyword_separator = sym("keyword_separator");
  s.positional_separator = sym("positional_separator");
  s.type = sym("type");
  s.pattern_list = sym("pattern_list");
  s.tuple_pattern = sym("tuple_pattern");
  s.expression_list = sym("expression_list");
  s.string_content = sym("string_content");
  s.escape_sequence = sym("escape_sequence");
  s.string_start = sym("string_start");
  s.string_end = sym("string_end");
  s.print_statement = sym("print_statement");
  s.exec_statement = sym("exec_statement");
  s.delete_statement = sym("delete_statement");
  s.f_name = fld("name");
  s.f_alias = fld("alias");
  s.f_module_name = fld("module_name");
  s.f_body = fld("body");
  s.f_left = fld("left");
  s.f_right = fld("right");
  s.f_type = fld("type");
  s.f_value = fld("value");
  s.f_function = fld("function");
  s.f_arguments = fld("arguments");
  s.f_object = fld("object");
  s.f_attribute = fld("attribute");
  s.f_definition = fld("definition");
  s.f_parameters = fld("parameters");
  s.f_key = fld("key");
  s.f_argument = fld("argument");
  s.f_superclasses = fld("superclasses");
  return s;
}

bool all_named_children_literal(TSNode n) {
  uint32_t count = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < count; ++i) {
    TSNode c = ts_node_named_child(n, i);
    if (ts_node_symbol(c) == syntax().comment) {
      continue;
    }
    if (literal_kind(c) == LiteralKind::not_literal) {
      return false;
    }
  }
  return true;
}

}  // namespace

const Syntax& syntax() {
  static const Syntax s = make_syntax();
  return s;
}

LiteralKind literal_kind(TSNode n) {
  const Syntax& g = syntax();
  TSSymbol s = ts_node_symbol(n);
  if (s == g.integer) {
    return LiteralKind::integer;
  }
  if (s == g.float_) {
    return LiteralKind::floating;
  }
  if (s == g.true_ || s == g.false_) {
    return LiteralKind::boolean;
  }
  if (s == g.none) {
    return LiteralKind::none;
  }
  if (s == g.string) {
    uint32_t count = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < count; ++i) {
      if (ts_node_symbol(ts_node_named_child(n, i)) == g.interpolation) {
        return LiteralKind::not_literal;
      }
    }
    return LiteralKind::string;
  }
  if (s == g.concatenated_string) {
    return all_named_children_literal(n) ? LiteralKind::string : LiteralKind::not_literal;
  }
  if (s == g.unary_operator) {
    TSNode arg = ts_node_child_by_field_id(n, g.f_argument);
    LiteralKind k = ts_node_is_null(arg) ? LiteralKind::not_literal : literal_kind(arg);
    return k == LiteralKind::integer || k == LiteralKind::floating ? k : LiteralKind::not_literal;
  }
  if (s == g.parenthesized_expression) {
    return ts_node_named_child_count(n) == 1 ? literal_kind(ts_node_named_child(n, 0)) : LiteralKind::not_literal;
  }
  if (s == g.list || s == g.tuple || s == g.set || s == g.dictionary) {
    return all_named_children_literal(n) ? LiteralKind::container : LiteralKind::not_literal;
  }
  if (s == g.pair) {
    TSNode k = ts_node_child_by_field_id(n, g.f_key);
    TSNode v = ts_node_child_by_field_id(n, g.f_value);
    return !ts_node_is_null(k) && !ts_node_is_null(v) && literal_kind(k) != LiteralKind::not_literal &&
                   literal_kind(v) != LiteralKind::not_literal
               ? LiteralKind::container
               : LiteralKind::not_literal;
  }
  return LiteralKind::not_literal;
}

LiteralKind literal_kind_of_text(std::string_view text) {
  python::Tree tree = python::parse(text);
  if (!tree || python::has_error(tree.get())) {
    return LiteralKind::not_literal;
  }
  TSNode root = ts_tree_root_node(tree.get());
  if (ts_node_named_child_count(root) != 1) {
    return LiteralKind::not_literal;
  }
  TSNode stmt = ts_node_named_child(root, 0);
  if (ts_node_symbol(stmt) != syntax().expression_statement || ts_node_named_child_count(stmt) != 1) {
    return LiteralKind::not_literal;
  }
  return literal_kind(ts_node_named_child(stmt, 0));
}

bool approx_container(std::string_view text) {
  const Syntax& g = syntax();
  python::Tree tree = python::parse(text);
  if (!tree || python::has_error(tree.get())) {
    return false;
  }
  TSNode root = ts_tree_root_node(tree.get());
  if (ts_node_named_child_count(root) != 1) {
    return false;
  }
  TSNode stmt = ts_node_named_child(root, 0);
  if (ts_node_symbol(stmt) != g.expression_statement || ts_node_named_child_count(stmt) != 1) {
    return false;
  }
  TSNode e = ts_node_named_child(stmt, 0);
  TSSymbol s = ts_node_symbol(e);
  if (s != g.list && s != g.tuple && s != g.dictionary) {
    return false;
  }
  bool numbers = true;
  bool floats = false;
  uint32_t count = ts_node_named_child_count(e);
  for (uint32_t i = 0; i < count; ++i) {
    TSNode c = ts_node_named_child(e, i);
    if (s == g.dictionary) {
      if (ts_node_symbol(c) != g.pair) {
        return false;
      }
      c = ts_node_child_by_field_id(c, g.f_value);
    }
    LiteralKind k = literal_kind(c);
    numbers = numbers && (k == LiteralKind::integer || k == LiteralKind::floating);
    floats = floats || k == LiteralKind::floating;
  }
  return numbers && floats;
}

std::string python_string(std::string_view s) {
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out = "\"";
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (u < 0x20 || u == 0x7f) {
          out += "\\x";
          out += k_hex[u >> 4];
          out += k_hex[u & 15];
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

}  // namespace nbloop::convert::package
