// F541, F601, F602, F632: literals misused (f-strings, dict keys, `is` on constants).
#include <tree_sitter/api.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <map>

#include "lint/rules/rules.hpp"

namespace nbloop::lint::rules {
namespace {

std::string_view node_text(RuleContext& ctx, uint32_t unit, TSNode n) {
  return ctx.text(unit, ts_node_start_byte(n), ts_node_end_byte(n));
}

bool has_child(TSNode n, TSSymbol sym) {
  uint32_t count = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < count; ++i) {
    if (ts_node_symbol(ts_node_named_child(n, i)) == sym) {
      return true;
    }
  }
  return false;
}

// The string prefix (letters before the quote) of a string node.
std::string_view prefix(RuleContext& ctx, uint32_t unit, TSNode string) {
  std::string_view t = node_text(ctx, unit, string);
  size_t q = t.find_first_of("'\"");
  return t.substr(0, q == std::string_view::npos ? 0 : q);
}

bool is_f_string(RuleContext& ctx, uint32_t unit, TSNode string) {
  return prefix(ctx, unit, string).find_first_of("fF") != std::string_view::npos;
}

}  // namespace

void f_string_missing_placeholders(RuleContext& ctx) {
  static const TSSymbol string = RuleContext::symbol("string");
  static const TSSymbol interpolation = RuleContext::symbol("interpolation");
  static const TSSymbol concatenated = RuleContext::symbol("concatenated_string");
  for (uint32_t u = 0; u < ctx.units().size(); ++u) {
    for (TSNode n : ctx.nodes(u, string)) {
      if (!is_f_string(ctx, u, n) || has_child(n, interpolation)) {
        continue;
      }
      TSNode parent = ts_node_parent(n);
      if (ts_node_symbol(parent) == concatenated) {
        bool any = false;
        uint32_t count = ts_node_named_child_count(parent);
        for (uint32_t i = 0; i < count; ++i) {
          TSNode part = ts_node_named_child(parent, i);
          any = any || (ts_node_symbol(part) == string && has_child(part, interpolation));
        }
        if (any) {
          continue;
        }
      }
      ctx.report(u, ts_node_start_byte(n), ts_node_end_byte(n), "f-string without any placeholders");
    }
  }
}

namespace {

// Keys compared as Python compares them, as far as the source shows: 'a' == "a".
std::string comparable_key(RuleContext& ctx, uint32_t unit, TSNode key, bool& literal, bool& variable) {
  static const TSSymbol string = RuleContext::symbol("string");
  static const TSSymbol string_content = RuleContext::symbol("string_content");
  static const TSSymbol interpolation = RuleContext::symbol("interpolation");
  static const TSSymbol integer = RuleContext::symbol("integer");
  static const TSSymbol float_sym = RuleContext::symbol("float");
  static const TSSymbol true_sym = RuleContext::symbol("true");
  static const TSSymbol false_sym = RuleContext::symbol("false");
  static const TSSymbol none = RuleContext::symbol("none");
  static const TSSymbol identifier = RuleContext::symbol("identifier");
  TSSymbol s = ts_node_symbol(key);
  literal = false;
  variable = false;
  if (s == string) {
    if (has_child(key, interpolation)) {
      return {};
    }
    std::string_view pre = prefix(ctx, unit, key);
    bool bytes = pre.find_first_of("bB") != std::string_view::npos;
    std::string content;
    uint32_t count = ts_node_named_child_count(key);
    for (uint32_t i = 0; i < count; ++i) {
      TSNode part = ts_node_named_child(key, i);
      if (ts_node_symbol(part) == string_content) {
        content += node_text(ctx, unit, part);
      } else if (ts_node_symbol(part) != RuleContext::symbol("string_start") &&
                 ts_node_symbol(part) != RuleContext::symbol("string_end")) {
        return {};  // escapes: compare only plain strings
      }
    }
    literal = true;
    return (bytes ? "b:" : "s:") + content;
  }
  if (s == true_sym || s == false_sym || s == integer || s == float_sym) {
    // 1, 1.0 and True are the same key (equal hashes and values).
    literal = true;
    std::string t(node_text(ctx, unit, key));
    if (s == true_sym || s == false_sym) {
      return s == true_sym ? "n:1" : "n:0";
    }
    t.erase(std::remove(t.begin(), t.end(), '_'), t.end());
    if (t.find_first_of("jJ") != std::string::npos) {
      return "c:" + t;
    }
    char* end = nullptr;
    double v = (s == integer && t.size() > 1 && t[0] == '0' && std::isalpha(static_cast<unsigned char>(t[1])))
                   ? static_cast<double>(std::strtoull(t.c_str() + 2, &end, t[1] == 'x' || t[1] == 'X' ? 16 : t[1] == 'o' || t[1] == 'O' ? 8 : 2))
                   : std::strtod(t.c_str(), &end);
    char buf[64];
    std::snprintf(buf, sizeof buf, "n:%.17g", v);
    return buf;
  }
  if (s == none) {
    literal = true;
    return "none";
  }
  if (s == identifier) {
    variable = true;
    return "v:" + std::string(node_text(ctx, unit, key));
  }
  return {};
}

void repeated_keys(RuleContext& ctx, bool want_literal) {
  static const TSSymbol dictionary = RuleContext::symbol("dictionary");
  static const TSSymbol pair = RuleContext::symbol("pair");
  for (uint32_t u = 0; u < ctx.units().size(); ++u) {
    for (TSNode d : ctx.nodes(u, dictionary)) {
      std::map<std::string, std::vector<std::string>> seen;  // key -> values seen
      std::map<std::string, std::string> first_text;         // key -> how it was first written
      uint32_t count = ts_node_named_child_count(d);
      for (uint32_t i = 0; i < count; ++i) {
        TSNode p = ts_node_named_child(d, i);
        if (ts_node_symbol(p) != pair) {
          continue;
        }
        TSNode key = ts_node_child_by_field_name(p, "key", 3);
        TSNode value = ts_node_child_by_field_name(p, "value", 5);
        bool literal = false;
        bool variable = false;
        std::string k = comparable_key(ctx, u, key, literal, variable);
        if (k.empty()) {
          continue;
        }
        std::string v(node_text(ctx, u, value));
        auto [it, inserted] = seen.try_emplace(k);
        std::string kt(node_text(ctx, u, key));
        first_text.try_emplace(k, kt);
        if (!inserted && std::find(it->second.begin(), it->second.end(), v) == it->second.end() &&
            literal == want_literal && (literal || variable)) {
          std::string message = want_literal ? "Dictionary key literal `" + kt + "` repeated"
                                             : "Dictionary key `" + kt + "` repeated";
          if (first_text[k] != kt) {
            message += " (`" + kt + "` hashes to the same value as `" + first_text[k] + "`)";
          }
          ctx.report(u, ts_node_start_byte(key), ts_node_end_byte(key), std::move(message));
        }
        it->second.push_back(std::move(v));
      }
    }
  }
}

}  // namespace

void multi_value_repeated_key_literal(RuleContext& ctx) { repeated_keys(ctx, true); }
void multi_value_repeated_key_variable(RuleContext& ctx) { repeated_keys(ctx, false); }

void is_literal(RuleContext& ctx) {
  static const TSSymbol cmp = RuleContext::symbol("comparison_operator");
  static const TSSymbol string = RuleContext::symbol("string");
  static const TSSymbol concatenated = RuleContext::symbol("concatenated_string");
  static const TSSymbol integer = RuleContext::symbol("integer");
  static const TSSymbol float_sym = RuleContext::symbol("float");
  static const TSSymbol interpolation = RuleContext::symbol("interpolation");
  for (uint32_t u = 0; u < ctx.units().size(); ++u) {
    static const TSSymbol tuple = RuleContext::symbol("tuple");
    std::function<bool(TSNode)> constant = [&](TSNode x) {
      TSSymbol s = ts_node_symbol(x);
      if (s == tuple) {
        uint32_t count = ts_node_named_child_count(x);
        for (uint32_t i = 0; i < count; ++i) {
          if (!constant(ts_node_named_child(x, i))) {
            return false;
          }
        }
        return true;
      }
      return s == integer || s == float_sym || s == concatenated || (s == string && !has_child(x, interpolation));
    };
    for (TSNode n : ctx.nodes(u, cmp)) {
      uint32_t count = ts_node_child_count(n);
      TSNode prev{};
      std::string op;
      for (uint32_t i = 0; i < count; ++i) {
        TSNode c = ts_node_child(n, i);
        if (!ts_node_is_named(c)) {
          op += op.empty() ? "" : " ";
          op += node_text(ctx, u, c);
          continue;
        }
        if (!ts_node_is_null(prev) && (op == "is" || op == "is not") && (constant(prev) || constant(c))) {
          ctx.report(u, ts_node_start_byte(prev), ts_node_end_byte(c),
                     op == "is" ? "Use `==` to compare constant literals" : "Use `!=` to compare constant literals");
        }
        prev = c;
        op.clear();
      }
    }
  }
}

void unused_noqa(RuleContext&) {
  // Reported by the engine once suppressions are known (see linter.cpp).
}

}  // namespace nbloop::lint::rules
