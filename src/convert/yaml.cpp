#include "convert/yaml.hpp"

#include <algorithm>
#include <regex>
#include <vector>

#include "notebook/json_write.hpp"

namespace nbloop::convert {
namespace json = notebook::json;
namespace {

constexpr int k_best_width = 80;

bool resolves_to_non_string(const std::string& s) {
  static const std::regex k_bool("^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$");
  static const std::regex k_float(
      "^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
      "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
  static const std::regex k_int(
      "^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
      "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$");
  static const std::regex k_null("^(?:~|null|Null|NULL|)$");
  static const std::regex k_timestamp(
      "^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"
      "(?:[Tt]|[ \\t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$");
  return std::regex_match(s, k_bool) || std::regex_match(s, k_float) || std::regex_match(s, k_int) ||
         std::regex_match(s, k_null) || std::regex_match(s, k_timestamp) || s == "<<" || s == "=";
}

struct Analysis {
  bool multiline = false;
  bool allow_block_plain = true;
  bool allow_single = true;
};

bool is_ws_or_end(std::string_view s, size_t i) {
  return i >= s.size() || s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n' || s[i] == '\0';
}

Analysis analyze(std::string_view s) {
  Analysis a;
  if (s.empty()) {
    a.allow_block_plain = false;
    return a;
  }
  bool block_ind = s.starts_with("---") || s.starts_with("...");
  bool leading_space = false, trailing_space = false, leading_break = false, trailing_break = false;
  bool break_space = false, space_break = false, special = false, line_breaks = false;
  bool prev_space = false, prev_break = false, preceded_ws = true;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char ch = static_cast<unsigned char>(s[i]);
    bool followed_ws = is_ws_or_end(s, i + 1);
    if (i == 0) {
      if (std::string_view("#,[]{}&*!|>'\"%@`").find(static_cast<char>(ch)) != std::string_view::npos) block_ind = true;
      if ((ch == '?' || ch == ':') && followed_ws) block_ind = true;
      if (ch == '-' && followed_ws) block_ind = true;
    } else {
      if (ch == ':' && followed_ws) block_ind = true;
      if (ch == '#' && preceded_ws) block_ind = true;
    }
    if (ch == '\n') line_breaks = true;
    if (!(ch == '\n' || (ch >= 0x20 && ch <= 0x7e))) special = true;
    if (ch == ' ') {
      if (i == 0) leading_space = true;
      if (i + 1 == s.size()) trailing_space = true;
      if (prev_break) break_space = true;
      prev_space = true;
      prev_break = false;
    } else if (ch == '\n') {
      if (i == 0) leading_break = true;
      if (i + 1 == s.size()) trailing_break = true;
      if (prev_space) space_break = true;
      prev_break = true;
      prev_space = false;
    } else {
      prev_space = prev_break = false;
    }
    preceded_ws = ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '\0';
  }
  a.multiline = line_breaks;
  if (leading_space || leading_break || trailing_space || trailing_break) a.allow_block_plain = false;
  if (break_space) a.allow_block_plain = a.allow_single = false;
  if (space_break || special) a.allow_block_plain = a.allow_single = false;
  if (line_breaks) a.allow_block_plain = false;
  if (block_ind) a.allow_block_plain = false;
  // Multi-line single-quoted scalars need PyYAML's blank-line folding; we write those double-quoted.
  if (line_breaks) a.allow_single = false;
  return a;
}

class Emitter {
 public:
  explicit Emitter(std::string& out) : m_out(out) {}

  void write(std::string_view s) {
    m_out += s;
    m_column += static_cast<int>(s.size());
  }
  void newline_indent(int indent) {
    m_out += '\n';
    m_out.append(static_cast<size_t>(indent), ' ');
    m_column = indent;
  }

  void scalar(const std::string& text, bool is_key, int cont_indent) {
    Analysis a = analyze(text);
    bool implicit_str = !resolves_to_non_string(text);
    if (implicit_str && !(is_key && (text.empty() || a.multiline)) && a.allow_block_plain) {
      plain(text, !is_key, cont_indent);
    } else if (a.allow_single && !(is_key && a.multiline)) {
      single_quoted(text, !is_key, cont_indent);
    } else {
      double_quoted(text, !is_key, cont_indent);
    }
  }

  void plain(std::string_view t, bool split, int indent) {
    size_t start = 0;
    bool spaces = false;
    for (size_t end = 0; end <= t.size(); ++end) {
      int ch = end < t.size() ? static_cast<unsigned char>(t[end]) : -1;
      if (spaces) {
        if (ch != ' ') {
          if (start + 1 == end && m_column > k_best_width && split) {
            newline_indent(indent);
          } else {
            write(t.substr(start, end - start));
          }
          start = end;
        }
      } else if (ch == -1 || ch == ' ') {
        write(t.substr(start, end - start));
        start = end;
      }
      spaces = ch == ' ';
    }
  }

  void single_quoted(std::string_view t, bool split, int indent) {
    write("'");
    size_t start = 0;
    bool spaces = false;
    for (size_t end = 0; end <= t.size(); ++end) {
      int ch = end < t.size() ? static_cast<unsigned char>(t[end]) : -1;
      if (spaces) {
        if (ch != ' ') {
          if (start + 1 == end && m_column > k_best_width && split && start != 0 && end != t.size()) {
            newline_indent(indent);
          } else {
            write(t.substr(start, end - start));
          }
          start = end;
        }
      } else if (ch == -1 || ch == ' ' || ch == '\'') {
        if (start < end) {
          write(t.substr(start, end - start));
          start = end;
        }
      }
      if (ch == '\'') {
        write("''");
        start = end + 1;
      }
      spaces = ch == ' ';
    }
    write("'");
  }

  void double_quoted(std::string_view t, bool split, int indent) {
    write("\"");
    // Decode UTF-8 into code points so non-ASCII becomes \xXX / \uXXXX / \UXXXXXXXX as PyYAML writes it.
    std::vector<std::pair<char32_t, size_t>> cps;  // code point, byte offset
    for (size_t i = 0; i < t.size();) {
      unsigned char c = static_cast<unsigned char>(t[i]);
      size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      char32_t cp = c;
      if (n == 2) cp = c & 0x1F;
      if (n == 3) cp = c & 0x0F;
      if (n == 4) cp = c & 0x07;
      for (size_t k = 1; k < n && i + k < t.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(t[i + k]) & 0x3F);
      cps.emplace_back(cp, i);
      i += n;
    }
    auto piece = [&](size_t a, size_t b) {
      size_t from = a < cps.size() ? cps[a].second : t.size();
      size_t to = b < cps.size() ? cps[b].second : t.size();
      return t.substr(from, to - from);
    };
    size_t start = 0;
    for (size_t end = 0; end <= cps.size(); ++end) {
      bool at_end = end == cps.size();
      char32_t ch = at_end ? 0 : cps[end].first;
      bool escape = !at_end && (ch == '"' || ch == '\\' || ch == 0x85 || ch == 0x2028 || ch == 0x2029 ||
                                ch == 0xFEFF || !(ch >= 0x20 && ch <= 0x7E));
      if (at_end || escape) {
        if (start < end) {
          write(piece(start, end));
          start = end;
        }
        if (!at_end) {
          std::string data;
          switch (ch) {
            case 0: data = "0"; break;
            case 7: data = "a"; break;
            case 8: data = "b"; break;
            case 9: data = "t"; break;
            case 10: data = "n"; break;
            case 11: data = "v"; break;
            case 12: data = "f"; break;
            case 13: data = "r"; break;
            case 27: data = "e"; break;
            case '"': data = "\""; break;
            case '\\': data = "\\"; break;
            case 0x85: data = "N"; break;
            case 0xA0: data = "_"; break;
            case 0x2028: data = "L"; break;
            case 0x2029: data = "P"; break;
            default: {
              char buf[16];
              if (ch <= 0xFF) {
                std::snprintf(buf, sizeof buf, "x%02X", static_cast<unsigned>(ch));
              } else if (ch <= 0xFFFF) {
                std::snprintf(buf, sizeof buf, "u%04X", static_cast<unsigned>(ch));
              } else {
                std::snprintf(buf, sizeof buf, "U%08X", static_cast<unsigned>(ch));
              }
              data = buf;
            }
          }
          write("\\" + data);
          start = end + 1;
        }
      }
      if (!at_end && end > 0 && end + 1 < cps.size() && (ch == ' ' || start >= end) &&
          m_column + static_cast<int>(piece(start, end).size()) > k_best_width && split) {
        write(std::string(piece(start, end)) + "\\");
        if (start < end) start = end;
        newline_indent(indent);
        if (start < cps.size() && cps[start].first == ' ') write("\\");
      }
    }
    write("\"");
  }

  void node(const json::Document& doc, const json::Value& v, int indent, bool in_mapping) {
    json::Value tmp;
    const json::Value* value = &v;
    if (v.kind == json::Kind::raw) {
      tmp = json::parse_validated(v.text, 64);
      value = &tmp;
    }
    switch (value->kind) {
      case json::Kind::object: {
        std::vector<std::pair<std::string, const json::Value*>> items;
        for (const auto& m : value->members) {
          std::string key = m.key.str();
          auto it = std::find_if(items.begin(), items.end(), [&](const auto& p) { return p.first == key; });
          if (it != items.end()) {
            it->second = &m.value;
          } else {
            items.emplace_back(key, &m.value);
          }
        }
        if (items.empty()) {
          write(m_column == 0 || m_out.back() == '\n' ? "{}" : " {}");
          return;
        }
        std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        bool first = true;
        for (const auto& [key, child] : items) {
          if (!(first && m_inline_first)) {
            if (!m_out.empty() && m_out.back() != '\n') {
              newline_indent(indent);
            } else {
              m_out.append(static_cast<size_t>(indent), ' ');
              m_column = indent;
            }
          }
          m_inline_first = false;
          first = false;
          scalar(key, true, indent);
          write(":");
          child_value(doc, *child, indent, true);
        }
        return;
      }
      case json::Kind::array: {
        if (value->items.empty()) {
          write(" []");
          return;
        }
        (void)in_mapping;
        for (const auto& item : value->items) {
          newline_indent(indent);
          write("-");
          child_value(doc, item, indent, false);
        }
        return;
      }
      default: break;
    }
  }

  void child_value(const json::Document& doc, const json::Value& v, int indent, bool in_mapping) {
    json::Value tmp;
    const json::Value* value = &v;
    if (v.kind == json::Kind::raw) {
      tmp = json::parse_validated(v.text, 64);
      value = &tmp;
    }
    switch (value->kind) {
      case json::Kind::object:
        if (value->members.empty()) {
          write(" {}");
        } else if (in_mapping) {
          node(doc, *value, indent + 2, true);
        } else {
          write(" ");
          m_inline_first = true;
          node(doc, *value, indent + 2, false);
        }
        return;
      case json::Kind::array:
        if (value->items.empty()) {
          write(" []");
        } else {
          // Sequences inside mappings are indentless; nested sequences indent by two.
          node(doc, *value, in_mapping ? indent : indent + 2, in_mapping);
        }
        return;
      case json::Kind::null: write(" null"); return;
      case json::Kind::boolean: write(value->boolean ? " true" : " false"); return;
      case json::Kind::integer: write(" "); write(value->text); return;
      case json::Kind::floating: {
        std::string t(value->text);
        double d = std::strtod(t.c_str(), nullptr);
        std::string r = json::python_float_repr(d);
        std::transform(r.begin(), r.end(), r.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (r == "nan") r = ".nan";
        if (r == "inf") r = ".inf";
        if (r == "-inf") r = "-.inf";
        if (r.find('.') == std::string::npos && r.find('e') != std::string::npos) r.insert(r.find('e'), ".0");
        write(" ");
        write(r);
        return;
      }
      case json::Kind::string:
        write(" ");
        scalar(value->str(), false, indent + 2);
        return;
      default: return;
    }
  }

 private:
  std::string& m_out;
  int m_column = 0;
  bool m_inline_first = false;
};

// ---- Reader ----

struct Line {
  int number;
  int indent;
  std::string text;  // without indentation, comments stripped
};

struct Parser {
  std::vector<Line> lines;
  size_t pos = 0;
  util::Error error;
  bool failed = false;

  bool fail(int line, const std::string& msg) {
    if (!failed) {
      failed = true;
      error = util::make_error(msg, line, 1);
    }
    return false;
  }

  static std::string strip(std::string_view s) {
    size_t a = s.find_first_not_of(" \t");
    if (a == std::string_view::npos) return "";
    size_t b = s.find_last_not_of(" \t");
    return std::string(s.substr(a, b - a + 1));
  }

  // Plain scalar → JSON (YAML 1.1 core resolution as PyYAML's safe_load does).
  static std::string plain_to_json(const std::string& s) {
    static const std::regex k_true("^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$");
    static const std::regex k_false("^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$");
    static const std::regex k_int("^[-+]?(?:0|[1-9][0-9]*)$");
    static const std::regex k_float("^[-+]?(?:[0-9][0-9]*\\.[0-9]*(?:[eE][-+][0-9]+)?|\\.[0-9]+(?:[eE][-+][0-9]+)?)$");
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return "null";
    if (std::regex_match(s, k_true)) return "true";
    if (std::regex_match(s, k_false)) return "false";
    if (std::regex_match(s, k_int)) return s[0] == '+' ? s.substr(1) : s;
    if (std::regex_match(s, k_float)) {
      std::string t = s[0] == '+' ? s.substr(1) : s;
      if (t[0] == '.') t = "0" + t;
      if (t.size() > 1 && t[0] == '-' && t[1] == '.') t = "-0" + t.substr(1);
      size_t dot = t.find('.');
      if (dot + 1 == t.size() || t[dot + 1] == 'e' || t[dot + 1] == 'E') t.insert(dot + 1, "0");
      return t;
    }
    std::string out;
    json::dump_string(s, out, false);
    return out;
  }

  // Reads a scalar or flow collection starting at s[i]; returns JSON text; advances i.
  bool flow_value(const std::string& s, size_t& i, int line, std::string& out, bool in_flow) {
    while (i < s.size() && s[i] == ' ') ++i;
    if (i >= s.size()) {
      out = "null";
      return true;
    }
    if (s[i] == '\'') {
      std::string v;
      ++i;
      while (true) {
        if (i >= s.size()) return fail(line, "unterminated single-quoted string in the YAML header");
        if (s[i] == '\'') {
          if (i + 1 < s.size() && s[i + 1] == '\'') {
            v += '\'';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        v += s[i++];
      }
      out.clear();
      json::dump_string(v, out, false);
      return true;
    }
    if (s[i] == '"') {
      std::string v;
      ++i;
      while (true) {
        if (i >= s.size()) return fail(line, "unterminated double-quoted string in the YAML header");
        char c = s[i];
        if (c == '"') {
          ++i;
          break;
        }
        if (c == '\\' && i + 1 < s.size()) {
          char e = s[i + 1];
          i += 2;
          auto append_cp = [&](unsigned long cp) {
            if (cp < 0x80) {
              v += static_cast<char>(cp);
            } else if (cp < 0x800) {
              v += static_cast<char>(0xC0 | (cp >> 6));
              v += static_cast<char>(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
              v += static_cast<char>(0xE0 | (cp >> 12));
              v += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
              v += static_cast<char>(0x80 | (cp & 0x3F));
            } else {
              v += static_cast<char>(0xF0 | (cp >> 18));
              v += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
              v += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
              v += static_cast<char>(0x80 | (cp & 0x3F));
            }
          };
          auto hex = [&](size_t n) -> bool {
            if (i + n > s.size()) return false;
            append_cp(std::stoul(s.substr(i, n), nullptr, 16));
            i += n;
            return true;
          };
          switch (e) {
            case '0': v += '\0'; break;
            case 'a': v += '\a'; break;
            case 'b': v += '\b'; break;
            case 't': v += '\t'; break;
            case 'n': v += '\n'; break;
            case 'v': v += '\v'; break;
            case 'f': v += '\f'; break;
            case 'r': v += '\r'; break;
            case 'e': v += '\x1b'; break;
            case ' ': v += ' '; break;
            case '"': v += '"'; break;
            case '/': v += '/'; break;
            case '\\': v += '\\'; break;
            case 'N': append_cp(0x85); break;
            case '_': append_cp(0xA0); break;
            case 'L': append_cp(0x2028); break;
            case 'P': append_cp(0x2029); break;
            case 'x': if (!hex(2)) return fail(line, "bad escape in the YAML header"); break;
            case 'u': if (!hex(4)) return fail(line, "bad escape in the YAML header"); break;
            case 'U': if (!hex(8)) return fail(line, "bad escape in the YAML header"); break;
            default: return fail(line, std::string("unknown escape \\") + e + " in the YAML header");
          }
          continue;
        }
        v += c;
        ++i;
      }
      out.clear();
      json::dump_string(v, out, false);
      return true;
    }
    if (s[i] == '[' || s[i] == '{') {
      char close = s[i] == '[' ? ']' : '}';
      bool is_map = s[i] == '{';
      ++i;
      out = is_map ? "{" : "[";
      bool first = true;
      while (true) {
        while (i < s.size() && s[i] == ' ') ++i;
        if (i >= s.size()) return fail(line, std::string("unclosed '") + (is_map ? '{' : '[') + "' in the YAML header");
        if (s[i] == close) {
          ++i;
          break;
        }
        if (!first) {
          if (s[i] != ',') return fail(line, "expected ',' in a flow collection in the YAML header");
          ++i;
          while (i < s.size() && s[i] == ' ') ++i;
          if (i < s.size() && s[i] == close) {
            ++i;
            break;
          }
          out += ", ";
        }
        first = false;
        std::string item;
        if (!flow_value(s, i, line, item, true)) return false;
        if (is_map) {
          while (i < s.size() && s[i] == ' ') ++i;
          if (i >= s.size() || s[i] != ':') return fail(line, "expected ':' in a flow mapping in the YAML header");
          ++i;
          std::string val;
          if (!flow_value(s, i, line, val, true)) return false;
          if (item.empty() || item[0] != '"') {
            std::string k;
            json::dump_string(item, k, false);
            item = k;
          }
          out += item + ": " + val;
        } else {
          out += item;
        }
      }
      out += close;
      return true;
    }
    // Plain scalar: up to ", ]}" in flow context, else to the end.
    size_t start = i;
    if (in_flow) {
      while (i < s.size() && s[i] != ',' && s[i] != ']' && s[i] != '}' && !(s[i] == ':' && is_ws_or_end(s, i + 1))) ++i;
    } else {
      i = s.size();
    }
    out = plain_to_json(strip(s.substr(start, i - start)));
    return true;
  }

  // Splits "key: rest" (key plain or quoted); returns false when the line is not a mapping entry.
  static bool split_key(const std::string& t, std::string& key, std::string& rest) {
    size_t i = 0;
    if (!t.empty() && (t[0] == '\'' || t[0] == '"')) {
      char q = t[0];
      i = 1;
      while (i < t.size() && t[i] != q) i += (t[i] == '\\' && q == '"') ? 2 : 1;
      if (i >= t.size()) return false;
      key = t.substr(1, i - 1);
      ++i;
      while (i < t.size() && t[i] == ' ') ++i;
      if (i >= t.size() || t[i] != ':') return false;
      rest = t.substr(i + 1);
      return true;
    }
    for (i = 0; i < t.size(); ++i) {
      if (t[i] == ':' && is_ws_or_end(t, i + 1)) {
        key = strip(t.substr(0, i));
        rest = t.substr(i + 1);
        return true;
      }
    }
    return false;
  }

  // A value given on the same line, possibly continued by deeper lines (plain folding).
  bool inline_value(std::string rest, int line, int parent_indent, std::string& out) {
    rest = strip(rest);
    while (pos < lines.size() && lines[pos].indent > parent_indent && !rest.empty() && rest[0] != '[' && rest[0] != '{') {
      const Line& l = lines[pos];
      if (rest[0] == '\'' || rest[0] == '"') {
        rest += " " + l.text;
      } else {
        std::string k, r;
        if (split_key(l.text, k, r) || l.text.starts_with("- ")) break;
        rest += " " + l.text;
      }
      ++pos;
    }
    size_t i = 0;
    if (!flow_value(rest, i, line, out, false)) return false;
    while (i < rest.size() && rest[i] == ' ') ++i;
    if (i < rest.size()) return fail(line, "unexpected text after a value in the YAML header");
    return true;
  }

  bool block(int indent, std::string& out) {
    if (pos >= lines.size()) {
      out = "null";
      return true;
    }
    const Line& first = lines[pos];
    if (first.indent < indent) {
      out = "null";
      return true;
    }
    int my_indent = first.indent;
    if (first.text == "-" || first.text.starts_with("- ")) {
      out = "[";
      bool any = false;
      while (pos < lines.size() && lines[pos].indent == my_indent && (lines[pos].text == "-" || lines[pos].text.starts_with("- "))) {
        Line l = lines[pos];
        std::string item_text = l.text.size() > 2 ? l.text.substr(2) : "";
        std::string item;
        std::string k, r;
        if (item_text.empty()) {
          ++pos;
          if (!block(my_indent + 1, item)) return false;
        } else if (split_key(item_text, k, r)) {
          // A mapping starting on the dash line: re-read it as a block at the item's column.
          int col = my_indent + 2;
          lines[pos].indent = col;
          lines[pos].text = item_text;
          if (!block(col, item)) return false;
        } else {
          ++pos;
          if (!inline_value(item_text, l.number, my_indent, item)) return false;
        }
        out += (any ? ", " : "") + item;
        any = true;
      }
      out += "]";
      return true;
    }
    out = "{";
    bool any = false;
    while (pos < lines.size() && lines[pos].indent >= my_indent) {
      const Line l = lines[pos];
      if (l.indent > my_indent) return fail(l.number, "bad indentation in the YAML header");
      std::string key, rest;
      if (!split_key(l.text, key, rest)) return fail(l.number, "expected 'key: value' in the YAML header");
      ++pos;
      std::string value;
      if (strip(rest).empty()) {
        // Nested block: deeper lines, or an indentless sequence at the same indent.
        if (pos < lines.size() && (lines[pos].indent > my_indent ||
                                   (lines[pos].indent == my_indent && (lines[pos].text == "-" || lines[pos].text.starts_with("- "))))) {
          if (!block(lines[pos].indent, value)) return false;
        } else {
          value = "null";
        }
      } else {
        if (!inline_value(rest, l.number, my_indent, value)) return false;
      }
      std::string k;
      json::dump_string(key, k, false);
      out += (any ? ", " : "") + k + ": " + value;
      any = true;
    }
    out += "}";
    return true;
  }
};

}  // namespace

void yaml_dump(const json::Document& doc, const json::Value& value, std::string& out) {
  std::string local;
  Emitter e(local);
  e.node(doc, value, 0, true);
  out += local;
  out += '\n';
}

util::Result<std::string> yaml_to_json(std::string_view yaml, int first_line) {
  Parser p;
  int number = first_line;
  size_t start = 0;
  while (start <= yaml.size()) {
    size_t end = yaml.find('\n', start);
    if (end == std::string_view::npos) end = yaml.size();
    std::string_view raw = yaml.substr(start, end - start);
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    size_t ind = raw.find_first_not_of(' ');
    if (ind != std::string_view::npos && raw[ind] != '#') {
      if (raw[ind] == '\t') return util::make_error("tab used for indentation in the YAML header", number, 1);
      // Strip a trailing comment (" #") outside quotes.
      std::string text(raw.substr(ind));
      char q = 0;
      for (size_t i = 0; i < text.size(); ++i) {
        if (q == 0 && (text[i] == '\'' || text[i] == '"')) {
          q = text[i];
        } else if (q != 0 && text[i] == q) {
          q = 0;
        } else if (q == 0 && text[i] == '#' && i > 0 && text[i - 1] == ' ') {
          text.resize(i);
          break;
        }
      }
      while (!text.empty() && text.back() == ' ') text.pop_back();
      p.lines.push_back(Line{number, static_cast<int>(ind), text});
    }
    ++number;
    start = end + 1;
  }
  std::string out;
  if (p.lines.empty()) return std::string("null");
  if (!p.block(p.lines[0].indent, out)) return p.error;
  if (p.pos < p.lines.size()) return util::make_error("bad indentation in the YAML header", p.lines[p.pos].number, 1);
  return out;
}

}  // namespace nbloop::convert
