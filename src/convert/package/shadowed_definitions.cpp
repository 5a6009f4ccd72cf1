#include "convert/package/shadowed_definitions.hpp"

#include <tree_sitter/api.h>

#include <algorithm>
#include <string_view>
#include <vector>

#include "analysis/semantic.hpp"
#include "convert/package/syntax.hpp"
#include "python/parser.hpp"
#include "python/source.hpp"

namespace nbloop::convert::package {

// Whether two lines at column 0 define the same name (`def`, `async def`, `class`): without that
// no module-level definition can replace another, and the module needs no parse here.
bool may_redefine(std::string_view source) {
  std::vector<std::string_view> names;
  size_t pos = 0;
  while (pos < source.size()) {
    size_t end = source.find('\n', pos);
    if (end == std::string_view::npos) {
      end = source.size();
    }
    std::string_view line = source.substr(pos, end - pos);
    pos = end + 1;
    if (line.starts_with("async def ")) {
      line.remove_prefix(10);
    } else if (line.starts_with("def ")) {
      line.remove_prefix(4);
    } else if (line.starts_with("class ")) {
      line.remove_prefix(6);
    } else {
      continue;
    }
    size_t n = line.find_first_of("(:[ \t");
    names.push_back(line.substr(0, n));
  }
  std::sort(names.begin(), names.end());
  return std::adjacent_find(names.begin(), names.end()) != names.end();
}

std::vector<std::pair<uint32_t, uint32_t>> shadowed_definition_cuts(std::string_view source, TSNode root,
                                                                    const analysis::Model& model) {
  using analysis::BindingKind;
  const Syntax& g = syntax();
  auto is_definition = [](const analysis::Binding& b) {
    return b.kind == BindingKind::function || b.kind == BindingKind::class_def;
  };
  // The module-level statement (decorated or not) that binds the name at `b`, or null.
  auto statement_of = [&](const analysis::Binding& b) -> TSNode {
    TSNode name = ts_node_descendant_for_byte_range(root, b.loc.start, b.loc.end);
    TSNode def = ts_node_parent(name);
    if (ts_node_is_null(def) ||
        (ts_node_symbol(def) != g.function_definition && ts_node_symbol(def) != g.class_definition) ||
        !ts_node_eq(ts_node_child_by_field_id(def, g.f_name), name)) {
      return TSNode{};
    }
    TSNode up = ts_node_parent(def);
    if (!ts_node_is_null(up) && ts_node_symbol(up) == g.decorated_definition) {
      def = up;
      up = ts_node_parent(up);
    }
    return !ts_node_is_null(up) && ts_node_symbol(up) == g.module ? def : TSNode{};
  };
  std::vector<std::pair<uint32_t, uint32_t>> cuts;
  for (const analysis::Shadowing& s : model.shadowings) {
    const analysis::Binding& old = model.bindings[static_cast<size_t>(s.shadowed)];
    const analysis::Binding& now = model.bindings[static_cast<size_t>(s.binding)];
    if (old.used || old.overload || !is_definition(old) || !is_definition(now) || old.scope != 0 || now.scope != 0 ||
        old.loc.start == now.loc.start) {
      continue;
    }
    TSNode def = statement_of(old);
    if (ts_node_is_null(def) || ts_node_is_null(statement_of(now))) {
      continue;
    }
    // Whole lines: from the statement's line to its last line, and the blank lines after it.
    uint32_t start = ts_node_start_byte(def);
    while (start > 0 && source[start - 1] != '\n') {
      --start;
    }
    uint32_t end = ts_node_end_byte(def);
    while (end < source.size() && source[end] != '\n') {
      ++end;
    }
    while (end < source.size() && source[end] == '\n') {
      ++end;
    }
    cuts.emplace_back(start, end);
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  return cuts;
}

std::string drop_shadowed_definitions(std::string source) {
  if (!may_redefine(source)) {
    return source;
  }
  python::SourceUnit unit = python::make_unit(source, 0, 1, false);
  python::Tree tree = python::parse(unit.text);
  if (!tree || python::has_error(tree.get())) {
    return source;
  }
  TSNode root = ts_tree_root_node(tree.get());
  analysis::Model model = analysis::analyze({analysis::UnitTree{tree.get(), &unit}}, false);
  const std::vector<std::pair<uint32_t, uint32_t>> cuts = shadowed_definition_cuts(unit.text, root, model);
  for (size_t i = cuts.size(); i-- > 0;) {
    source.erase(cuts[i].first, cuts[i].second - cuts[i].first);
  }
  return source;
}

}  // namespace nbloop::convert::package
