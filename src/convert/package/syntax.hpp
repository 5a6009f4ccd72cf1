// The tree-sitter-python node kinds and fields nb2py's generator looks at, looked up once,
// and the literal checks built on them.
#pragma once

#include <tree_sitter/api.h>

#include <string>
#include <string_view>

namespace nbloop::convert::package {

struct Syntax {
  TSSymbol module, comment, expression_statement, import_statement, import_from_statement, future_import_statement,
      aliased_import, dotted_name, relative_import, wildcard_import, function_definition, class_definition,
      decorated_definition, assignment, augmented_assignment, identifier, attribute, subscript, call, argument_list,
      keyword_argument, string, interpolation, concatenated_string, integer, float_, true_, false_, none, list, tuple,
      set, dictionary, pair, unary_operator, parenthesized_expression, binary_operator, comparison_operator,
      boolean_operator, not_operator, try_statement, except_clause, else_clause, finally_clause, block, pass_statement,
      if_statement, lambda, await_, parameters, default_parameter, typed_parameter, typed_default_parameter,
      list_splat_pattern, dictionary_splat_pattern, keyword_separator, positional_separator, type, pattern_list,
      tuple_pattern, expression_list, string_content, escape_sequence, string_start, print_statement, exec_statement,
      delete_statement, string_end;
  TSFieldId f_name, f_alias, f_module_name, f_body, f_left, f_right, f_type, f_value, f_function, f_arguments, f_object,
      f_attribute, f_definition, f_parameters, f_key, f_argument, f_superclasses;
};

const Syntax& syntax();

inline std::string_view node_text(TSNode n, std::string_view src) {
  uint32_t s = ts_node_start_byte(n);
  uint32_t e = ts_node_end_byte(n);
  return e <= src.size() && s <= e ? src.substr(s, e - s) : std::string_view();
}

/// The kind of a literal value, for argparse types and test assertions.
enum class LiteralKind : uint8_t { none, boolean, integer, floating, string, container, not_literal };

/// What kind of Python literal the expression `n` is: numbers (signed), strings without
/// interpolation (implicitly concatenated too), True/False/None, and lists, tuples, sets and
/// dicts of literals. `not_literal` for anything else.
LiteralKind literal_kind(TSNode n);

/// The kind of literal `text` is when parsed as a Python expression on its own (e.g. a
/// recorded `text/plain` output); `not_literal` when it is not exactly one literal.
LiteralKind literal_kind_of_text(std::string_view text);

/// True when `text` is a flat list, tuple or dict (numeric values) of numbers with at
/// least one float: a value pytest.approx compares with a tolerance.
bool approx_container(std::string_view text);

/// A Python string literal (double quotes, backslash escapes) whose value is `s`.
std::string python_string(std::string_view s);

}  // namespace nbloop::convert::package
