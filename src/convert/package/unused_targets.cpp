#include "convert/package/unused_targets.hpp"

#include <tree_sitter/api.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/semantic.hpp"
#include "convert/package/syntax.hpp"
#include "python/parser.hpp"
#include "python/source.hpp"

namespace nbloop::convert::package {
namespace {

// The module-level `def main` (decorated or not), or a null node.
TSNode find_main(TSNode root, std::string_view src, std::string_view main_name) {
  const Syntax& g = syntax();
  for (uint32_t i = 0; i < ts_node_named_child_count(root); ++i) {
    TSNode def = ts_node_named_child(root, i);
    if (ts_node_symbol(def) == g.decorated_definition) {
      def = ts_node_child_by_field_id(def, g.f_definition);
    }
    if (!ts_node_is_null(def) && ts_node_symbol(def) == g.function_definition &&
        node_text(ts_node_child_by_field_id(def, g.f_name), src) == main_name) {
      return def;
    }
  }
  return TSNode{};
}

TSSymbol symbol(const char* name) {
  return ts_language_symbol_for_name(python::language(), name, static_cast<uint32_t>(std::strlen(name)), true);
}

TSNode unparenthesized(TSNode n) {
  while (!ts_node_is_null(n) && ts_node_symbol(n) == syntax().parenthesized_expression &&
         ts_node_named_child_count(n) == 1) {
    n = ts_node_named_child(n, 0);
  }
  return n;
}

}  // namespace

TSNode main_definition(TSNode root, std::string_view src, std::string_view main_name) {
  return find_main(root, src, main_name);
}

std::vector<std::pair<uint32_t, uint32_t>> unread_target_cuts(std::string_view text, TSNode root,
                                                              const analysis::Model& model,
                                                              const std::string& main_name) {
  const Syntax& g = syntax();
  using Cut = std::pair<uint32_t, uint32_t>;
  std::vector<Cut> cuts;
  TSNode main = find_main(root, text, main_name);
  if (ts_node_is_null(main)) {
    return cuts;
  }
  const uint32_t main_start = ts_node_start_byte(main);
  const uint32_t main_end = ts_node_end_byte(main);
  // Byte ranges to cut: `NAME = ` before a call, ` as NAME` in a with item.
  auto cut_for = [&](const analysis::Binding& b) -> std::optional<Cut> {
    const bool with_item = b.kind == analysis::BindingKind::with_item;
    TSNode target = ts_node_descendant_for_byte_range(root, b.loc.start, b.loc.end);
    if (with_item) {
      // `with make() as name:` whose name nothing reads: `with make():`.
      static const TSSymbol k_target = symbol("as_pattern_target");
      static const TSSymbol k_pattern = symbol("as_pattern");
      TSNode alias = ts_node_parent(target);
      TSNode pattern = ts_node_is_null(alias) ? alias : ts_node_parent(alias);
      if (ts_node_symbol(target) == g.identifier && !ts_node_is_null(pattern) && ts_node_symbol(alias) == k_target &&
          ts_node_symbol(pattern) == k_pattern && ts_node_named_child_count(pattern) == 2 &&
          ts_node_eq(ts_node_named_child(pattern, 1), alias)) {
        return Cut(ts_node_end_byte(ts_node_named_child(pattern, 0)), ts_node_end_byte(alias));
      }
      return std::nullopt;
    }
    TSNode assignment = ts_node_parent(target);
    if (ts_node_symbol(target) != g.identifier || ts_node_is_null(assignment) ||
        ts_node_symbol(assignment) != g.assignment ||
        !ts_node_eq(ts_node_child_by_field_id(assignment, g.f_left), target) ||
        !ts_node_is_null(ts_node_child_by_field_id(assignment, g.f_type))) {
      return std::nullopt;
    }
    TSNode value = ts_node_child_by_field_id(assignment, g.f_right);
    TSNode statement = ts_node_parent(assignment);
    if (ts_node_is_null(value) || ts_node_is_null(statement) || ts_node_symbol(statement) != g.expression_statement ||
        ts_node_named_child_count(statement) != 1) {
      return std::nullopt;
    }
    TSNode inner = unparenthesized(value);
    if (ts_node_symbol(inner) == g.await_) {
      inner = unparenthesized(ts_node_named_child(inner, 0));
    }
    if (ts_node_is_null(inner) || ts_node_symbol(inner) != g.call) {
      return std::nullopt;  // a value without a call: left for the reader (and F841) to judge
    }
    return Cut(ts_node_start_byte(statement), ts_node_start_byte(value));
  };
  // pyflakes judges a name's last binding only; once its target is gone the one before it is the
  // last, so each name's bindings are walked from the last back while they can be cut (the
  // same result as re-analysing after every cut, with one parse). Only main()'s bindings can be
  // cut, so only the module-level functions' scopes are looked at, and the bindings are sorted
  // into them in one pass.
  std::vector<int> judged(model.scopes.size(), -1);
  std::vector<std::unordered_map<std::string_view, std::vector<int>>> in_order;
  for (size_t si = 0; si < model.scopes.size(); ++si) {
    const analysis::Scope& scope = model.scopes[si];
    if (scope.kind != analysis::ScopeKind::function || scope.uses_locals || scope.parent < 0 ||
        model.scopes[static_cast<size_t>(scope.parent)].kind != analysis::ScopeKind::module) {
      continue;
    }
    judged[si] = static_cast<int>(in_order.size());
    in_order.emplace_back();
  }
  for (size_t bi = 0; bi < model.bindings.size(); ++bi) {
    const int scope = model.bindings[bi].scope;
    if (scope >= 0 && static_cast<size_t>(scope) < judged.size() && judged[static_cast<size_t>(scope)] >= 0) {
      in_order[static_cast<size_t>(judged[static_cast<size_t>(scope)])][model.bindings[bi].name].push_back(
          static_cast<int>(bi));
    }
  }
  for (size_t si = 0; si < model.scopes.size(); ++si) {
    if (judged[si] < 0) {
      continue;
    }
    const analysis::Scope& scope = model.scopes[si];
    auto& names = in_order[static_cast<size_t>(judged[si])];
    for (const auto& [name, last] : scope.names) {
      if (name.starts_with("_") || scope.globals.contains(name)) {
        continue;
      }
      std::vector<int> chain;
      if (auto it = names.find(name); it != names.end()) {
        chain = it->second;
      }
      if (chain.empty() || chain.back() != last) {
        chain = {last};
      }
      for (size_t k = chain.size(); k-- > 0;) {
        const analysis::Binding& b = model.bindings[static_cast<size_t>(chain[k])];
        if ((b.kind != analysis::BindingKind::assignment && b.kind != analysis::BindingKind::with_item) || b.used ||
            b.unpacked || b.loc.start < main_start || b.loc.end > main_end) {
          break;
        }
        std::optional<Cut> cut = cut_for(b);
        if (!cut) {
          break;
        }
        cuts.push_back(*cut);
      }
    }
  }
  std::sort(cuts.begin(), cuts.end());
  return cuts;
}

namespace {

enum class Dropped { none, some, no_parse };

// Cuts the targets the analysis of `source` shows unread.
Dropped drop_unread(std::string& source, const std::string& main_name) {
  python::SourceUnit unit = python::make_unit(source, 0, 1, false);
  python::Tree tree = python::parse(unit.text);
  if (!tree || python::has_error(tree.get())) {
    return Dropped::no_parse;
  }
  TSNode root = ts_tree_root_node(tree.get());
  if (ts_node_is_null(find_main(root, unit.text, main_name))) {
    return Dropped::none;
  }
  analysis::Model model = analysis::analyze({analysis::UnitTree{tree.get(), &unit}}, false);
  const std::vector<std::pair<uint32_t, uint32_t>> cuts = unread_target_cuts(unit.text, root, model, main_name);
  for (size_t i = cuts.size(); i-- > 0;) {
    source.erase(cuts[i].first, cuts[i].second - cuts[i].first);
  }
  return cuts.empty() ? Dropped::none : Dropped::some;
}

}  // namespace

std::string drop_unused_main_targets(std::string source, const std::string& main_name) {
  if (source.find("def " + main_name) == std::string::npos) {
    return source;
  }
  // main()'s locals are all that is judged, so main() alone is parsed when it can be cut out:
  // from its `def` line to the `__main__` guard (or the end). A cut that splits a string or a
  // bracket does not parse, and then the whole module is.
  const std::string def_line = "def " + main_name + "(";
  size_t start = source.starts_with(def_line) ? 0 : source.find("\n" + def_line);
  if (start != std::string::npos) {
    start += source[start] == '\n' ? 1 : 0;
    size_t end = source.find("\nif __name__ == ", start);
    end = end == std::string::npos ? source.size() : end + 1;
    std::string main_text = source.substr(start, end - start);
    const Dropped dropped = drop_unread(main_text, main_name);
    if (dropped == Dropped::some) {
      source.replace(start, end - start, main_text);
    }
    if (dropped != Dropped::no_parse) {
      return source;
    }
  }
  drop_unread(source, main_name);
  return source;
}

}  // namespace nbloop::convert::package
