#include "convert/percent.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "convert/script_lines.hpp"
#include "convert/yaml.hpp"
#include "notebook/json_write.hpp"

namespace nbloop::convert {
namespace json = notebook::json;
namespace {

// Cell metadata jupytext never writes to text (cell_metadata._IGNORE_CELL_METADATA).
bool ignored_cell_key(std::string_view k) {
  static const std::array<std::string_view, 11> keys = {
      "autoscroll", "collapsed", "scrolled", "trusted", "execution", "ExecuteTime",
      "skipline", "noskipline", "cell_marker", "lines_to_next_cell", "lines_to_end_of_cell_marker"};
  return std::find(keys.begin(), keys.end(), k) != keys.end();
}

bool jupytext_internal_key(std::string_view k) {
  return k == "skipline" || k == "noskipline" || k == "cell_marker" || k == "lines_to_next_cell" ||
         k == "lines_to_end_of_cell_marker";
}

bool valid_metadata_key(std::string_view k) {
  if (k.empty()) return false;
  return std::all_of(k.begin(), k.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
           c == '-' || c == '@' || c == '/';
  });
}

std::string compact_json(const json::Value& v) {
  std::string out;
  json::dump(v, out, json::DumpOptions{-1, true, false});
  return out;
}

std::string json_string(std::string_view s) {
  std::string out;
  json::dump_string(s, out, true);
  return out;
}

// Members of an object in Python dict order: first position, last value.
std::vector<std::pair<std::string, const json::Value*>> dict_items(const json::Value& obj) {
  std::vector<std::pair<std::string, const json::Value*>> items;
  for (const auto& m : obj.members) {
    std::string key = m.key.str();
    auto it = std::find_if(items.begin(), items.end(), [&](const auto& p) { return p.first == key; });
    if (it != items.end()) {
      it->second = &m.value;
    } else {
      items.emplace_back(std::move(key), &m.value);
    }
  }
  return items;
}

std::string string_or_empty(const json::Value* v) { return v != nullptr && v->is_string() ? v->str() : std::string(); }

// A cell-metadata entry: key and compact JSON; `value` points at the notebook's value
// when there is one (for the active/tags checks).
struct Entry {
  std::string key;
  std::string json;
  const json::Value* value = nullptr;
};

struct CellMeta {
  std::vector<Entry> entries;
  Entry* find(std::string_view k) {
    for (auto& e : entries) {
      if (e.key == k) return &e;
    }
    return nullptr;
  }
  bool has(std::string_view k) { return find(k) != nullptr; }
  void erase(std::string_view k) {
    entries.erase(std::remove_if(entries.begin(), entries.end(), [&](const Entry& e) { return e.key == k; }),
                  entries.end());
  }
  void set_string(std::string_view k, std::string_view s) {
    if (Entry* e = find(k)) {
      e->json = json_string(s);
      e->value = nullptr;
      return;
    }
    entries.push_back(Entry{std::string(k), json_string(s), nullptr});
  }
  std::vector<std::string> tags(notebook::Notebook& nb) {
    std::vector<std::string> out;
    Entry* e = find("tags");
    if (e == nullptr || e->value == nullptr) return out;
    json::Value& v = const_cast<json::Value&>(*e->value);
    nb.expand(v);
    if (v.kind != json::Kind::array) return out;
    for (auto& t : v.items) {
      if (t.is_string()) out.push_back(t.str());
    }
    return out;
  }
};

bool contains_word(const std::string& list, std::string_view word, bool also_dot) {
  size_t start = 0;
  while (start <= list.size()) {
    size_t end = list.find_first_of(also_dot ? ".," : "-", start);
    if (end == std::string::npos) end = list.size();
    if (std::string_view(list).substr(start, end - start) == word) return true;
    start = end + 1;
  }
  return false;
}

// jupytext's is_active(".py", metadata, default).
bool is_active_py(notebook::Notebook& nb, CellMeta& meta, bool fallback) {
  if (Entry* rc = meta.find("run_control"); rc != nullptr && rc->value != nullptr) {
    json::Value& v = const_cast<json::Value&>(*rc->value);
    nb.expand(v);
    if (v.kind == json::Kind::object) {
      const json::Value* frozen = v.find("frozen");
      if (frozen != nullptr && frozen->kind == json::Kind::boolean && frozen->boolean) return false;
    }
  }
  for (const auto& tag : meta.tags(nb)) {
    if (tag.starts_with("active-")) return contains_word(tag, "py", false);
  }
  Entry* active = meta.find("active");
  if (active == nullptr) return fallback;
  std::string text;
  if (active->value != nullptr) {
    text = active->value->is_string() ? active->value->str() : std::string();
  } else {
    std::string decoded;
    json::decode_string(std::string_view(active->json).substr(1, active->json.size() - 2), decoded);
    text = decoded;
  }
  return contains_word(text, "py", true);
}

std::string default_language(notebook::Notebook& nb, bool* pop_main) {
  json::Value& md = nb.metadata();
  std::string main_language;
  if (json::Value* j = md.find("jupytext"); j != nullptr && nb.expand(*j).kind == json::Kind::object) {
    main_language = string_or_empty(j->find("main_language"));
  }
  std::string kernel;
  if (json::Value* k = md.find("kernelspec"); k != nullptr && nb.expand(*k).kind == json::Kind::object) {
    kernel = string_or_empty(k->find("language"));
  }
  if (kernel.empty()) kernel = "python";
  if (pop_main != nullptr) *pop_main = !main_language.empty() && main_language == kernel;
  std::string language = main_language.empty() ? kernel : main_language;
  if (language == "R" || language == "sas") return language;
  if (language.starts_with("C++")) return "c++";
  std::string out;
  for (char c : language) {
    if (c == '#') {
      out += "sharp";
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// jupytext's cell_source: "" → [""]; trailing newline → an extra empty line.
Lines cell_source(std::string_view source) {
  if (source.empty()) return {""};
  Lines lines = split_lines(source);
  char last = source.back();
  if (last == '\n' || last == '\r') lines.emplace_back();
  return lines;
}

bool regex_header_line(std::string_view line) {
  if (!line.starts_with("---")) return false;
  return is_blank(line.substr(3));
}

std::string strip_chars(std::string_view s, std::string_view chars) {
  size_t a = s.find_first_not_of(chars);
  if (a == std::string_view::npos) return "";
  size_t b = s.find_last_not_of(chars);
  return std::string(s.substr(a, b - a + 1));
}

std::optional<int> int_value(const json::Value* v) {
  if (v == nullptr || v->kind != json::Kind::integer) return std::nullopt;
  return std::atoi(std::string(v->text).c_str());
}

struct CellText {
  Lines text;
  std::optional<int> lines_to_next_cell;
};

}  // namespace

std::string summarize_output(notebook::Notebook& nb, json::Value& output) {
  nb.expand(output);
  std::string type = string_or_empty(output.find("output_type"));
  std::string out = type.empty() ? "output" : type;
  auto size_of = [&](json::Value& v) -> size_t {
    nb.expand(v);
    if (v.is_string()) return v.str().size();
    if (v.kind == json::Kind::array) {
      size_t n = 0;
      for (auto& item : v.items) n += item.is_string() ? item.str().size() : 0;
      return n;
    }
    std::string dumped;
    json::dump(v, dumped, json::DumpOptions{-1, false, true});
    return dumped.size();
  };
  std::vector<std::string> parts;
  if (type == "stream") {
    std::string name = string_or_empty(output.find("name"));
    json::Value* text = output.find("text");
    parts.push_back((name.empty() ? std::string("text") : name) + ", " + std::to_string(text ? size_of(*text) : 0) + " bytes");
  } else if (type == "error") {
    parts.push_back(string_or_empty(output.find("ename")));
  } else if (json::Value* data = output.find("data"); data != nullptr && nb.expand(*data).kind == json::Kind::object) {
    for (auto& [key, value] : dict_items(*data)) {
      parts.push_back(key + ", " + std::to_string(size_of(const_cast<json::Value&>(*value))) + " bytes");
    }
    std::sort(parts.begin(), parts.end());
  }
  if (!parts.empty()) {
    out += " [";
    for (size_t i = 0; i < parts.size(); ++i) out += (i ? "; " : "") + parts[i];
    out += "]";
  }
  return out;
}

std::string write_percent(notebook::Notebook& nb, const PercentOptions& options) {
  json::Value& md = nb.metadata();
  bool pop_main = false;
  const std::string language_default = default_language(nb, &pop_main);

  bool escape_magics = true;
  json::Value* jupytext = md.find("jupytext");
  if (jupytext != nullptr && nb.expand(*jupytext).kind == json::Kind::object) {
    if (const json::Value* cm = jupytext->find("comment_magics"); cm != nullptr && cm->kind == json::Kind::boolean) {
      escape_magics = cm->boolean;
    }
  } else {
    jupytext = nullptr;
  }

  std::vector<json::Value*> cells = nb.cells();

  // Shebang and encoding lines.
  Lines header;
  if (jupytext != nullptr) {
    if (const json::Value* e = jupytext->find("executable"); e != nullptr && e->is_string()) header.push_back("#!" + e->str());
  }
  bool has_encoding = false;
  if (jupytext != nullptr) {
    if (const json::Value* e = jupytext->find("encoding"); e != nullptr && e->is_string()) {
      header.push_back(e->str());
      has_encoding = true;
    }
  }
  if (!has_encoding && language_default != "python") {
    for (json::Value* cell : cells) {
      const json::Value* src = cell->find(nb.source_key(*cell));
      if (src != nullptr && src->is_string() && !is_ascii(src->str())) {
        header.emplace_back("# -*- coding: utf-8 -*-");
        break;
      }
    }
  }

  // A leading raw cell holding a YAML block becomes root-level header keys.
  Lines root_level;
  std::optional<int> header_lines_to_next;
  size_t first_cell = 0;
  if (!cells.empty() && cells[0]->find("cell_type") != nullptr && cells[0]->find("cell_type")->string_equals("raw")) {
    std::string src = string_or_empty(cells[0]->find(nb.source_key(*cells[0])));
    Lines lines = split_lines(strip_chars(src, "\n\t "));
    if (lines.size() >= 2 && regex_header_line(lines.front()) && regex_header_line(lines.back())) {
      root_level.assign(lines.begin() + 1, lines.end() - 1);
      if (json::Value* cm = cells[0]->find("metadata"); cm != nullptr && nb.expand(*cm).kind == json::Kind::object) {
        header_lines_to_next = int_value(cm->find("lines_to_next_cell"));
      }
      first_cell = 1;
    }
  }

  // The `jupyter:` section: jupytext's default notebook-metadata filter.
  std::string jupyter = "{";
  bool any = false;
  bool wrote_jupytext = false;
  auto add_member = [&](const std::string& key, const std::string& value_json) {
    if (any) jupyter += ", ";
    any = true;
    jupyter += json_string(key) + ": " + value_json;
  };
  std::string text_repr = "{\"extension\": \".py\", \"format_name\": \"percent\", \"format_version\": \"1.3\", "
                          "\"jupytext_version\": " + json_string(options.version) + "}";
  for (auto& [key, value] : dict_items(md)) {
    if (key == "jupytext") {
      std::string inner = "{";
      bool inner_any = false;
      if (value->is_object()) {
        json::Value& j = const_cast<json::Value&>(*value);
        nb.expand(j);
        for (auto& [k, v] : dict_items(j)) {
          if (k == "formats" || k == "executable" || k == "encoding" || k == "text_representation" ||
              (k == "main_language" && pop_main)) {
            continue;
          }
          inner += (inner_any ? ", " : "") + json_string(k) + ": " + compact_json(*v);
          inner_any = true;
        }
      }
      inner += std::string(inner_any ? ", " : "") + "\"text_representation\": " + text_repr + "}";
      add_member(key, inner);
      wrote_jupytext = true;
    } else if (key == "kernelspec" || key == "org_babel" || key == "kernel_info" || key == "orphan" || key == "tocdepth") {
      add_member(key, compact_json(*value));
    }
  }
  if (!wrote_jupytext) add_member("jupytext", "{\"text_representation\": " + text_repr + "}");
  if (options.keep_ids) add_member("nbloop", "{\"cell_ids\": true}");
  jupyter += "}";
  Lines header_content;
  {
    auto doc = json::Document::parse("{\"jupyter\": " + jupyter + "}");
    std::string yaml;
    if (doc) yaml_dump(*doc, doc->root(), yaml);
    Lines yaml_lines = split_lines(yaml);
    Lines all;
    all.emplace_back("---");
    all.insert(all.end(), root_level.begin(), root_level.end());
    all.insert(all.end(), yaml_lines.begin(), yaml_lines.end());
    all.emplace_back("---");
    header_content = comment_lines(all, "#");
  }

  // Cells.
  std::vector<CellText> texts;
  for (size_t ci = first_cell; ci < cells.size(); ++ci) {
    json::Value& cell = *cells[ci];
    std::string cell_type = string_or_empty(cell.find("cell_type"));
    std::string source = string_or_empty(cell.find(nb.source_key(cell)));
    if (cell_type == "heading") {
      // nbformat 3 heading cells are Markdown headings in nbformat 4.
      int level = 1;
      if (auto l = int_value(cell.find("level"))) level = std::clamp(*l, 1, 6);
      source = std::string(static_cast<size_t>(level), '#') + " " + source;
      cell_type = "markdown";
    }
    Lines src = cell_source(source);

    json::Value empty_object = json::Value::make_object();
    json::Value* meta_value = cell.find("metadata");
    if (meta_value == nullptr || nb.expand(*meta_value).kind != json::Kind::object) meta_value = &empty_object;
    auto items = dict_items(*meta_value);

    CellMeta meta;
    for (auto& [key, value] : items) {
      if (!valid_metadata_key(key) || ignored_cell_key(key)) continue;
      if (key == "tags" && !value->truthy()) {
        json::Value& t = const_cast<json::Value&>(*value);
        nb.expand(t);
        if (!t.truthy()) continue;
      }
      meta.entries.push_back(Entry{key, compact_json(*value), value});
    }
    std::optional<int> lines_to_next;
    for (auto& [key, value] : items) {
      if (key == "lines_to_next_cell") lines_to_next = int_value(value);
    }

    // A first line "%%LANG args" naming a language moves into the header.
    std::string language;
    bool has_language = false;
    if (!src.empty() && src[0].starts_with("%%")) {
      std::string magic = src[0].substr(2);
      std::string lang = magic;
      std::string args;
      if (size_t sp = magic.find(' '); sp != std::string::npos) {
        lang = magic.substr(0, sp);
        args = magic.substr(sp + 1);
      }
      if (is_jupyter_language(lang) || lang.empty()) {
        src.erase(src.begin());
        if (!args.empty()) meta.set_string("magic_args", args);
        if (!lang.empty()) {
          meta.set_string("language", lang);
          language = lang;
          has_language = true;
        }
      }
    }
    if (!has_language) {
      language = language_default;
      for (auto& [key, value] : items) {
        if (key == "language" && value->is_string()) language = value->str();
      }
    }
    if (cell_type == "raw" && !meta.has("active")) {
      bool active_tag = false;
      for (const auto& t : meta.tags(nb)) active_tag = active_tag || t.starts_with("active-");
      if (!active_tag) meta.set_string("active", "");
    }

    const bool active = is_active_py(nb, meta, usual_language_name(language) == usual_language_name(language_default));
    if (cell_type == "raw") {
      if (Entry* a = meta.find("active"); a != nullptr && a->json == "\"\"") meta.erase("active");
    }
    auto is_code = [&]() {
      if (cell_type == "code") return true;
      if (cell_type == "raw" && meta.has("active")) return true;
      for (const auto& t : meta.tags(nb)) {
        if (t.starts_with("active-")) return true;
      }
      return false;
    };
    const bool code = is_code();
    if (options.keep_ids) {
      // A metadata key named "id" (Colab writes one) travels under another name.
      if (Entry* own = meta.find("id")) own->key = "nbloop_metadata_id";
      if (const json::Value* id = cell.find("id"); id != nullptr && id->is_string()) {
        meta.set_string("id", id->str());
      }
    }
    if (!code) meta.set_string("cell_type", cell_type);

    // metadata_to_double_percent_options
    std::vector<std::string> words;
    if (Entry* t = meta.find("title")) {
      if (t->value != nullptr && t->value->is_string()) {
        words.push_back(t->value->str());
      } else {
        words.push_back(t->json);
      }
      meta.erase("title");
    }
    if (Entry* d = meta.find("cell_depth")) {
      int depth = d->value != nullptr ? int_value(d->value).value_or(0) : 0;
      words.insert(words.begin(), std::string(static_cast<size_t>(std::max(depth, 0)), '%'));
      meta.erase("cell_depth");
    }
    if (meta.has("cell_type")) {
      std::string name = cell_type;
      if (Entry* r = meta.find("region_name"); r != nullptr && r->value != nullptr && r->value->is_string()) {
        name = r->value->str();
      }
      meta.erase("region_name");
      meta.erase("cell_type");
      words.push_back("[" + name + "]");
    }
    std::string options_text;
    {
      std::string lead;
      for (size_t i = 0; i < words.size(); ++i) lead += (i ? " " : "") + words[i];
      std::vector<std::string> parts;
      if (!lead.empty()) parts.push_back(lead);
      for (const auto& e : meta.entries) {
        if (jupytext_internal_key(e.key)) continue;
        if (e.key == "incorrectly_encoded_metadata" && e.value != nullptr && e.value->is_string()) {
          parts.push_back(e.value->str());
        } else if (e.json == "null") {
          parts.push_back(e.key);
        } else {
          parts.push_back(e.key + "=" + e.json);
        }
      }
      for (size_t i = 0; i < parts.size(); ++i) options_text += (i ? " " : "") + parts[i];
    }
    std::string indent;
    if (code && active && !src.empty() && !is_blank(src[0])) {
      size_t p = src[0].find_first_not_of(" \t\n\r\v\f");
      indent = src[0].substr(0, p);
    }
    CellText ct;
    ct.lines_to_next_cell = lines_to_next;
    if (options_text.empty() || options_text[0] == '%') {
      ct.text.push_back(indent + "# %%" + options_text);
    } else {
      ct.text.push_back(indent + "# %% " + options_text);
    }
    if (code && active) {
      comment_magics(src, language, escape_magics);
      if (!(src.size() == 1 && src[0].empty())) ct.text.insert(ct.text.end(), src.begin(), src.end());
    } else {
      Lines commented = comment_lines(src, "#");
      ct.text.insert(ct.text.end(), commented.begin(), commented.end());
    }
    if (options.summarize_outputs && cell_type == "code") {
      if (json::Value* outputs = cell.find("outputs"); outputs != nullptr && nb.expand(*outputs).kind == json::Kind::array) {
        for (auto& o : outputs->items) ct.text.push_back("# [output] " + summarize_output(nb, o));
      }
    }
    texts.push_back(std::move(ct));
  }

  // Blank lines between cells, decided from the end as jupytext does; the lines after the
  // current cell are kept last-to-first so each step appends instead of prepending.
  Lines reversed;
  for (size_t k = texts.size(); k-- > 0;) {
    Lines& text = texts[k].text;
    int n = texts[k].lines_to_next_cell.has_value() ? *texts[k].lines_to_next_cell
                                                    : pep8_lines_between_cells_reversed(text, reversed);
    if (!reversed.empty()) {
      // When the blank lines before the next cell could be split between this source and
      // the separator in an earlier way (jupytext writes `f(1)` and `f(1)\n` before a `def`
      // cell the same way), say how many belong to the source, so the round trip is exact.
      // Only such cells differ from jupytext's bytes.
      size_t nonblank_end = text.size();
      while (nonblank_end > 1 && is_blank(text[nonblank_end - 1])) --nonblank_end;
      const size_t source_blanks = text.size() - nonblank_end;
      const size_t blanks = source_blanks + static_cast<size_t>(std::max(n, 0));
      for (size_t s = 0; s < source_blanks; ++s) {
        Lines prev(text.begin(), text.begin() + static_cast<long>(nonblank_end + s));
        if (s + static_cast<size_t>(pep8_lines_between_cells_reversed(prev, reversed)) == blanks) {
          text[0] += " nbloop_source_blank_lines=" + std::to_string(source_blanks);
          break;
        }
      }
      if (source_blanks == 0 && n != pep8_lines_between_cells_reversed(text, reversed)) {
        text[0] += " nbloop_source_blank_lines=0";
      }
    }
    for (int i = 0; i < n; ++i) reversed.emplace_back();
    for (size_t i = text.size(); i-- > 0;) reversed.push_back(std::move(text[i]));
  }
  int header_blank = header_lines_to_next.has_value() ? *header_lines_to_next
                                                      : pep8_lines_between_cells_reversed(header_content, reversed);
  header.insert(header.end(), header_content.begin(), header_content.end());
  for (int i = 0; i < header_blank; ++i) header.emplace_back();
  Lines lines(std::make_move_iterator(reversed.rbegin()), std::make_move_iterator(reversed.rend()));

  std::string out;
  size_t total = 0;
  for (const auto& l : header) total += l.size() + 1;
  for (const auto& l : lines) total += l.size() + 1;
  out.reserve(total);
  bool first = true;
  for (const Lines* part : {&header, &lines}) {
    for (const auto& l : *part) {
      if (!first) out += '\n';
      out += l;
      first = false;
    }
  }
  if (out.empty() || out.back() != '\n') out += '\n';
  return out;
}

}  // namespace nbloop::convert
