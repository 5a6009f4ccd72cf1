#include "strip/strip.hpp"

#include <regex>

#include "notebook/json_write.hpp"
#include "notebook/text_lines.hpp"

namespace nbloop::strip {
namespace {

using notebook::json::Kind;
using notebook::json::Value;

struct OutputType {
  std::string type;
  std::optional<std::string> name;

  static OutputType parse(std::string_view s) {
    auto colon = s.find(':');
    if (colon == std::string_view::npos) {
      return {std::string(s), std::nullopt};
    }
    return {std::string(s.substr(0, colon)), std::string(s.substr(colon + 1))};
  }

  [[nodiscard]] bool matches(const Value& output) const {
    if (output.kind != Kind::object) {
      return false;
    }
    const Value* t = output.find("output_type");
    if (t == nullptr || !t->string_equals(type)) {
      return false;
    }
    if (!name) {
      return true;
    }
    const Value* n = output.find("name");
    return n != nullptr && n->string_equals(*name);
  }
};

bool any_matches(const std::vector<OutputType>& types, const Value& output) {
  for (const auto& t : types) {
    if (t.matches(output)) {
      return true;
    }
  }
  return false;
}

// pop_recursive: a literal key first, else descend on the first dot.
void pop_recursive(notebook::Notebook& nb, Value& d, std::string_view key) {
  nb.expand(d);
  if (d.kind != Kind::object) {
    return;
  }
  if (d.erase(key)) {
    return;
  }
  auto dot = key.find('.');
  if (dot == std::string_view::npos) {
    return;
  }
  if (Value* child = d.find(key.substr(0, dot))) {
    pop_recursive(nb, *child, key.substr(dot + 1));
  }
}

size_t code_points(std::string_view s) {
  size_t n = 0;
  for (char c : s) {
    n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  }
  return n;
}

// nbstripout's get_size (the summed length of all strings, other scalars as str(x)),
// computed only as far as needed: returns false as soon as the size exceeds `limit`.
bool size_within(const Value& v, uint64_t limit, uint64_t& total) {
  switch (v.kind) {
    case Kind::string:
      total += (v.flags & Value::k_escaped) != 0 ? code_points(v.str()) : code_points(v.text);
      break;
    case Kind::null: total += 4; break;                    // "None"
    case Kind::boolean: total += v.boolean ? 4 : 5; break;  // "True" / "False"
    case Kind::integer: total += v.text == "-0" ? 1 : v.text.size(); break;
    case Kind::floating: {
      std::string repr;
      if (v.text == "NaN") {
        repr = "nan";
      } else if (v.text == "Infinity") {
        repr = "inf";
      } else if (v.text == "-Infinity") {
        repr = "-inf";
      } else {
        repr = notebook::json::python_float_repr(std::strtod(std::string(v.text).c_str(), nullptr));
        if (repr == "Infinity") repr = "inf";
        if (repr == "-Infinity") repr = "-inf";
      }
      total += repr.size();
      break;
    }
    case Kind::array:
      for (const Value& item : v.items) {
        if (!size_within(item, limit, total)) return false;
      }
      break;
    case Kind::object:
      // Scalars first: a small limit is usually exceeded before any nested value is read.
      for (int pass = 0; pass < 2; ++pass) {
        for (const auto& m : v.members) {
          bool nested = m.value.kind == Kind::array || m.value.kind == Kind::object || m.value.kind == Kind::raw;
          if (nested == (pass == 1) && !size_within(m.value, limit, total)) return false;
        }
      }
      break;
    case Kind::raw: return size_within(notebook::json::parse_validated(v.text, 1), limit, total);
  }
  return total <= limit;
}

bool has_tag(const Value& cell, std::string_view tag) {
  const Value* meta = cell.find("metadata");
  if (meta == nullptr || meta->kind != Kind::object) {
    return false;
  }
  const Value* found = meta->find("tags");
  if (found == nullptr || !found->is_array()) {
    return false;
  }
  Value expanded;
  const Value* tags = found;
  if (found->kind == Kind::raw) {
    expanded = notebook::json::parse_validated(found->text, 1);
    tags = &expanded;
  }
  for (const Value& t : tags->items) {
    if (t.string_equals(tag)) {
      return true;
    }
  }
  return false;
}

// determine_keep_output: init_cell decides first, then keep_output metadata / tag.
util::Result<bool> keep_output_for(const Value& cell, bool fallback, bool strip_init_cells) {
  const Value* meta = cell.find("metadata");
  if (meta == nullptr || meta->kind != Kind::object) {
    return fallback;
  }
  if (const Value* init = meta->find("init_cell")) {
    return init->truthy() && !strip_init_cells;
  }
  const Value* keep_meta = meta->find("keep_output");
  bool keep_meta_value = keep_meta != nullptr && keep_meta->truthy();
  bool tagged = has_tag(cell, "keep_output");
  if (keep_meta != nullptr && tagged && !keep_meta_value) {
    return util::make_error("cell metadata contradicts tags: `keep_output` is false, but `keep_output` in tags");
  }
  if (keep_meta != nullptr || tagged) {
    return keep_meta_value || tagged;
  }
  return fallback;
}

bool source_has_content(const notebook::Notebook& nb, const Value& cell) {
  const Value* src = cell.find(nb.source_key(cell));
  if (src == nullptr) {
    return false;
  }
  if (src->is_string()) {
    return (src->flags & Value::k_escaped) != 0 ? notebook::has_non_whitespace(src->str())
                                                : notebook::has_non_whitespace(src->text);
  }
  if (src->kind == Kind::array) {
    for (const Value& line : src->items) {
      if (line.is_string() && notebook::has_non_whitespace(line.str())) {
        return true;
      }
    }
  }
  return false;
}

bool text_matches(const Value* text, const std::regex& re) {
  if (text == nullptr) {
    return false;
  }
  std::string s;
  if (text->is_string()) {
    s = text->str();
  } else if (text->kind == Kind::array) {
    for (const Value& line : text->items) {
      if (line.is_string()) {
        s += line.str();
      }
    }
  } else {
    return false;
  }
  return std::regex_search(s, re);
}

bool output_matches_regex(const Value& output, const std::regex& re) {
  if (output.kind != Kind::object) {
    return false;
  }
  const Value* type = output.find("output_type");
  if (type == nullptr) {
    return false;
  }
  if (type->string_equals("execute_result") || type->string_equals("display_data")) {
    const Value* data = output.find("data");
    return data != nullptr && data->kind == Kind::object && text_matches(data->find("text/plain"), re);
  }
  if (type->string_equals("stream")) {
    return text_matches(output.find("text"), re);
  }
  return false;
}

}  // namespace

const std::vector<std::string>& default_strip_keys() {
  static const std::vector<std::string> keys = {
      "metadata.signature",
      "metadata.widgets",
      "cell.metadata.collapsed",
      "cell.metadata.ExecuteTime",
      "cell.metadata.execution",
      "cell.metadata.heading_collapsed",
      "cell.metadata.hidden",
      "cell.metadata.scrolled",
  };
  return keys;
}

util::Result<uint64_t> parse_size(std::string_view text) {
  if (text.empty()) {
    return util::make_error("empty size");
  }
  uint64_t factor = 1;
  char last = static_cast<char>(std::toupper(static_cast<unsigned char>(text.back())));
  if (last == 'K' || last == 'M' || last == 'G') {
    factor = last == 'K' ? 1000 : last == 'M' ? 1000000 : 1000000000;
    text.remove_suffix(1);
  }
  if (text.empty() || text.size() > 15) {
    return util::make_error("invalid size");
  }
  uint64_t n = 0;
  for (char c : text) {
    if (c < '0' || c > '9') {
      return util::make_error("invalid size '" + std::string(text) + "' (expected a number with an optional k, M or G)");
    }
    n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  return n * factor;
}

util::Status strip_notebook(notebook::Notebook& nb, const StripOptions& options) {
  std::vector<OutputType> drop_types;
  std::vector<OutputType> keep_types;
  for (const auto& s : options.drop_output_types) drop_types.push_back(OutputType::parse(s));
  for (const auto& s : options.keep_output_types) keep_types.push_back(OutputType::parse(s));
  std::optional<std::regex> strip_re;
  if (options.strip_regex) {
    try {
      strip_re.emplace(*options.strip_regex, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      return util::make_error("invalid --strip-regex: " + std::string(e.what()));
    }
  }

  Value& meta = nb.metadata();
  bool keep_output = false;
  if (options.keep_output) {
    keep_output = *options.keep_output;
  } else if (const Value* k = meta.find("keep_output")) {
    keep_output = k->truthy();
  }

  std::vector<std::string> keys = default_strip_keys();
  keys.insert(keys.end(), options.extra_keys.begin(), options.extra_keys.end());
  for (const auto& keep : options.keep_metadata_keys) {
    std::erase(keys, keep);
  }
  std::vector<std::string> nb_keys;
  std::vector<std::string> cell_keys;
  for (const auto& key : keys) {
    if (key.starts_with("metadata.")) {
      nb_keys.push_back(key.substr(9));
    } else if (key.starts_with("cell.")) {
      cell_keys.push_back(key.substr(5));
    }
  }
  for (const auto& key : nb_keys) {
    pop_recursive(nb, meta, key);
  }

  // Drop whole cells first (empty, tagged), then strip what remains.
  for (Value* list : nb.cell_lists()) {
    std::vector<Value> kept;
    kept.reserve(list->items.size());
    for (Value& cell : list->items) {
      nb.expand(cell);
      if (options.drop_empty_cells && !source_has_content(nb, cell)) {
        continue;
      }
      bool drop = false;
      for (const auto& tag : options.drop_tagged_cells) {
        drop = drop || has_tag(cell, tag);
      }
      if (!drop) {
        kept.push_back(std::move(cell));
      }
    }
    list->items = std::move(kept);
  }

  size_t index = 0;
  for (Value* cell_ptr : nb.cells()) {
    Value& cell = *cell_ptr;
    auto keep_this = keep_output_for(cell, keep_output, options.strip_init_cells);
    if (!keep_this) {
      return util::make_error("cell " + std::to_string(index + 1) + ": " + keep_this.error().message);
    }
    if (Value* outputs = cell.find("outputs")) {
      nb.expand(*outputs);
      if (outputs->kind == Kind::array) {
        if (!*keep_this || !keep_types.empty()) {
          std::vector<Value> kept;
          for (Value& output : outputs->items) {
            bool keep = any_matches(keep_types, nb.expand(output));
            if (!keep) {
              if (options.max_size > 0) {
                nb.rejoin_output(output);
              }
              uint64_t total = 0;
              keep = size_within(output, options.max_size, total);
            }
            if (keep) {
              kept.push_back(std::move(output));
            }
          }
          outputs->items = std::move(kept);
        }
        if (!options.keep_count) {
          for (Value& output : outputs->items) {
            nb.expand(output);
            if (output.kind == Kind::object && output.find("execution_count") != nullptr) {
              output.set("execution_count", Value::make_null());
            }
          }
        }
        if (!drop_types.empty()) {
          std::erase_if(outputs->items, [&](Value& o) { return any_matches(drop_types, nb.expand(o)); });
        }
        if (strip_re) {
          std::erase_if(outputs->items, [&](Value& o) {
            nb.rejoin_output(o);
            return output_matches_regex(o, *strip_re);
          });
        }
      }
    }
    if (!options.keep_count) {
      if (cell.find("prompt_number") != nullptr) {
        cell.set("prompt_number", Value::make_null());
      }
      if (cell.find("execution_count") != nullptr) {
        cell.set("execution_count", Value::make_null());
      }
    }
    if (!options.keep_id && cell.find("id") != nullptr) {
      cell.set("id", Value::make_string(nb.doc.own(std::to_string(index))));
    }
    for (const auto& key : cell_keys) {
      pop_recursive(nb, cell, key);
    }
    ++index;
  }
  return util::Ok{};
}

}  // namespace nbloop::strip

namespace nbloop::strip {

namespace {

util::Result<std::string> strip_loaded(util::Result<notebook::Notebook> nb, const StripOptions& options,
                                       bool unix_newlines) {
  if (!nb) {
    return nb.error();
  }
  if (auto s = strip_notebook(*nb, options); !s) {
    return s.error();
  }
  return notebook::write_notebook(*nb, unix_newlines);
}

}  // namespace

util::Result<std::string> strip_bytes(std::string input, const StripOptions& options, bool unix_newlines) {
  return strip_loaded(notebook::read_notebook(std::move(input)), options, unix_newlines);
}

util::Result<std::string> strip_borrowed(std::string_view input, const StripOptions& options, bool unix_newlines) {
  return strip_loaded(notebook::read_notebook_borrowed(input), options, unix_newlines);
}

}  // namespace nbloop::strip
