#include "lint/context.hpp"

#include <cstring>

namespace nbloop::lint {

const analysis::Model& RuleContext::model() {
  if (!m_model) {
    std::vector<analysis::UnitTree> trees;
    trees.reserve(m_units.size());
    for (const ParsedUnit& u : m_units) {
      trees.push_back(analysis::UnitTree{u.tree.get(), u.unit});
    }
    m_model = analysis::analyze(trees, m_file.notebook);
  }
  return *m_model;
}

const std::vector<TSNode>& RuleContext::nodes(uint32_t unit, TSSymbol sym) {
  if (m_index.empty()) {
    const uint32_t symbols = ts_language_symbol_count(python::language());
    m_index.resize(m_units.size());
    for (size_t u = 0; u < m_units.size(); ++u) {
      auto& index = m_index[u];
      index.resize(symbols + 1);  // the last slot holds ERROR nodes (symbol 0xFFFF)
      TSTreeCursor c = ts_tree_cursor_new(ts_tree_root_node(m_units[u].tree.get()));
      bool more = true;
      while (more) {
        TSNode n = ts_tree_cursor_current_node(&c);
        if (ts_node_is_named(n)) {
          TSSymbol s = ts_node_symbol(n);
          index[s < symbols ? s : symbols].push_back(n);
        }
        if (ts_tree_cursor_goto_first_child(&c)) {
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
    }
  }
  const auto& index = m_index[unit];
  return index[sym < index.size() - 1 ? sym : index.size() - 1];
}

bool RuleContext::enabled(std::string_view code) const {
  if (m_enabled == nullptr || m_codes == nullptr) {
    return true;
  }
  for (size_t i = 0; i < m_codes->size(); ++i) {
    if ((*m_codes)[i] == code) {
      return (*m_enabled)[i];
    }
  }
  return false;
}

void RuleContext::report_cell(uint32_t cell, uint32_t start, uint32_t end, std::string message) {
  const auto& cells = m_file.facts.cells;
  if (cell < cells.size() && cells[cell].unit >= 0) {
    report_text(static_cast<uint32_t>(cells[cell].unit), start, end, std::move(message));
    return;
  }
  RawFinding f{m_rule, cell, start, end, std::move(message), Site::cell, 0, true};
  m_findings.push_back(std::move(f));
}

TSSymbol RuleContext::symbol(const char* name) {
  return ts_language_symbol_for_name(python::language(), name, static_cast<uint32_t>(std::strlen(name)), true);
}

std::string format_message(std::string_view templ, std::string_view key, std::string_view value) {
  std::string out;
  std::string pattern = "{" + std::string(key) + "}";
  size_t pos = 0;
  while (true) {
    size_t at = templ.find(pattern, pos);
    if (at == std::string_view::npos) {
      out += templ.substr(pos);
      return out;
    }
    out += templ.substr(pos, at - pos);
    out += value;
    pos = at + pattern.size();
  }
}

}  // namespace nbloop::lint
