#include "convert/package/init_file.hpp"

#include <algorithm>
#include <map>

namespace nbloop::convert::package {
namespace {

// `head` + names joined on one line, or wrapped one per line inside brackets.
std::string wrapped(const std::string& head, const std::vector<std::string>& items, char open, char close,
                    int line_length) {
  std::string joined;
  for (size_t i = 0; i < items.size(); ++i) {
    joined += (i > 0 ? ", " : "") + items[i];
  }
  std::string one_line = open == '(' ? head + joined : head + open + joined + close;
  if (static_cast<int>(one_line.size()) <= line_length) {
    return one_line + "\n";
  }
  std::string out = head + open + "\n";
  for (const auto& item : items) {
    out += "    " + item + ",\n";
  }
  out += close;
  out += "\n";
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '(')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == ',' || s.back() == ')')) {
    s.remove_suffix(1);
  }
  return s;
}

void add_names(std::string_view list, std::vector<std::string>& out) {
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    std::string_view item =
        trim(list.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (!item.empty()) {
      out.emplace_back(item);
    }
    if (comma == std::string_view::npos) {
      break;
    }
    start = comma + 1;
  }
}

}  // namespace

std::string init_body(std::string_view package, const std::vector<ModuleExports>& modules, int line_length,
                      std::vector<std::pair<std::string, std::string>>* shadowed) {
  std::string out = "\"\"\"The " + std::string(package) + " package: the public names of its modules.\"\"\"\n";
  std::map<std::string, std::string> taken;
  std::vector<std::string> all;
  std::string imports;
  for (const auto& m : modules) {
    std::vector<std::string> names;
    for (const auto& name : m.names) {
      auto [it, fresh] = taken.emplace(name, m.module);
      if (fresh) {
        names.push_back(name);
      } else if (shadowed != nullptr) {
        shadowed->emplace_back(m.module + "." + name, it->second);
      }
    }
    if (names.empty()) {
      continue;
    }
    imports += wrapped("from ." + m.module + " import ", names, '(', ')', line_length);
    all.insert(all.end(), names.begin(), names.end());
  }
  if (!imports.empty()) {
    out += "\n" + imports;
  }
  std::vector<std::string> quoted;
  quoted.reserve(all.size());
  for (const auto& name : all) {
    quoted.push_back("\"" + name + "\"");
  }
  out += "\n" + wrapped("__all__ = ", quoted, '[', ']', line_length);
  return out;
}

std::vector<ModuleExports> read_init_exports(std::string_view body) {
  std::vector<ModuleExports> out;
  size_t pos = 0;
  bool in_list = false;
  while (pos < body.size()) {
    size_t end = body.find('\n', pos);
    std::string_view line = body.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    pos = end == std::string_view::npos ? body.size() : end + 1;
    if (in_list) {
      if (trim(line).empty() && line.find(')') != std::string_view::npos) {
        in_list = false;
        continue;
      }
      add_names(line, out.back().names);
      in_list = line.find(')') == std::string_view::npos;
      continue;
    }
    constexpr std::string_view k_from = "from .";
    if (line.substr(0, k_from.size()) != k_from) {
      continue;
    }
    size_t import_at = line.find(" import ");
    if (import_at == std::string_view::npos) {
      continue;
    }
    out.push_back({std::string(line.substr(k_from.size(), import_at - k_from.size())), {}});
    std::string_view rest = line.substr(import_at + 8);
    in_list = rest.find('(') != std::string_view::npos && rest.find(')') == std::string_view::npos;
    add_names(rest, out.back().names);
  }
  return out;
}

}  // namespace nbloop::convert::package
