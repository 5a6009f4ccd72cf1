#include "convert/package/expressions.hpp"

#include <algorithm>
#include <array>

#include "convert/package/syntax.hpp"

namespace nbloop::convert::package {

namespace {

bool pure_arguments(TSNode args, std::string_view src) {
  const Syntax& g = syntax();
  bool ok = true;
  for_named_children(args, [&](TSNode a) {
    if (!ok || ts_node_symbol(a) == g.comment) {
      return;
    }
    if (ts_node_symbol(a) == g.keyword_argument) {
      TSNode name = ts_node_child_by_field_id(a, g.f_name);
      ok = node_text(name, src) != "inplace" && pure_expression(ts_node_child_by_field_id(a, g.f_value), src);
      return;
    }
    ok = pure_expression(a, src);
  });
  return ok;
}

}  // namespace

bool pure_expression(TSNode n, std::string_view src) {
  const Syntax& g = syntax();
  if (ts_node_is_null(n)) {
    return false;
  }
  TSSymbol s = ts_node_symbol(n);
  if (s == g.identifier || s == g.ellipsis || literal_kind(n) != LiteralKind::not_literal) {
    return true;
  }
  if (s == g.attribute) {
    return pure_expression(ts_node_child_by_field_id(n, g.f_object), src);
  }
  if (s == g.expression_statement || s == g.subscript || s == g.slice || s == g.binary_operator ||
      s == g.comparison_operator || s == g.boolean_operator || s == g.not_operator || s == g.unary_operator ||
      s == g.parenthesized_expression || s == g.tuple || s == g.list || s == g.expression_list) {
    bool ok = true;
    for_named_children(n, [&](TSNode c) { ok = ok && (ts_node_symbol(c) == g.comment || pure_expression(c, src)); });
    return ok;
  }
  if (s == g.call) {
    TSNode fn = ts_node_child_by_field_id(n, g.f_function);
    TSNode args = ts_node_child_by_field_id(n, g.f_arguments);
    if (ts_node_symbol(fn) == g.identifier) {
      std::string_view name = node_text(fn, src);
      // display() and IPython's rich-display objects only show something.
      static constexpr std::array<std::string_view, 13> k_display = {
          "display", "HTML",   "Markdown",     "Image",      "Latex", "JSON", "SVG",
          "Math",    "IFrame", "YouTubeVideo", "Javascript", "Audio", "Video"};
      if (std::find(k_display.begin(), k_display.end(), name) != k_display.end()) {
        return true;
      }
      // Builtins and standard constructors that only compute a value.
      static constexpr std::array<std::string_view, 27> k_pure_builtins = {
          "len",   "type", "repr",  "str",       "sorted",    "list",       "dict",     "set",      "tuple",
          "max",   "min",  "sum",   "abs",       "round",     "isinstance", "dir",      "range",    "int",
          "float", "bool", "bytes", "frozenset", "enumerate", "zip",        "reversed", "datetime", "timedelta"};
      return std::find(k_pure_builtins.begin(), k_pure_builtins.end(), name) != k_pure_builtins.end() &&
             pure_arguments(args, src);
    }
    if (ts_node_symbol(fn) == g.attribute &&
        ts_node_symbol(ts_node_child_by_field_id(fn, g.f_object)) == g.identifier) {
      // numpy's and pandas' value constructors (np.arange(3), pd.date_range(...)).
      std::string_view lib = node_text(ts_node_child_by_field_id(fn, g.f_object), src);
      std::string_view ctor = node_text(ts_node_child_by_field_id(fn, g.f_attribute), src);
      static constexpr std::array<std::string_view, 22> k_constructors = {
          "array",       "arange",       "linspace",    "zeros",      "ones",         "eye",
          "full",        "datetime64",   "timedelta64", "date_range", "period_range", "timedelta_range",
          "to_datetime", "to_timedelta", "Series",      "DataFrame",  "Index",        "DatetimeIndex",
          "Timestamp",   "Timedelta",    "dtype",       "float64"};
      if ((lib == "np" || lib == "numpy" || lib == "pd" || lib == "pandas") &&
          std::find(k_constructors.begin(), k_constructors.end(), ctor) != k_constructors.end()) {
        return pure_arguments(args, src);
      }
    }
    if (ts_node_symbol(fn) == g.attribute) {
      std::string_view method = node_text(ts_node_child_by_field_id(fn, g.f_attribute), src);
      // Methods of data frames, arrays and dicts that only compute a value to look at.
      static constexpr std::array<std::string_view, 55> k_pure_methods = {
          "head",         "tail",     "describe",   "info",    "sample",   "value_counts", "unique",   "nunique",
          "isnull",       "isna",     "notnull",    "notna",   "sum",      "mean",         "median",   "std",
          "var",          "count",    "corr",       "keys",    "values",   "items",        "nlargest", "nsmallest",
          "memory_usage", "to_frame", "get_params", "summary", "round",    "transpose",    "min",      "max",
          "argmin",       "argmax",   "all",        "any",     "prod",     "cumsum",       "tolist",   "to_list",
          "to_dict",      "to_numpy", "astype",     "reshape", "copy",     "join",         "format",   "lower",
          "upper",        "strip",    "split",      "replace", "strftime", "to_period",    "isoformat"};
      return std::find(k_pure_methods.begin(), k_pure_methods.end(), method) != k_pure_methods.end() &&
             pure_expression(ts_node_child_by_field_id(fn, g.f_object), src) && pure_arguments(args, src);
    }
  }
  return false;
}

// A constant's value may be evaluated at import: no calls, except constructors of values.
bool constant_value(TSNode n, std::string_view src) {
  const Syntax& g = syntax();
  if (ts_node_symbol(n) == g.call) {
    std::string_view fn = node_text(ts_node_child_by_field_id(n, g.f_function), src);
    std::string_view last = fn.substr(fn.rfind('.') == std::string_view::npos ? 0 : fn.rfind('.') + 1);
    static constexpr std::array<std::string_view, 24> k_value_makers = {
        "compile", "Path",      "PurePath",   "join",    "array",     "timedelta", "date",    "datetime",
        "getenv",  "getLogger", "namedtuple", "TypeVar", "frozenset", "set",       "dict",    "tuple",
        "list",    "range",     "int",        "float",   "str",       "bool",      "Decimal", "Fraction"};
    if (std::find(k_value_makers.begin(), k_value_makers.end(), last) == k_value_makers.end()) {
      return false;
    }
  }
  if (ts_node_symbol(n) == g.lambda) {
    return true;
  }
  bool ok = true;
  for_named_children(n, [&](TSNode c) { ok = ok && constant_value(c, src); });
  return ok;
}

// The names an assignment binds when all its targets are plain names (a = b = 1, a, b = ...).
bool assignment_targets(TSNode assign, std::string_view src, std::vector<std::string>& names, TSNode& value,
                        std::vector<uint32_t>* starts) {
  const Syntax& g = syntax();
  TSNode n = assign;
  while (!ts_node_is_null(n) && ts_node_symbol(n) == g.assignment) {
    TSNode left = ts_node_child_by_field_id(n, g.f_left);
    if (ts_node_symbol(left) == g.identifier) {
      names.emplace_back(node_text(left, src));
      if (starts != nullptr) {
        starts->push_back(ts_node_start_byte(left));
      }
    } else if (ts_node_symbol(left) == g.pattern_list || ts_node_symbol(left) == g.tuple_pattern) {
      bool ok = true;
      for_named_children(left, [&](TSNode c) {
        if (ts_node_symbol(c) == g.identifier) {
          names.emplace_back(node_text(c, src));
          if (starts != nullptr) {
            starts->push_back(ts_node_start_byte(c));
          }
        } else {
          ok = false;
        }
      });
      if (!ok) {
        return false;
      }
    } else {
      return false;
    }
    value = ts_node_child_by_field_id(n, g.f_right);
    n = value;
  }
  return !names.empty() && !ts_node_is_null(value);
}

bool contains_await(TSNode n) {
  const Syntax& g = syntax();
  TSSymbol s = ts_node_symbol(n);
  if (s == g.await_) {
    return true;
  }
  if (s == g.function_definition || s == g.lambda || s == g.class_definition) {
    return false;
  }
  bool found = false;
  uint32_t count = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < count && !found; ++i) {
    found = contains_await(ts_node_named_child(n, i));
  }
  return found;
}

// Byte ranges of a definition that run later (function bodies), not when it is defined.
void runtime_ranges(TSNode n, std::vector<std::pair<uint32_t, uint32_t>>& out) {
  const Syntax& g = syntax();
  TSSymbol s = ts_node_symbol(n);
  if (s == g.decorated_definition) {
    runtime_ranges(ts_node_child_by_field_id(n, g.f_definition), out);
  } else if (s == g.function_definition) {
    TSNode body = ts_node_child_by_field_id(n, g.f_body);
    if (!ts_node_is_null(body)) {
      out.emplace_back(ts_node_start_byte(body), ts_node_end_byte(body));
    }
  } else if (s == g.class_definition) {
    TSNode body = ts_node_child_by_field_id(n, g.f_body);
    if (!ts_node_is_null(body)) {
      for_named_children(body, [&](TSNode c) { runtime_ranges(c, out); });
    }
  }
}

}  // namespace nbloop::convert::package
