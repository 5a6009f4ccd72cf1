// The percent-script reader (jupytext's DoublePercentScriptCellReader rules).
#include <algorithm>
#include <optional>

#include "convert/percent.hpp"
#include "convert/script_lines.hpp"
#include "convert/yaml.hpp"
#include "notebook/json_write.hpp"

namespace nbloop::convert {
namespace json = notebook::json;
namespace {

using Meta = std::vector<std::pair<std::string, std::string>>;

const std::string* meta_find(const Meta& m, std::string_view k) {
  for (const auto& [key, v] : m) {
    if (key == k) return &v;
  }
  return nullptr;
}
void meta_set(Meta& m, std::string_view k, std::string v) {
  for (auto& [key, val] : m) {
    if (key == k) {
      val = std::move(v);
      return;
    }
  }
  m.emplace_back(std::string(k), std::move(v));
}
bool meta_erase(Meta& m, std::string_view k) {
  auto it = std::remove_if(m.begin(), m.end(), [&](const auto& kv) { return kv.first == k; });
  bool found = it != m.end();
  m.erase(it, m.end());
  return found;
}

std::string decode_json_string(const std::string& j) {
  if (j.size() < 2 || j.front() != '"') return "";
  std::string out;
  json::decode_string(std::string_view(j).substr(1, j.size() - 2), out);
  return out;
}

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }
size_t skip_ws(std::string_view s, size_t p) {
  while (p < s.size() && is_ws(s[p])) ++p;
  return p;
}
std::string strip(std::string_view s) {
  size_t a = 0, b = s.size();
  while (a < b && is_ws(s[a])) ++a;
  while (b > a && is_ws(s[b - 1])) --b;
  return std::string(s.substr(a, b - a));
}

// ^\s*#\s*%%(%*)\s(.*)$
bool start_code(std::string_view line) {
  size_t p = skip_ws(line, 0);
  if (p >= line.size() || line[p] != '#') return false;
  p = skip_ws(line, p + 1);
  if (!line.substr(p).starts_with("%%")) return false;
  p += 2;
  while (p < line.size() && line[p] == '%') ++p;
  return p < line.size() && is_ws(line[p]);
}

// ^\s*#\s*(%%|<codecell>|In\[[0-9 ]*\]:?)\s*$
bool alternative_start(std::string_view line) {
  size_t p = skip_ws(line, 0);
  if (p >= line.size() || line[p] != '#') return false;
  p = skip_ws(line, p + 1);
  std::string_view rest = line.substr(p);
  size_t q;
  if (rest.starts_with("%%")) {
    q = 2;
  } else if (rest.starts_with("<codecell>")) {
    q = 10;
  } else if (rest.starts_with("In[")) {
    q = 3;
    while (q < rest.size() && (rest[q] == ' ' || (rest[q] >= '0' && rest[q] <= '9'))) ++q;
    if (q >= rest.size() || rest[q] != ']') return false;
    ++q;
    if (q < rest.size() && rest[q] == ':') ++q;
  } else {
    return false;
  }
  return skip_ws(rest, q) == rest.size();
}

bool is_identifier(std::string_view s) {
  if (s.empty()) return false;
  size_t i = 0;
  auto head = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '.'; };
  if (!head(s[0])) return false;
  for (i = 1; i < s.size(); ++i) {
    if (!head(s[i]) && !(s[i] >= '0' && s[i] <= '9')) return false;
  }
  return true;
}

bool valid_key(std::string_view k) {
  if (k.empty()) return false;
  return std::all_of(k.begin(), k.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
           c == '-' || c == '@' || c == '/';
  });
}

bool json_value(std::string_view text, std::string& out) {
  std::string t = strip(text);
  if (t.empty()) return false;
  auto doc = json::Document::parse(t);
  if (!doc) return false;
  out.clear();
  json::dump(doc->root(), out, json::DumpOptions{-1, false, false});
  return true;
}

void parse_key_equal_value(std::string_view text_in, Meta& out) {
  std::string text = strip(text_in);
  if (text.empty()) return;
  size_t last_space = text.rfind(' ');
  std::string tail = last_space == std::string::npos ? text : text.substr(last_space + 1);
  if (!text.starts_with("--") && is_identifier(tail)) {
    Meta result;
    result.emplace_back(tail, "null");
    if (last_space != std::string::npos && last_space > 0) parse_key_equal_value(std::string_view(text).substr(0, last_space), result);
    for (auto& kv : result) meta_set(out, kv.first, kv.second);
    return;
  }
  size_t eq = text.size();
  while (true) {
    eq = eq == 0 ? std::string::npos : text.rfind('=', eq - 1);
    if (eq == std::string::npos) {
      std::string j;
      json::dump_string(text, j, false);
      meta_set(out, "incorrectly_encoded_metadata", j);
      return;
    }
    std::string left = text.substr(0, eq);
    while (!left.empty() && is_ws(left.back())) left.pop_back();
    size_t prev_ws = left.rfind(' ');
    size_t key_start = prev_ws == std::string::npos ? 0 : prev_ws + 1;
    std::string key = strip(std::string_view(text).substr(key_start, eq - key_start));
    if (!valid_key(key)) continue;
    std::string value;
    if (!json_value(std::string_view(text).substr(eq + 1), value)) continue;
    if (prev_ws != std::string::npos && prev_ws > 0) parse_key_equal_value(std::string_view(text).substr(0, prev_ws), out);
    meta_set(out, key, value);
    return;
  }
}

// text_to_metadata(text, allow_title=True)
std::string text_to_metadata(std::string_view text_in, Meta& meta) {
  std::string text = strip(text_in);
  size_t curly = text.find('{');
  size_t eq = text.find('=');
  if (curly == std::string::npos || (eq != std::string::npos && eq < curly)) {
    std::vector<std::string> words;
    auto split_spaces = [](std::string_view s) {
      std::vector<std::string> w;
      size_t start = 0;
      while (true) {
        size_t sp = s.find(' ', start);
        w.emplace_back(s.substr(start, sp == std::string_view::npos ? std::string_view::npos : sp - start));
        if (sp == std::string_view::npos) break;
        start = sp + 1;
      }
      return w;
    };
    if (eq != std::string::npos) {
      words = split_spaces(std::string_view(text).substr(0, eq));
      while (!words.empty() && words.back().empty()) words.pop_back();
      if (!words.empty()) words.pop_back();
    } else {
      words = split_spaces(text);
    }
    while (!words.empty() && (strip(words.back()).empty() || words.back().starts_with("."))) words.pop_back();
    std::string title;
    for (size_t i = 0; i < words.size(); ++i) title += (i ? " " : "") + words[i];
    parse_key_equal_value(std::string_view(text).substr(title.size()), meta);
    return title;
  }
  std::string value;
  std::string body = text.substr(curly);
  auto doc = json::Document::parse(strip(body));
  if (doc && doc->root().kind == json::Kind::object) {
    for (auto& m : doc->root().members) {
      std::string v;
      json::dump(m.value, v, json::DumpOptions{-1, false, false});
      meta_set(meta, m.key.str(), v);
    }
  } else {
    std::string j;
    json::dump_string(strip(body), j, false);
    meta_set(meta, "incorrectly_encoded_metadata", j);
  }
  return strip(std::string_view(text).substr(0, curly));
}

// options_to_metadata of the light/percent readers.
Meta options_to_metadata(std::string_view options) {
  Meta meta;
  std::string title = text_to_metadata(options, meta);
  for (std::string_view type : {"markdown", "raw", "md"}) {
    std::string code = "[" + std::string(type) + "]";
    if (size_t at = title.find(code); at != std::string::npos) {
      std::string t;
      size_t from = 0;
      while ((at = title.find(code, from)) != std::string::npos) {
        t += title.substr(from, at - from);
        from = at + code.size();
      }
      t += title.substr(from);
      title = strip(t);
      if (type == "md") {
        meta_set(meta, "region_name", "\"md\"");
        meta_set(meta, "cell_type", "\"markdown\"");
      } else {
        meta_set(meta, "cell_type", "\"" + std::string(type) + "\"");
      }
      break;
    }
  }
  int depth = 0;
  while (!title.empty() && title[0] == '%') {
    ++depth;
    title.erase(0, 1);
  }
  if (depth > 0) {
    meta_set(meta, "cell_depth", std::to_string(depth));
    title = strip(title);
  }
  if (!title.empty()) {
    std::string j;
    json::dump_string(title, j, false);
    meta_set(meta, "title", j);
  }
  return meta;
}

bool split_contains(const std::string& s, std::string_view word, std::string_view seps) {
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find_first_of(seps, start);
    if (end == std::string::npos) end = s.size();
    if (std::string_view(s).substr(start, end - start) == word) return true;
    start = end + 1;
  }
  return false;
}

bool is_active(std::string_view ext, const Meta& meta, bool fallback) {
  if (const std::string* rc = meta_find(meta, "run_control")) {
    auto doc = json::Document::parse(*rc);
    if (doc && doc->root().is_object()) {
      const json::Value* f = doc->root().find("frozen");
      if (f != nullptr && f->kind == json::Kind::boolean && f->boolean) return ext == "ipynb";
    }
  }
  if (const std::string* tags = meta_find(meta, "tags")) {
    auto doc = json::Document::parse(*tags);
    if (doc && doc->root().kind == json::Kind::array) {
      for (auto& t : doc->root().items) {
        std::string tag = t.is_string() ? t.str() : std::string();
        if (tag.starts_with("active-")) return split_contains(tag, ext, "-");
      }
    }
  }
  const std::string* active = meta_find(meta, "active");
  if (active == nullptr) return fallback;
  return split_contains(decode_json_string(*active), ext, ".,");
}

bool last_two_lines_blank(const Lines& lines, size_t b, size_t e) {
  if (e - b < 3) return false;
  return !is_blank(lines[e - 3]) && is_blank(lines[e - 2]) && is_blank(lines[e - 1]);
}

struct Reader {
  const Lines& lines;
  std::string default_language;
  bool comment_magics = true;
  util::Error error;
  bool failed = false;

  // Reads the cell starting at `b`; returns the index of the next cell.
  size_t read(size_t b, TextCell& cell) {
    const size_t n = lines.size();
    Meta meta;
    std::string language;
    if (start_code(lines[b])) {
      Lines one{lines[b]};
      uncomment_lines(one, "#");
      const std::string& l = one[0];
      meta = options_to_metadata(std::string_view(l).substr(l.find("%%") + 2));
    }
    if (const std::string* lang = meta_find(meta, "language")) {
      language = decode_json_string(*lang);
      meta_erase(meta, "language");
    }
    std::string comment = "#";
    std::string cell_type;
    if (const std::string* t = meta_find(meta, "cell_type")) {
      cell_type = decode_json_string(*t);
      meta_erase(meta, "cell_type");
    } else if (!is_active("ipynb", meta, true)) {
      if (const std::string* a = meta_find(meta, "active"); a != nullptr && *a == "\"\"") meta_erase(meta, "active");
      cell_type = "raw";
      if (is_active("py", meta, true)) comment.clear();
    } else {
      cell_type = "code";
    }
    size_t next = n;
    StringParser parser(language.empty() ? default_language : language);
    size_t quoted_marker = 0;
    for (size_t i = b; i < n; ++i) {
      if (parser.is_quoted()) {
        if (quoted_marker == 0 && (start_code(lines[i]) || alternative_start(lines[i]))) quoted_marker = i + 1;
        parser.read_line(lines[i]);
        continue;
      }
      parser.read_line(lines[i]);
      if (i > b && (start_code(lines[i]) || alternative_start(lines[i]))) {
        next = i;
        break;
      }
    }
    if (next == n && parser.is_quoted() && quoted_marker != 0) {
      error = util::make_error("cell marker inside a string literal that never closes (the rest of the file "
                               "would be one cell); close the string before this line",
                               static_cast<int>(quoted_marker), 1);
      failed = true;
    }
    size_t cell_start = (start_code(lines[b]) || alternative_start(lines[b])) ? b + 1 : b;
    // How many of the blank lines before the next marker belong to the source? The writer
    // puts the source's own trailing lines, then the PEP 8 count; find the split that
    // reproduces what we see (jupytext's reader drops them and records lines_to_next_cell).
    size_t nonblank_end = next;
    while (nonblank_end > cell_start && is_blank(lines[nonblank_end - 1])) --nonblank_end;
    const size_t blanks = next - nonblank_end;
    std::optional<size_t> source_blanks;
    if (const std::string* given = meta_find(meta, "nbloop_source_blank_lines")) {
      size_t k = static_cast<size_t>(std::max(0, std::atoi(given->c_str())));
      if (k <= blanks) source_blanks = k;
      meta_erase(meta, "nbloop_source_blank_lines");
    }
    for (size_t s = 0; s <= blanks && !source_blanks; ++s) {
      if (next >= n) {
        if (s == blanks) source_blanks = s;
        continue;
      }
      Lines prev;
      if (cell_start > b) prev.push_back(lines[b]);
      prev.insert(prev.end(), lines.begin() + static_cast<long>(cell_start), lines.begin() + static_cast<long>(nonblank_end + s));
      if (s + static_cast<size_t>(pep8_lines_between_cells(prev, lines, next)) == blanks) source_blanks = s;
    }
    size_t end = next;
    if (source_blanks) {
      end = nonblank_end + *source_blanks;
    } else if (last_two_lines_blank(lines, b, next)) {
      end = next - 2;
    } else if (next > b && is_blank(lines[next - 1])) {
      end = next - 1;
    }
    Lines source(lines.begin() + static_cast<long>(std::min(cell_start, end)), lines.begin() + static_cast<long>(end));
    Lines org = source;
    Lines content = extract(source, meta, cell_type, language, comment);

    int to_next = 1;
    if (end < n) {
      to_next = static_cast<int>(next - end);
      if (next >= n) to_next += 1;
    }
    Lines org_or_blank = org.empty() ? Lines{""} : org;
    int expected = pep8_lines_between_cells(org_or_blank, lines, next);
    if (!source_blanks && to_next != expected) meta_set(meta, "lines_to_next_cell", std::to_string(to_next));
    if (!language.empty()) {
      std::string j;
      json::dump_string(language, j, false);
      meta_set(meta, "language", j);
    }
    cell.cell_type = cell_type;
    cell.source.clear();
    for (size_t i = 0; i < content.size(); ++i) {
      if (i > 0) cell.source += '\n';
      cell.source += content[i];
    }
    cell.metadata = std::move(meta);
    return next;
  }

  Lines extract(Lines lines_in, Meta& meta, const std::string& cell_type, const std::string& language,
                const std::string& comment) {
    if (!is_active("py", meta, cell_type == "code")) {
      std::string joined;
      for (size_t i = 0; i < lines_in.size(); ++i) joined += (i ? "\n" : "") + lines_in[i];
      std::string content = strip(joined);
      for (std::string_view prefix : {"", "r", "R"}) {
        for (std::string_view tq : {"\"\"\"", "'''"}) {
          std::string left = std::string(prefix) + std::string(tq);
          std::string right(tq);
          if (content.starts_with(left) && content.ends_with(right) && content.size() >= left.size() + right.size()) {
            std::string c = content.substr(left.size(), content.size() - left.size() - right.size());
            if (c.starts_with("\n")) {
              c.erase(0, 1);
              left += "\n";
            }
            if (c.ends_with("\n")) {
              c.pop_back();
              right = "\n" + right;
            }
            std::string marker;
            if (prefix.empty()) {
              marker = (left.size() == 4 && right.size() == 4) ? left.substr(0, 3) : left + "," + right;
            } else {
              marker = (left.size() - 1 == 4 && right.size() == 4) ? left.substr(0, 4) : left + "," + right;
            }
            std::string j;
            json::dump_string(marker, j, false);
            meta_set(meta, "cell_marker", j);
            return split_lines(c);
          }
        }
      }
    }
    if (!is_active("py", meta, true) ||
        (meta_find(meta, "active") == nullptr && !language.empty() && language != default_language)) {
      uncomment_lines(lines_in, comment);
      return lines_in;
    }
    const std::string& lang = language.empty() ? default_language : language;
    if (comment_magics) {
      if (is_active("py", meta, true)) {
        uncomment_magics(lines_in, lang, true);
      } else {
        uncomment_lines(lines_in, "#");
      }
    }
    if (cell_type == "code") {
      unescape_code_start(lines_in, lang);
      return lines_in;
    }
    uncomment_lines(lines_in, comment);
    return lines_in;
  }
};

// ^[ \t\f]*#.*?coding[:=][ \t]*([-_.a-zA-Z0-9]+)
bool encoding_line(std::string_view line, std::string* name) {
  size_t p = 0;
  while (p < line.size() && (line[p] == ' ' || line[p] == '\t' || line[p] == '\f')) ++p;
  if (p >= line.size() || line[p] != '#') return false;
  for (size_t at = line.find("coding", p + 1); at != std::string_view::npos; at = line.find("coding", at + 1)) {
    size_t q = at + 6;
    if (q >= line.size() || (line[q] != ':' && line[q] != '=')) continue;
    ++q;
    while (q < line.size() && (line[q] == ' ' || line[q] == '\t')) ++q;
    size_t e = q;
    while (e < line.size() && (std::isalnum(static_cast<unsigned char>(line[e])) || line[e] == '-' || line[e] == '_' || line[e] == '.')) ++e;
    if (e == q) continue;
    if (name != nullptr) *name = std::string(line.substr(q, e - q));
    return true;
  }
  return false;
}

std::string uncomment_line(std::string_view line) {
  if (line.starts_with("# ")) return std::string(line.substr(2));
  if (line.starts_with("#")) return std::string(line.substr(1));
  return std::string(line);
}

bool is_dashes(std::string_view l) { return l.starts_with("---") && is_blank(l.substr(3)); }

}  // namespace

util::Result<TextNotebook> read_percent(std::string_view text) {
  Lines lines = split_lines(text);
  TextNotebook out;

  // Header: shebang, coding line, then "# ---" … "# ---".
  std::string executable, encoding;
  Lines jupyter, root;
  int jupyter_first_line = 0;
  bool started = false, ended = false, in_jupyter = false;
  size_t start = 0;
  size_t i = 0;
  for (; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (i == 0 && line.starts_with("#!")) {
      executable = line.substr(2);
      start = i + 1;
      continue;
    }
    if (i == 0 || (i == 1 && !encoding_line(lines[0], nullptr))) {
      std::string name;
      if (encoding_line(line, &name)) {
        if (name != "utf-8") {
          return util::make_error("encodings other than utf-8 are not supported (found " + name + ")", static_cast<int>(i) + 1, 1);
        }
        encoding = line;
        start = i + 1;
        continue;
      }
    }
    if (!line.starts_with("#")) break;
    std::string l = uncomment_line(line);
    if (is_dashes(l)) {
      if (!started) {
        started = true;
        continue;
      }
      ended = true;
      break;
    }
    if (!started && !is_blank(l)) break;
    if (l.size() >= 7 && l.starts_with("jupyter") && is_blank(l.substr(7, l.find(':') == std::string::npos ? 0 : l.find(':') - 7)) &&
        l.find(':') != std::string::npos && is_blank(l.substr(l.find(':') + 1))) {
      in_jupyter = true;
    } else if (!l.empty() && !is_ws(l[0])) {
      in_jupyter = false;
    }
    if (in_jupyter) {
      if (jupyter.empty()) jupyter_first_line = static_cast<int>(i) + 1;
      jupyter.push_back(l);
    } else {
      root.push_back(l);
    }
  }
  if (started && !ended) {
    return util::make_error("the YAML header that starts with '# ---' never ends (no closing '# ---')", static_cast<int>(start) + 1, 1);
  }

  std::string metadata = "{}";
  size_t pos = start;
  std::optional<TextCell> header_cell;
  if (ended) {
    if (!jupyter.empty()) {
      std::string yaml;
      for (const auto& l : jupyter) yaml += l + "\n";
      auto parsed = yaml_to_json(yaml, jupyter_first_line);
      if (!parsed) return parsed.error();
      auto doc = json::Document::parse(*parsed);
      if (!doc || !doc->root().is_object() || doc->root().find("jupyter") == nullptr ||
          !doc->root().find("jupyter")->is_object()) {
        return util::make_error("the 'jupyter:' entry of the YAML header is not a mapping", jupyter_first_line, 1);
      }
      metadata.clear();
      json::dump(*doc->root().find("jupyter"), metadata, json::DumpOptions{-1, false, false});
    }
    int lines_to_next = 1;
    if (lines.size() > i + 1) {
      if (!is_blank(uncomment_line(lines[i + 1]))) {
        lines_to_next = 0;
      } else {
        i += 1;
      }
    } else {
      lines_to_next = 0;
    }
    if (!root.empty()) {
      TextCell cell;
      cell.cell_type = "raw";
      cell.source = "---";
      for (const auto& l : root) cell.source += "\n" + l;
      cell.source += "\n---";
      if (lines_to_next != pep8_lines_between_cells(Lines{"---"}, lines, i + 1)) {
        cell.metadata.emplace_back("lines_to_next_cell", std::to_string(lines_to_next));
      }
      header_cell = std::move(cell);
    }
    pos = i + 1;
  }

  // Notebook metadata: drop text_representation, add the shebang/encoding back.
  auto doc = json::Document::parse(metadata);
  if (!doc) return util::make_error("internal: header metadata is not JSON");
  json::Value& md = doc->root();
  json::Value* jt = md.find("jupytext");
  bool comment_magics = true;
  if (jt != nullptr && jt->is_object()) {
    jt->erase("text_representation");
    if (const json::Value* cm = jt->find("comment_magics"); cm != nullptr && cm->kind == json::Kind::boolean) {
      comment_magics = cm->boolean;
    }
  }
  if (!executable.empty() || !encoding.empty()) {
    if (jt == nullptr || !jt->is_object()) {
      md.set("jupytext", json::Value::make_object());
      jt = md.find("jupytext");
    }
    if (!executable.empty()) jt->set("executable", json::Value::make_string(doc->own(executable)));
    if (!encoding.empty()) jt->set("encoding", json::Value::make_string(doc->own(encoding)));
  }
  std::string kernel_language;
  if (const json::Value* ks = md.find("kernelspec"); ks != nullptr && ks->is_object()) {
    if (const json::Value* l = ks->find("language"); l != nullptr && l->is_string()) kernel_language = l->str();
  }
  std::string main_language;
  if (jt != nullptr && jt->is_object()) {
    if (const json::Value* l = jt->find("main_language"); l != nullptr && l->is_string()) main_language = l->str();
  }
  std::string language = !main_language.empty() ? main_language : (!kernel_language.empty() ? kernel_language : "python");
  if (language != "R" && language != "sas") {
    if (language.starts_with("C++")) {
      language = "c++";
    } else {
      std::string l;
      for (char c : language) l += c == '#' ? std::string("sharp") : std::string(1, static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      language = l;
    }
  }

  if (header_cell) out.cells.push_back(std::move(*header_cell));
  Reader reader{lines, language, comment_magics};
  while (pos < lines.size()) {
    TextCell cell;
    size_t next = reader.read(pos, cell);
    if (reader.failed) return reader.error;
    out.cells.push_back(std::move(cell));
    pos = next > pos ? next : pos + 1;
  }

  // Cells in another language get their %%magic line back (set_main_and_cell_language).
  if (kernel_language.empty() && !out.cells.empty()) {
    if (jt == nullptr || !jt->is_object()) {
      md.set("jupytext", json::Value::make_object());
      jt = md.find("jupytext");
    }
    jt->set("main_language", json::Value::make_string(doc->own(language)));
  }
  for (auto& cell : out.cells) {
    const std::string* lang_json = cell.find("language");
    if (lang_json == nullptr) continue;
    std::string lang = decode_json_string(*lang_json);
    if (lang == language) {
      cell.erase("language");
      continue;
    }
    if (usual_language_name(lang) == language) continue;
    if (is_jupyter_language(lang) || lang.empty()) {
      cell.erase("language");
      std::string magic = "%%" + lang;
      if (const std::string* args = cell.find("magic_args")) {
        magic += " " + decode_json_string(*args);
        cell.erase("magic_args");
      }
      cell.source = magic + "\n" + cell.source;
    }
  }
  // Cell ids written with --keep-ids travel as id="..." (the header says so).
  bool cell_ids = false;
  if (json::Value* mark = md.find("nbloop"); mark != nullptr && mark->is_object()) {
    const json::Value* flag = mark->find("cell_ids");
    cell_ids = flag != nullptr && flag->kind == json::Kind::boolean && flag->boolean;
    md.erase("nbloop");
  }
  for (auto& cell : out.cells) {
    if (!cell_ids) break;
    if (const std::string* id = cell.find("id"); id != nullptr && id->size() > 2 && id->front() == '"') {
      cell.id = decode_json_string(*id);
      cell.erase("id");
    }
    for (auto& kv : cell.metadata) {
      if (kv.first == "nbloop_metadata_id") kv.first = "id";
    }
  }
  if (jt != nullptr && jt->is_object() && jt->members.empty()) md.erase("jupytext");
  out.metadata_json.clear();
  json::dump(md, out.metadata_json, json::DumpOptions{-1, false, false});
  return out;
}

}  // namespace nbloop::convert
