#include "strip/strip_config.hpp"

#include <sstream>

namespace nbloop::strip {

// nbstripout takes space-separated lists in one argument ("--extra-keys 'a b'").
std::vector<std::string> split_words(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) {
    std::istringstream in(v);
    std::string word;
    while (in >> word) {
      out.push_back(word);
    }
  }
  return out;
}

util::Status apply_config(const config::Section& section, StripOptions& options, bool& unix_newlines) {
  for (const auto& entry : section.values) {
    const std::string& key = entry.first;
    const auto& value = entry.second;  // not a structured binding: clang 14 cannot capture those
    auto fail = [&, k = key](const std::string& what) -> util::Status {
      return util::make_error("tool.nbloop.strip." + k + ": " + what, section.lines.at(k), 1);
    };
    auto as_bool = [&](bool& out) -> util::Status {
      if (const bool* b = std::get_if<bool>(&value)) {
        out = *b;
        return util::Ok{};
      }
      return fail("expected true or false");
    };
    auto as_list = [&](std::vector<std::string>& out) -> util::Status {
      if (const auto* l = std::get_if<std::vector<std::string>>(&value)) {
        out = *l;
      } else if (const auto* s = std::get_if<std::string>(&value)) {
        out = split_words({*s});
      } else {
        return fail("expected a list of strings");
      }
      return util::Ok{};
    };
    util::Status st = util::Ok{};
    bool b = false;
    if (key == "keep-output") {
      st = as_bool(b);
      options.keep_output = b;
    } else if (key == "keep-count") {
      st = as_bool(options.keep_count);
    } else if (key == "keep-id") {
      st = as_bool(options.keep_id);
    } else if (key == "extra-keys") {
      st = as_list(options.extra_keys);
    } else if (key == "keep-metadata-keys") {
      st = as_list(options.keep_metadata_keys);
    } else if (key == "drop-empty-cells") {
      st = as_bool(options.drop_empty_cells);
    } else if (key == "drop-tagged-cells") {
      st = as_list(options.drop_tagged_cells);
    } else if (key == "strip-init-cells") {
      st = as_bool(options.strip_init_cells);
    } else if (key == "max-size") {
      if (const auto* i = std::get_if<int64_t>(&value); i != nullptr && *i >= 0) {
        options.max_size = static_cast<uint64_t>(*i);
      } else if (const auto* s = std::get_if<std::string>(&value)) {
        auto size = parse_size(*s);
        if (!size) {
          return fail(size.error().message);
        }
        options.max_size = *size;
      } else {
        return fail("expected a size such as 1000 or \"10k\"");
      }
    } else if (key == "keep-output-type") {
      st = as_list(options.keep_output_types);
    } else if (key == "drop-output-type") {
      st = as_list(options.drop_output_types);
    } else if (key == "strip-regex") {
      if (const auto* s = std::get_if<std::string>(&value)) {
        options.strip_regex = *s;
      } else {
        return fail("expected a string");
      }
    } else if (key == "unix-newlines") {
      st = as_bool(unix_newlines);
    } else {
      return fail("unknown setting");
    }
    if (!st) {
      return st;
    }
  }
  return util::Ok{};
}

}  // namespace nbloop::strip
