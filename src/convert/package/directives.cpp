#include "convert/package/directives.hpp"

#include <cctype>

#include "util/text.hpp"

namespace nbloop::convert::package {
namespace {

// Splits "export module=x, test" into words at spaces and commas.
std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == ',' || s[i] == '\t')) {
      ++i;
    }
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != ',' && s[j] != '\t') {
      ++j;
    }
    if (j > i) {
      out.push_back(s.substr(i, j - i));
    }
    i = j;
  }
  return out;
}

// One nbloop directive word ("skip", "module=NAME", ...); false when not understood.
bool apply_nbloop(std::string_view w, CellDirectives& d) {
  if (w == "skip") {
    d.skip = true;
  } else if (w == "export") {
    d.export_cell = true;
  } else if (w == "test") {
    d.test = true;
  } else if (w == "parameters") {
    d.parameters = true;
  } else if (w == "injected-parameters") {
    d.injected_parameters = true;
  } else if (w.starts_with("module=") && w.size() > 7) {
    d.module = std::string(w.substr(7));
  } else if (w.starts_with("default_module=") && w.size() > 15) {
    d.default_exp = std::string(w.substr(15));
  } else {
    return false;
  }
  return true;
}

// nbdev's `#| name [value]` (also `#| name: value`); false when not one we act on.
bool apply_nbdev(std::string_view body, CellDirectives& d) {
  std::vector<std::string_view> w = words(body);
  if (w.empty()) {
    return false;
  }
  std::string_view name = w[0];
  std::string_view value = w.size() > 1 ? w[1] : std::string_view();
  if (name.ends_with(':')) {
    name.remove_suffix(1);
  }
  if (name == "export" || name == "exports" || name == "exporti") {
    d.export_cell = true;
    d.private_export = name == "exporti";
    if (!value.empty()) {
      d.module = std::string(value);
    }
  } else if (name == "default_exp") {
    d.default_exp = std::string(value);
  } else if (name == "hide") {
    d.skip = true;
  } else if (name == "eval") {
    d.skip = d.skip || value == "false" || value == "False";
  } else {
    return false;  // docs-only directives (echo, output, code-fold, ...) do not route cells
  }
  return true;
}

}  // namespace

CellDirectives parse_directives(std::string_view source, const std::vector<std::string>& tags) {
  CellDirectives d;
  for (const std::string& tag : tags) {
    std::string_view t = tag;
    if (t.starts_with("nbloop:")) {
      t.remove_prefix(7);
    } else if (t.starts_with("nbloop-")) {
      t.remove_prefix(7);
    }
    if (t == "skip" || t == "export" || t == "test" || t == "parameters" || t == "injected-parameters" ||
        t.starts_with("module=")) {
      apply_nbloop(t, d);
    }
  }
  int line_no = 0;
  size_t pos = 0;
  while (pos < source.size()) {
    size_t eol = source.find('\n', pos);
    std::string_view line = source.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
    std::string_view t = util::trim_space(line);
    ++line_no;
    bool directive = false;
    if (t.starts_with("#|")) {
      // Quarto/nbdev options that do not route cells (`#| echo: false`) are still
      // directives: removed from the code, without a warning.
      apply_nbdev(util::trim_space(t.substr(2)), d);
      directive = true;
    } else if (t.starts_with("#")) {
      std::string_view body = util::trim_space(t.substr(1));
      if (body.starts_with("nbloop:")) {
        for (std::string_view w : words(body.substr(7))) {
          if (!apply_nbloop(w, d)) {
            d.unknown.emplace_back(w);
          }
        }
        directive = true;
      }
    } else if (!t.empty()) {
      break;
    }
    if (directive) {
      d.directive_lines = line_no;
    } else if (!t.empty()) {
      break;
    }
    if (eol == std::string_view::npos) {
      break;
    }
    pos = eol + 1;
  }
  return d;
}

}  // namespace nbloop::convert::package
