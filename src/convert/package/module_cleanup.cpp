#include "convert/package/module_cleanup.hpp"

#include <tree_sitter/api.h>

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "analysis/semantic.hpp"
#include "convert/package/shadowed_definitions.hpp"
#include "convert/package/unused_targets.hpp"
#include "python/parser.hpp"
#include "python/source.hpp"

namespace nbloop::convert::package {
namespace {

using Cuts = std::vector<std::pair<uint32_t, uint32_t>>;

void erase_cuts(std::string& source, const Cuts& cuts) {
  for (size_t i = cuts.size(); i-- > 0;) {
    source.erase(cuts[i].first, cuts[i].second - cuts[i].first);
  }
}

// Whether a statement of the module `root` starts at `offset` (or `offset` is the end).
bool statement_starts_at(TSNode root, uint32_t offset, size_t size) {
  if (offset >= size) {
    return true;
  }
  TSNode n = ts_node_descendant_for_byte_range(root, offset, offset);
  while (!ts_node_is_null(n) && !ts_node_is_null(ts_node_parent(n)) && !ts_node_eq(ts_node_parent(n), root)) {
    n = ts_node_parent(n);
  }
  return !ts_node_is_null(n) && ts_node_is_named(n) && ts_node_start_byte(n) == offset;
}

}  // namespace

std::string lint_clean_module(std::string source, const std::string& main_name) {
  if (!may_redefine(source)) {
    return drop_unused_main_targets(std::move(source), main_name);
  }
  python::SourceUnit unit = python::make_unit(source, 0, 1, false);
  python::Tree tree = python::parse(unit.text);
  if (!tree || python::has_error(tree.get())) {
    // drop_shadowed_definitions() leaves a module that does not parse as it is.
    return drop_unused_main_targets(std::move(source), main_name);
  }
  TSNode root = ts_tree_root_node(tree.get());
  const analysis::Model model = analysis::analyze({analysis::UnitTree{tree.get(), &unit}}, false);
  const Cuts shadowed = shadowed_definition_cuts(unit.text, root, model);
  // drop_unused_main_targets() on the module after the cuts judges main()'s text from its
  // `def` line to the `__main__` guard, alone when that parses (else the whole module): the
  // same judgement as on this tree when that text is main() and what follows it, whole
  // statements of this module, and no cut touches it.
  const std::string def_line = "def " + main_name + "(";
  size_t start = source.starts_with(def_line) ? 0 : source.find("\n" + def_line);
  bool one_parse = start != std::string::npos;
  if (one_parse) {
    start += source[start] == '\n' ? 1 : 0;
    size_t end = source.find("\nif __name__ == ", start);
    end = end == std::string::npos ? source.size() : end + 1;
    TSNode main = main_definition(root, unit.text, main_name);
    one_parse = !ts_node_is_null(main) && ts_node_start_byte(main) == start && ts_node_end_byte(main) <= end &&
                statement_starts_at(root, static_cast<uint32_t>(end), source.size()) &&
                std::all_of(shadowed.begin(), shadowed.end(), [&](const auto& c) { return c.second <= start; });
  }
  if (!one_parse) {
    erase_cuts(source, shadowed);
    return drop_unused_main_targets(std::move(source), main_name);
  }
  // Every unread-target cut lies in main(), after every shadowed-definition cut: erased from
  // the back, the offsets of both stay valid.
  erase_cuts(source, unread_target_cuts(unit.text, root, model, main_name));
  erase_cuts(source, shadowed);
  return source;
}

}  // namespace nbloop::convert::package
