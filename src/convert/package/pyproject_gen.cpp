#include "convert/package/pyproject_gen.hpp"

namespace nbloop::convert::package {
namespace {

std::string toml_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out + "\"";
}

std::string toml_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    out += (i > 0 ? ", " : "") + toml_string(items[i]);
  }
  return out + "]";
}

}  // namespace

std::string pyproject_body(const ProjectSpec& spec) {
  std::string out =
      "[build-system]\n"
      "requires = [\"setuptools>=61\"]\n"
      "build-backend = \"setuptools.build_meta\"\n"
      "\n"
      "[project]\n"
      "name = " +
      toml_string(spec.name) +
      "\n"
      "version = \"0.1.0\"\n"
      "requires-python = \">=3.8\"\n";
  if (spec.dependencies.empty()) {
    out += "dependencies = []\n";
  } else {
    out += "dependencies = [\n";
    for (const auto& d : spec.dependencies) {
      out += "    " + toml_string(d) + ",\n";
    }
    out += "]\n";
  }
  out += "\n[project.optional-dependencies]\ntest = [\"pytest>=7\"]\n";
  out += "\n[tool.setuptools]\npackages = " + toml_list(spec.packages) + "\n";
  if (spec.package_root != ".") {
    out += "package-dir = {\"\" = " + toml_string(spec.package_root) + "}\n";
  }
  out += "\n[tool.pytest.ini_options]\ntestpaths = " + toml_list({spec.tests}) +
         "\npythonpath = " + toml_list({spec.package_root}) + "\n";
  if (spec.notebooks.empty()) {
    return out;
  }
  out += "\n[tool.nbloop.convert]\nnotebooks = [\n";
  bool one_package = true;
  for (const auto& [notebook, package] : spec.notebooks) {
    out += "    " + toml_string(notebook) + ",\n";
    one_package = one_package && package == spec.notebooks.front().second;
  }
  out += "]\n";
  if (one_package) {
    out += "package = " + toml_string(spec.notebooks.front().second) + "\n";
  }
  if (spec.package_root != ".") {
    out += "package-root = " + toml_string(spec.package_root) + "\n";
  }
  if (spec.tests != "tests") {
    out += "tests = " + toml_string(spec.tests) + "\n";
  }
  if (spec.line_length != 88) {
    out += "line-length = " + std::to_string(spec.line_length) + "\n";
  }
  if (!one_package) {
    out += "\n[tool.nbloop.convert.mapping]\n";
    for (const auto& [notebook, package] : spec.notebooks) {
      out += toml_string(notebook) + " = " + toml_string(package) + "\n";
    }
  }
  return out;
}

std::vector<std::string> read_pyproject_packages(std::string_view body) {
  std::vector<std::string> out;
  constexpr std::string_view k_key = "\npackages = [";
  size_t at = body.find(k_key);
  if (at == std::string_view::npos) {
    return out;
  }
  std::string_view list = body.substr(at + k_key.size());
  list = list.substr(0, list.find(']'));
  // Package names are identifiers: no quotes or escapes inside.
  for (size_t open = list.find('"'); open != std::string_view::npos; open = list.find('"', open)) {
    size_t close = list.find('"', open + 1);
    if (close == std::string_view::npos) {
      break;
    }
    out.emplace_back(list.substr(open + 1, close - open - 1));
    open = close + 1;
  }
  return out;
}

std::vector<std::string> read_pyproject_dependencies(std::string_view body) {
  std::vector<std::string> out;
  size_t at = body.find("\ndependencies = [\n");
  if (at == std::string_view::npos) {
    return out;
  }
  size_t pos = at + 18;
  while (pos < body.size()) {
    size_t end = body.find('\n', pos);
    std::string_view line = body.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    pos = end == std::string_view::npos ? body.size() : end + 1;
    if (line.substr(0, 5) != "    \"" || line.size() < 7 || line.substr(line.size() - 2) != "\",") {
      break;
    }
    std::string spec;
    std::string_view quoted = line.substr(5, line.size() - 7);
    for (size_t i = 0; i < quoted.size(); ++i) {
      if (quoted[i] == '\\' && i + 1 < quoted.size()) {
        ++i;
      }
      spec += quoted[i];
    }
    out.push_back(std::move(spec));
  }
  return out;
}

}  // namespace nbloop::convert::package
