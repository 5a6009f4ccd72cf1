#include "convert/notebook_diff.hpp"

#include <git2.h>

#include <algorithm>
#include <map>

#include "convert/percent.hpp"
#include "notebook/json_write.hpp"

namespace nbloop::convert {
namespace json = notebook::json;
namespace {

constexpr const char* k_red = "\x1b[31m";
constexpr const char* k_green = "\x1b[32m";
constexpr const char* k_cyan = "\x1b[36m";
constexpr const char* k_bold = "\x1b[1m";
constexpr const char* k_reset = "\x1b[0m";

std::string str_of(const json::Value* v) { return v != nullptr && v->is_string() ? v->str() : std::string(); }

std::string dumped(const json::Value* v, bool sort = true) {
  if (v == nullptr) return "null";
  std::string out;
  json::dump(*v, out, json::DumpOptions{-1, false, sort});
  return out;
}

std::string shorten(std::string s, size_t max = 100) {
  if (s.size() > max) {
    s.resize(max);
    while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80) s.pop_back();
    if (!s.empty() && static_cast<unsigned char>(s.back()) >= 0xC0) s.pop_back();
    s += "…";
  }
  return s;
}

std::string json_str(std::string_view s) {
  std::string out;
  json::dump_string(s, out, false);
  return out;
}

struct Side {
  notebook::Notebook& nb;
  std::vector<json::Value*> cells;
};

std::string source_of(Side& s, size_t i) {
  json::Value* c = s.cells[i];
  return str_of(c->find(s.nb.source_key(*c)));
}
std::string type_of(Side& s, size_t i) { return str_of(s.cells[i]->find("cell_type")); }

// Key → compact JSON of an object's members (last duplicate wins).
std::map<std::string, std::string> members(notebook::Notebook& nb, json::Value* obj) {
  std::map<std::string, std::string> out;
  if (obj == nullptr || !nb.expand(*obj).is_object()) return out;
  for (auto& m : obj->members) {
    nb.doc.expand(m.value, 64);
    out[m.key.str()] = dumped(&m.value);
  }
  return out;
}

struct KeyChange {
  std::string key;
  std::string a;  // empty: absent
  std::string b;
};

std::vector<KeyChange> compare_members(const std::map<std::string, std::string>& a,
                                       const std::map<std::string, std::string>& b) {
  std::vector<KeyChange> out;
  for (const auto& [k, v] : a) {
    auto it = b.find(k);
    if (it == b.end()) {
      out.push_back({k, v, ""});
    } else if (it->second != v) {
      out.push_back({k, v, it->second});
    }
  }
  for (const auto& [k, v] : b) {
    if (!a.contains(k)) out.push_back({k, "", v});
  }
  std::sort(out.begin(), out.end(), [](const KeyChange& x, const KeyChange& y) { return x.key < y.key; });
  return out;
}

struct Outputs {
  std::vector<std::string> summaries;
  std::vector<std::string> full;
};

Outputs outputs_of(Side& s, size_t i) {
  Outputs o;
  json::Value* outs = s.cells[i]->find("outputs");
  if (outs == nullptr || !s.nb.expand(*outs).is_array()) return o;
  for (auto& out : outs->items) {
    o.summaries.push_back(summarize_output(s.nb, out));
    s.nb.doc.expand(out, 64);
    // execution_count inside execute_result is volatile; compare without it.
    std::string d;
    if (out.is_object()) {
      json::Value copy = out;
      copy.erase("execution_count");
      d = dumped(&copy);
    } else {
      d = dumped(&out);
    }
    o.full.push_back(std::move(d));
  }
  return o;
}

int diff_line_cb(const git_diff_delta*, const git_diff_hunk*, const git_diff_line* line, void* payload) {
  auto* out = static_cast<std::string*>(payload);
  char origin = line->origin;
  if (origin == GIT_DIFF_LINE_CONTEXT || origin == GIT_DIFF_LINE_ADDITION || origin == GIT_DIFF_LINE_DELETION) {
    *out += origin;
    out->append(line->content, line->content_len);
    if (line->content_len == 0 || line->content[line->content_len - 1] != '\n') *out += '\n';
  } else if (origin == GIT_DIFF_LINE_CONTEXT_EOFNL || origin == GIT_DIFF_LINE_ADD_EOFNL || origin == GIT_DIFF_LINE_DEL_EOFNL) {
    *out += "\\ No newline at end of cell\n";
  }
  return 0;
}

int diff_hunk_cb(const git_diff_delta*, const git_diff_hunk* hunk, void* payload) {
  auto* out = static_cast<std::string*>(payload);
  out->append(hunk->header, hunk->header_len);
  if (hunk->header_len == 0 || hunk->header[hunk->header_len - 1] != '\n') *out += '\n';
  return 0;
}

}  // namespace

std::string unified_diff(const std::string& a, const std::string& b, int context) {
  static const int k_init = git_libgit2_init();
  (void)k_init;
  git_diff_options opts;
  git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
  opts.context_lines = static_cast<uint32_t>(context);
  opts.flags |= GIT_DIFF_FORCE_TEXT;
  std::string out;
  git_diff_buffers(a.data(), a.size(), nullptr, b.data(), b.size(), nullptr, &opts, nullptr, nullptr, diff_hunk_cb,
                   diff_line_cb, &out);
  return out;
}

DiffReport diff_notebooks(notebook::Notebook& nb_a, notebook::Notebook& nb_b, const std::vector<CellRow>& rows,
                          const std::vector<CellRow>& moves, const DiffOptions& options) {
  Side a{nb_a, nb_a.cells()};
  Side b{nb_b, nb_b.cells()};
  DiffReport report;
  auto paint = [&](const char* color, const std::string& text) {
    return options.color ? std::string(color) + text + k_reset : text;
  };
  std::string& t = report.text;
  std::string js = "{\"a\": " + json_str(options.label_a) + ", \"b\": " + json_str(options.label_b) + ", \"cells\": [";
  bool first_json = true;
  t += paint(k_bold, "--- " + options.label_a) + "\n" + paint(k_bold, "+++ " + options.label_b) + "\n";

  auto indent_block = [&](const std::string& block, bool colorize) {
    std::string out;
    size_t start = 0;
    while (start < block.size()) {
      size_t end = block.find('\n', start);
      if (end == std::string::npos) end = block.size();
      std::string line = block.substr(start, end - start);
      const char* color = nullptr;
      if (colorize && !line.empty()) {
        if (line[0] == '+') color = k_green;
        if (line[0] == '-') color = k_red;
        if (line[0] == '@') color = k_cyan;
      }
      out += "  " + (color != nullptr ? paint(color, line) : line) + "\n";
      start = end + 1;
    }
    return out;
  };
  auto whole = [&](const std::string& source, char sign) {
    std::string block;
    size_t start = 0;
    while (start < source.size()) {
      size_t end = source.find('\n', start);
      if (end == std::string::npos) end = source.size();
      block += sign + source.substr(start, end - start) + "\n";
      start = end + 1;
    }
    return block;
  };

  std::map<size_t, size_t> move_from_b;  // b → a
  std::map<size_t, size_t> move_from_a;
  for (const auto& m : moves) {
    move_from_b[m.b] = m.a;
    move_from_a[m.a] = m.b;
  }

  auto cell_json = [&](const std::string& status, size_t ia, size_t ib, const std::string& type,
                       const std::string& source_diff, const std::vector<KeyChange>& meta, const Outputs* oa,
                       const Outputs* ob) {
    std::string j = "{\"status\": " + json_str(status) + ", \"a\": " + (ia == k_no_cell ? "null" : std::to_string(ia + 1)) +
                    ", \"b\": " + (ib == k_no_cell ? "null" : std::to_string(ib + 1)) + ", \"cell_type\": " + json_str(type);
    if (!source_diff.empty()) j += ", \"source_diff\": " + json_str(source_diff);
    if (!meta.empty()) {
      j += ", \"metadata\": [";
      for (size_t k = 0; k < meta.size(); ++k) {
        j += std::string(k ? ", " : "") + "{\"key\": " + json_str(meta[k].key) + ", \"a\": " +
             (meta[k].a.empty() ? "null" : meta[k].a) + ", \"b\": " + (meta[k].b.empty() ? "null" : meta[k].b) + "}";
      }
      j += "]";
    }
    auto list = [&](const Outputs* o) {
      std::string l = "[";
      if (o != nullptr) {
        for (size_t k = 0; k < o->summaries.size(); ++k) l += std::string(k ? ", " : "") + json_str(o->summaries[k]);
      }
      return l + "]";
    };
    if (oa != nullptr || ob != nullptr) j += ", \"outputs\": {\"a\": " + list(oa) + ", \"b\": " + list(ob) + "}";
    j += "}";
    js += (first_json ? "" : ", ") + j;
    first_json = false;
  };

  auto compare_pair = [&](size_t ia, size_t ib, bool moved) {
    std::string type = type_of(b, ib);
    std::string sa = source_of(a, ia);
    std::string sb = source_of(b, ib);
    if (!sa.empty() && !sb.empty() && sa.back() != '\n' && sb.back() != '\n') {
      // Jupyter sources rarely end with a newline; say so only when the two sides differ.
      sa += '\n';
      sb += '\n';
    }
    std::string sdiff = sa == sb ? std::string() : unified_diff(sa, sb, options.context);
    auto meta = compare_members(members(a.nb, a.cells[ia]->find("metadata")), members(b.nb, b.cells[ib]->find("metadata")));
    Outputs oa = outputs_of(a, ia);
    Outputs ob = outputs_of(b, ib);
    bool outputs_changed = oa.full != ob.full;
    bool type_changed = type_of(a, ia) != type;
    if (!moved && sdiff.empty() && meta.empty() && !outputs_changed && !type_changed) return;
    report.different = true;
    std::string head = "cell " + std::to_string(ib + 1) + " (" + type + ")";
    std::string what = moved ? "moved from cell " + std::to_string(ia + 1) : "modified";
    if (!moved && ia != ib) what += " (was cell " + std::to_string(ia + 1) + ")";
    t += paint(k_cyan, head + ": " + what) + "\n";
    if (!sdiff.empty()) t += indent_block(sdiff, true);
    for (const auto& m : meta) {
      std::string line = "metadata " + m.key + ": ";
      if (m.a.empty()) {
        line = paint(k_green, "  + " + line + shorten(m.b));
      } else if (m.b.empty()) {
        line = paint(k_red, "  - " + line + shorten(m.a));
      } else {
        line = "  ~ " + line + shorten(m.a) + " → " + shorten(m.b);
      }
      t += line + "\n";
    }
    if (outputs_changed) {
      t += "  outputs:\n";
      for (const auto& s : oa.summaries) t += paint(k_red, "  - " + s) + "\n";
      for (const auto& s : ob.summaries) t += paint(k_green, "  + " + s) + "\n";
    }
    cell_json(moved ? "moved" : "modified", ia, ib, type, sdiff, meta, outputs_changed ? &oa : nullptr,
              outputs_changed ? &ob : nullptr);
  };

  for (const auto& row : rows) {
    if (row.a != k_no_cell && row.b != k_no_cell) {
      compare_pair(row.a, row.b, false);
    } else if (row.b != k_no_cell) {
      if (auto it = move_from_b.find(row.b); it != move_from_b.end()) {
        compare_pair(it->second, row.b, true);
        continue;
      }
      report.different = true;
      std::string type = type_of(b, row.b);
      std::string src = source_of(b, row.b);
      t += paint(k_green, "cell " + std::to_string(row.b + 1) + " (" + type + "): added") + "\n";
      t += indent_block(whole(src, '+'), true);
      Outputs ob = outputs_of(b, row.b);
      for (const auto& s : ob.summaries) t += paint(k_green, "  + output " + s) + "\n";
      cell_json("added", k_no_cell, row.b, type, "", {}, nullptr, ob.summaries.empty() ? nullptr : &ob);
    } else if (row.a != k_no_cell) {
      if (move_from_a.contains(row.a)) continue;
      report.different = true;
      std::string type = type_of(a, row.a);
      std::string src = source_of(a, row.a);
      t += paint(k_red, "cell " + std::to_string(row.a + 1) + " (" + type + "): deleted (numbered as in " + options.label_a + ")") + "\n";
      t += indent_block(whole(src, '-'), true);
      Outputs oa = outputs_of(a, row.a);
      cell_json("deleted", row.a, k_no_cell, type, "", {}, oa.summaries.empty() ? nullptr : &oa, nullptr);
    }
  }
  auto nb_meta = compare_members(members(nb_a, &nb_a.metadata()), members(nb_b, &nb_b.metadata()));
  if (!nb_meta.empty()) {
    report.different = true;
    t += paint(k_cyan, "notebook metadata:") + "\n";
    for (const auto& m : nb_meta) {
      if (m.a.empty()) {
        t += paint(k_green, "  + " + m.key + ": " + shorten(m.b)) + "\n";
      } else if (m.b.empty()) {
        t += paint(k_red, "  - " + m.key + ": " + shorten(m.a)) + "\n";
      } else {
        t += "  ~ " + m.key + ": " + shorten(m.a) + " → " + shorten(m.b) + "\n";
      }
    }
  }
  js += "], \"metadata\": [";
  for (size_t k = 0; k < nb_meta.size(); ++k) {
    js += std::string(k ? ", " : "") + "{\"key\": " + json_str(nb_meta[k].key) + ", \"a\": " +
          (nb_meta[k].a.empty() ? "null" : nb_meta[k].a) + ", \"b\": " + (nb_meta[k].b.empty() ? "null" : nb_meta[k].b) + "}";
  }
  js += "], \"different\": " + std::string(report.different ? "true" : "false") + "}\n";
  report.json = std::move(js);
  if (!report.different) t.clear();
  return report;
}

}  // namespace nbloop::convert
