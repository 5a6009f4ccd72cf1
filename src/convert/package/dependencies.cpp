#include "convert/package/dependencies.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <utility>

namespace nbloop::convert::package {
namespace {

// Imports whose distribution has another name (sorted by import name, checked by a test).
constexpr std::array<std::pair<std::string_view, std::string_view>, 48> k_distributions = {{
    {"Bio", "biopython"},
    {"Crypto", "pycryptodome"},
    {"IPython", "ipython"},
    {"MySQLdb", "mysqlclient"},
    {"OpenSSL", "pyopenssl"},
    {"PIL", "pillow"},
    {"absl", "absl-py"},
    {"attr", "attrs"},
    {"azure", ""},
    {"bs4", "beautifulsoup4"},
    {"cv2", "opencv-python"},
    {"dateutil", "python-dateutil"},
    {"docx", "python-docx"},
    {"dotenv", "python-dotenv"},
    {"fitz", "pymupdf"},
    {"git", "gitpython"},
    {"google", ""},
    {"jose", "python-jose"},
    {"jwt", "pyjwt"},
    {"magic", "python-magic"},
    {"mpl_toolkits", "matplotlib"},
    {"multipart", "python-multipart"},
    {"nacl", "pynacl"},
    {"osgeo", "gdal"},
    {"pkg_resources", "setuptools"},
    {"pptx", "python-pptx"},
    {"psycopg2", "psycopg2-binary"},
    {"pylab", "matplotlib"},
    {"ruamel", "ruamel.yaml"},
    {"sentence_transformers", "sentence-transformers"},
    {"serial", "pyserial"},
    {"skimage", "scikit-image"},
    {"sklearn", "scikit-learn"},
    {"slugify", "python-slugify"},
    {"snowflake", "snowflake-connector-python"},
    {"socks", "pysocks"},
    {"speech_recognition", "speechrecognition"},
    {"telegram", "python-telegram-bot"},
    {"tensorflow_datasets", "tensorflow-datasets"},
    {"tensorflow_hub", "tensorflow-hub"},
    {"torch_geometric", "torch-geometric"},
    {"umap", "umap-learn"},
    {"usb", "pyusb"},
    {"win32api", "pywin32"},
    {"win32com", "pywin32"},
    {"wx", "wxpython"},
    {"yaml", "pyyaml"},
    {"zmq", "pyzmq"},
}};

}  // namespace

std::string distribution_for_import(std::string_view module) {
  for (const auto& [import_name, distribution] : k_distributions) {
    if (import_name == module) {
      return std::string(distribution);
    }
  }
  return std::string(module);
}

std::string normalize_distribution(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      if (out.empty() || out.back() != '-') {
        out += '-';
      }
    } else {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
  }
  return out;
}

std::string requirement_name(std::string_view spec) {
  size_t start = spec.find_first_not_of(" \t");
  if (start == std::string_view::npos) {
    return "";
  }
  spec.remove_prefix(start);
  if (spec.find("://") != std::string_view::npos || spec[0] == '.' || spec[0] == '/' || spec[0] == '~') {
    return "";
  }
  size_t end = spec.find_first_of("<>=!~;[ @(\t,");
  std::string_view name = spec.substr(0, end);
  if (name.empty() || name.find('/') != std::string_view::npos || name.ends_with(".whl") || name.ends_with(".tar.gz") ||
      name.ends_with(".zip")) {
    return "";
  }
  return std::string(name);
}

std::string pep508_spec(std::string_view spec) {
  std::string name = requirement_name(spec);
  size_t start = spec.find_first_not_of(" \t");
  if (name.empty() || start == std::string_view::npos) {
    return std::string(spec);
  }
  std::string_view rest = spec.substr(start + name.size());
  // conda's `name=1.11` (any 1.11.x) is PEP 440's `name==1.11.*`.
  if (rest.size() > 1 && rest[0] == '=' && rest[1] != '=' &&
      rest.find_first_of(" ;,<>!~=*", 1) == std::string_view::npos) {
    return name + "==" + std::string(rest.substr(1)) + ".*";
  }
  return std::string(spec.substr(start));
}

std::vector<std::string> merge_dependencies(const std::vector<Requirement>& requirements,
                                            const std::vector<std::string>& imports,
                                            std::vector<std::string>* skipped) {
  // Keyed by normalized name; URL/path requirements by their text (after every name).
  std::map<std::string, std::string> by_name;
  std::map<std::string, std::string> by_location;
  for (const auto& r : requirements) {
    std::string name = requirement_name(r.spec);
    if (name.empty()) {
      by_location.emplace(r.spec, r.spec);
    } else {
      by_name.emplace(normalize_distribution(name), pep508_spec(r.spec));
    }
  }
  for (const auto& module : imports) {
    std::string distribution = distribution_for_import(module);
    if (distribution.empty()) {
      if (skipped != nullptr && std::find(skipped->begin(), skipped->end(), module) == skipped->end()) {
        skipped->push_back(module);
      }
      continue;
    }
    by_name.emplace(normalize_distribution(distribution), distribution);
  }
  std::vector<std::string> out;
  out.reserve(by_name.size() + by_location.size());
  for (auto& [key, spec] : by_name) {
    out.push_back(std::move(spec));
  }
  for (auto& [key, spec] : by_location) {
    out.push_back(std::move(spec));
  }
  return out;
}

}  // namespace nbloop::convert::package
