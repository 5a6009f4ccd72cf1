#include "convert/package/imports.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "convert/package/stdlib_modules.hpp"
#include "convert/package/syntax.hpp"

namespace nbloop::convert::package {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Removes whitespace (line breaks, continuation backslashes) inside a dotted name.
std::string compact(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\\' && c != '\r') {
      out += c;
    }
  }
  return out;
}

// isort's order-by-type: CONSTANTS, then Classes, then functions and modules.
int type_rank(std::string_view name) {
  bool has_lower = std::any_of(name.begin(), name.end(), [](unsigned char c) { return std::islower(c) != 0; });
  if (!has_lower && name.size() > 1) {
    return 0;
  }
  return std::isupper(static_cast<unsigned char>(name.empty() ? 'a' : name[0])) != 0 ? 1 : 2;
}

std::string render_name(const ImportPiece& p) {
  std::string s = p.from ? p.name : p.module;
  if (!p.alias.empty()) {
    s += " as " + p.alias;
  }
  return s;
}

}  // namespace

std::string ImportPiece::top_level() const {
  if (module.starts_with(".")) {
    return {};
  }
  return module.substr(0, module.find('.'));
}

std::vector<ImportPiece> import_pieces(TSNode statement, std::string_view src) {
  const Syntax& g = syntax();
  std::vector<ImportPiece> out;
  TSSymbol s = ts_node_symbol(statement);
  const bool from = s == g.import_from_statement || s == g.future_import_statement;
  const bool future = s == g.future_import_statement;
  std::string module = future ? "__future__" : std::string();
  if (s == g.import_from_statement) {
    module = compact(node_text(ts_node_child_by_field_id(statement, g.f_module_name), src));
  }
  TSTreeCursor c = ts_tree_cursor_new(statement);
  if (ts_tree_cursor_goto_first_child(&c)) {
    do {
      TSNode n = ts_tree_cursor_current_node(&c);
      TSFieldId f = ts_tree_cursor_current_field_id(&c);
      ImportPiece p;
      p.from = from;
      p.future = future;
      if (ts_node_symbol(n) == g.wildcard_import) {
        p.module = module;
        p.name.assign(1, '*');  // (not = "*": GCC 12 warns falsely, -Wrestrict)
        p.bound_at = ts_node_start_byte(statement);
        out.push_back(std::move(p));
        continue;
      }
      if (f != g.f_name) {
        continue;
      }
      std::string name;
      if (ts_node_symbol(n) == g.aliased_import) {
        TSNode alias = ts_node_child_by_field_id(n, g.f_alias);
        name = compact(node_text(ts_node_child_by_field_id(n, g.f_name), src));
        p.alias = std::string(node_text(alias, src));
        p.bound_at = ts_node_start_byte(alias);
      } else {
        name = compact(node_text(n, src));
        p.bound_at = ts_node_start_byte(n);
      }
      if (from) {
        p.module = module;
        p.name = std::move(name);
      } else {
        p.module = std::move(name);
      }
      out.push_back(std::move(p));
    } while (ts_tree_cursor_goto_next_sibling(&c));
  }
  ts_tree_cursor_delete(&c);
  return out;
}

ImportGroup import_group(const ImportPiece& piece, std::string_view package) {
  if (piece.future) {
    return ImportGroup::future;
  }
  std::string top = piece.top_level();
  if (top.empty() || (!package.empty() && top == package)) {
    return ImportGroup::local;
  }
  return is_stdlib_module(top) ? ImportGroup::stdlib : ImportGroup::third_party;
}

std::string render_imports(std::vector<ImportPiece> pieces, std::string_view package, int line_length) {
  std::vector<ImportPiece> unique;
  for (auto& p : pieces) {
    if (std::find(unique.begin(), unique.end(), p) == unique.end()) {
      unique.push_back(std::move(p));
    }
  }
  std::string out;
  for (ImportGroup group : {ImportGroup::future, ImportGroup::stdlib, ImportGroup::third_party, ImportGroup::local}) {
    std::vector<const ImportPiece*> plain;
    std::map<std::pair<std::string, std::string>, std::vector<const ImportPiece*>> from;  // (sort key, module)
    for (const auto& p : unique) {
      if (import_group(p, package) != group) {
        continue;
      }
      if (p.from) {
        from[{lower(p.module), p.module}].push_back(&p);
      } else {
        plain.push_back(&p);
      }
    }
    if (plain.empty() && from.empty()) {
      continue;
    }
    if (!out.empty()) {
      out += '\n';
    }
    std::stable_sort(plain.begin(), plain.end(), [](const ImportPiece* a, const ImportPiece* b) {
      return std::make_pair(lower(a->module), a->alias) < std::make_pair(lower(b->module), b->alias);
    });
    for (const ImportPiece* p : plain) {
      out += "import " + render_name(*p) + "\n";
    }
    for (auto& [key, list] : from) {
      std::vector<const ImportPiece*> star;
      std::vector<const ImportPiece*> names;
      for (const ImportPiece* p : list) {
        (p->name == "*" ? star : names).push_back(p);
      }
      if (!star.empty()) {
        out += "from " + key.second + " import *\n";
      }
      if (names.empty()) {
        continue;
      }
      std::stable_sort(names.begin(), names.end(), [](const ImportPiece* a, const ImportPiece* b) {
        return std::make_tuple(type_rank(a->name), lower(a->name), a->alias) <
               std::make_tuple(type_rank(b->name), lower(b->name), b->alias);
      });
      std::string head = "from " + key.second + " import ";
      std::string line = head;
      for (size_t i = 0; i < names.size(); ++i) {
        if (i > 0) {
          line += ", ";
        }
        line += render_name(*names[i]);
      }
      if (static_cast<int>(line.size()) <= line_length) {
        out += line + "\n";
        continue;
      }
      out += head + "(\n";
      for (const ImportPiece* p : names) {
        out += "    " + render_name(*p) + ",\n";
      }
      out += ")\n";
    }
  }
  return out;
}

ImportPiece plain_import(std::string module, std::string name) {
  ImportPiece p;
  p.from = !name.empty();
  p.module = std::move(module);
  p.name = std::move(name);
  return p;
}

}  // namespace nbloop::convert::package
