#include "convert/package/cells.hpp"

#include <algorithm>
#include <cctype>

namespace nbloop::convert::package {
namespace json = notebook::json;
namespace {

std::string normalized(std::string s) {
  if (s.find('\r') == std::string::npos) {
    return s;
  }
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out += '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') {
        ++i;
      }
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string text_of(notebook::Notebook& nb, json::Value* v) {
  if (v == nullptr) {
    return {};
  }
  nb.expand(*v);
  if (v->is_string()) {
    return v->str();
  }
  std::string out;
  if (v->is_array()) {
    for (json::Value& piece : v->items) {
      if (piece.is_string()) {
        out += piece.str();
      }
    }
  }
  return out;
}

json::Value* member(notebook::Notebook& nb, json::Value* obj, std::string_view key) {
  if (obj == nullptr) {
    return nullptr;
  }
  nb.expand(*obj);
  if (!obj->is_object()) {
    return nullptr;
  }
  json::Value* v = obj->find(key);
  if (v != nullptr) {
    nb.expand(*v);
  }
  return v;
}

void read_result(notebook::Notebook& nb, json::Value* cell, NotebookCell& out) {
  json::Value* outputs = member(nb, cell, "outputs");
  if (outputs == nullptr || !outputs->is_array()) {
    return;
  }
  out.has_outputs = !outputs->items.empty();
  // Only an execute_result's text/plain is read: images and HTML stay unexpanded spans.
  for (json::Value& output : outputs->items) {
    nb.expand(output);
    if (!output.is_object()) {
      continue;
    }
    const json::Value* type = output.find("output_type");
    if (type == nullptr) {
      continue;
    }
    json::Value* text = nullptr;
    if (type->string_equals("execute_result")) {
      text = member(nb, member(nb, &output, "data"), "text/plain");
    } else if (type->string_equals("pyout")) {
      text = member(nb, &output, "text");
    }
    if (text != nullptr) {
      out.has_result = true;
      out.result_text = normalized(text_of(nb, text));
      return;
    }
  }
}

}  // namespace

NotebookCells read_cells(notebook::Notebook& nb) {
  NotebookCells out;
  json::Value& meta = nb.metadata();
  for (const char* path : {"kernelspec.language", "language_info.name", "language"}) {
    std::string_view p = path;
    json::Value* v = &meta;
    while (v != nullptr && !p.empty()) {
      size_t dot = p.find('.');
      v = member(nb, v, p.substr(0, dot));
      p = dot == std::string_view::npos ? std::string_view() : p.substr(dot + 1);
    }
    if (v != nullptr && v->is_string()) {
      out.language = v->str();
      break;
    }
  }
  int index = 0;
  for (json::Value* cell : nb.cells()) {
    ++index;
    NotebookCell c;
    c.index = index;
    json::Value* type = member(nb, cell, "cell_type");
    std::string type_name = type != nullptr && type->is_string() ? type->str() : std::string();
    c.source = normalized(text_of(nb, member(nb, cell, nb.source_key(*cell))));
    if (type_name == "code") {
      c.type = NotebookCell::Type::code;
      read_result(nb, cell, c);
    } else if (type_name == "markdown") {
      c.type = NotebookCell::Type::markdown;
    } else if (type_name == "heading") {
      c.type = NotebookCell::Type::markdown;
      json::Value* level = member(nb, cell, "level");
      int n = level != nullptr && level->kind == json::Kind::integer
                  ? std::clamp(std::atoi(std::string(level->text).c_str()), 1, 6)
                  : 1;
      c.source = std::string(static_cast<size_t>(n), '#') + " " + c.source;
    } else {
      c.type = NotebookCell::Type::raw;
    }
    if (json::Value* tags = member(nb, member(nb, cell, "metadata"), "tags"); tags != nullptr && tags->is_array()) {
      for (json::Value& t : tags->items) {
        if (t.is_string()) {
          c.tags.push_back(t.str());
        }
      }
    }
    out.cells.push_back(std::move(c));
  }
  return out;
}

}  // namespace nbloop::convert::package
