#include "notebook/json_write.hpp"

#include <emmintrin.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "util/text.hpp"

namespace nbloop::notebook::json {
namespace {

constexpr char k_hex[] = "0123456789abcdef";

void append_u_escape(std::string& out, unsigned v) {
  char buf[6] = {'\\', 'u', k_hex[(v >> 12) & 0xF], k_hex[(v >> 8) & 0xF], k_hex[(v >> 4) & 0xF],
                 k_hex[v & 0xF]};
  out.append(buf, 6);
}

// Escapes one ASCII byte the way Python's json encoder does; returns false for plain bytes.
bool append_ascii_escape(std::string& out, unsigned char c) {
  switch (c) {
    case '"': out += "\\\""; return true;
    case '\\': out += "\\\\"; return true;
    case '\n': out += "\\n"; return true;
    case '\r': out += "\\r"; return true;
    case '\t': out += "\\t"; return true;
    case '\b': out += "\\b"; return true;
    case '\f': out += "\\f"; return true;
    default:
      if (c < 0x20) {
        append_u_escape(out, c);
        return true;
      }
      return false;
  }
}

void append_code_point_ascii(std::string& out, char32_t cp) {
  if (cp >= 0x10000) {
    cp -= 0x10000;
    append_u_escape(out, 0xD800 + static_cast<unsigned>(cp >> 10));
    append_u_escape(out, 0xDC00 + static_cast<unsigned>(cp & 0x3FF));
  } else {
    append_u_escape(out, static_cast<unsigned>(cp));
  }
}

char32_t decode_utf8(const unsigned char* p, size_t n) {
  switch (n) {
    case 2: return ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu);
    case 3: return ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
    default: return ((p[0] & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
  }
}

void newline_indent(std::string& out, int indent, int level) {
  out += '\n';
  out.append(static_cast<size_t>(indent) * static_cast<size_t>(level), ' ');
}

struct Writer {
  const DumpOptions& options;
  std::string& out;

  void value(const Value& v, int level) {
    switch (v.kind) {
      case Kind::null: out += "null"; break;
      case Kind::boolean: out += v.boolean ? "true" : "false"; break;
      case Kind::integer:
        out += (v.text == "-0") ? std::string_view("0") : v.text;
        break;
      case Kind::floating: floating(v.text); break;
      case Kind::string: string(v); break;
      case Kind::array: array(v, level); break;
      case Kind::object: object(v, level); break;
      case Kind::raw:
        if ((v.flags & Value::k_raw_verbatim) != 0) {
          out += v.text;
        } else {
          value(parse_validated(v.text, 1), level);
        }
        break;
    }
  }

  void floating(std::string_view lexeme) {
    if (lexeme == "NaN" || lexeme == "Infinity" || lexeme == "-Infinity") {
      out += lexeme;
      return;
    }
    double d = std::strtod(std::string(lexeme).c_str(), nullptr);
    if (std::isinf(d)) {
      out += d < 0 ? "-Infinity" : "Infinity";
      return;
    }
    out += python_float_repr(d);
  }

  void string(const Value& v) {
    if ((v.flags & Value::k_escaped) != 0) {
      std::string decoded;
      decode_string(v.text, decoded);
      dump_string(decoded, out, options.ensure_ascii);
      return;
    }
    if ((v.flags & Value::k_needs_escape) != 0 ||
        (options.ensure_ascii && (v.flags & Value::k_non_ascii) != 0)) {
      dump_string(v.text, out, options.ensure_ascii);
      return;
    }
    out += '"';
    out += v.text;
    out += '"';
  }

  void array(const Value& v, int level) {
    if (v.items.empty()) {
      out += "[]";
      return;
    }
    out += '[';
    bool first = true;
    for (const Value& item : v.items) {
      if (!first) {
        out += options.indent >= 0 ? "," : ", ";
      }
      first = false;
      if (options.indent >= 0) {
        newline_indent(out, options.indent, level + 1);
      }
      value(item, level + 1);
    }
    if (options.indent >= 0) {
      newline_indent(out, options.indent, level);
    }
    out += ']';
  }

  void object(const Value& v, int level) {
    if (v.members.empty()) {
      out += "{}";
      return;
    }
    // Decoded keys (most need no decoding) paired with members, sorted stably; equal keys
    // keep only the last, as a Python dict built by json.loads does.
    struct Entry {
      std::string_view key;
      const Member* member;
    };
    std::vector<std::string> decoded_keys;
    std::vector<Entry> entries;
    entries.reserve(v.members.size());
    size_t escaped = 0;
    for (const Member& m : v.members) {
      escaped += (m.key.flags & Value::k_escaped) != 0 ? 1 : 0;
    }
    decoded_keys.reserve(escaped);
    for (const Member& m : v.members) {
      if ((m.key.flags & Value::k_escaped) != 0) {
        decoded_keys.push_back(m.key.str());
        entries.push_back({decoded_keys.back(), &m});
      } else {
        entries.push_back({m.key.text, &m});
      }
    }
    if (options.sort_keys) {
      std::stable_sort(entries.begin(), entries.end(),
                       [](const Entry& a, const Entry& b) { return a.key < b.key; });
    }
    out += '{';
    bool first = true;
    for (size_t i = 0; i < entries.size(); ++i) {
      // Skip a member when a later one has the same key (sorted: it is adjacent).
      if (options.sort_keys && i + 1 < entries.size() && entries[i + 1].key == entries[i].key) {
        continue;
      }
      if (!first) {
        out += options.indent >= 0 ? "," : ", ";
      }
      first = false;
      if (options.indent >= 0) {
        newline_indent(out, options.indent, level + 1);
      }
      dump_string(entries[i].key, out, options.ensure_ascii);
      out += ": ";
      value(entries[i].member->value, level + 1);
    }
    if (options.indent >= 0) {
      newline_indent(out, options.indent, level);
    }
    out += '}';
  }
};

}  // namespace

void dump_string(std::string_view decoded, std::string& out, bool ensure_ascii) {
  out += '"';
  const auto* p = reinterpret_cast<const unsigned char*>(decoded.data());
  const auto* end = p + decoded.size();
  const auto* run = p;
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i control_max = _mm_set1_epi8(0x1F);
  while (p < end) {
    // Skip 16 bytes at a time while none needs escaping.
    while (end - p >= 16) {
      __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      __m128i special = _mm_or_si128(_mm_cmpeq_epi8(chunk, quote), _mm_cmpeq_epi8(chunk, backslash));
      special = _mm_or_si128(special, _mm_cmpeq_epi8(_mm_max_epu8(chunk, control_max), control_max));
      int mask = _mm_movemask_epi8(special);
      if (ensure_ascii) {
        mask |= _mm_movemask_epi8(chunk);
      }
      if (mask == 0) {
        p += 16;
        continue;
      }
      p += __builtin_ctz(static_cast<unsigned>(mask));
      break;
    }
    if (p == end) {
      break;
    }
    unsigned char c = *p;
    if (c >= 0x20 && c != '"' && c != '\\' && (c < 0x80 || !ensure_ascii)) {
      ++p;
      continue;
    }
    out.append(reinterpret_cast<const char*>(run), static_cast<size_t>(p - run));
    if (c < 0x80) {
      append_ascii_escape(out, c);
      ++p;
    } else {
      size_t n = util::utf8_sequence_length(p, end);
      if (n == 0) {
        n = 1;  // cannot happen for validated text; keep going rather than loop
      }
      append_code_point_ascii(out, decode_utf8(p, n));
      p += n;
    }
    run = p;
  }
  out.append(reinterpret_cast<const char*>(run), static_cast<size_t>(end - run));
  out += '"';
}

std::string python_float_repr(double value) {
  if (std::isnan(value)) {
    return "NaN";
  }
  if (std::isinf(value)) {
    return value < 0 ? "-Infinity" : "Infinity";
  }
  if (value == 0.0) {
    return std::signbit(value) ? "-0.0" : "0.0";
  }
  // Shortest round-trip digits, then Python's layout: fixed when -4 <= exponent < 16.
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<size_t>(res.ptr - buf));
  bool negative = sci.front() == '-';
  if (negative) {
    sci.remove_prefix(1);
  }
  size_t e_pos = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e_pos)) {
    if (c != '.') {
      digits += c;
    }
  }
  int exponent = std::atoi(std::string(sci.substr(e_pos + 1)).c_str());
  std::string out = negative ? "-" : "";
  if (exponent < -4 || exponent >= 16) {
    out += digits[0];
    if (digits.size() > 1) {
      out += '.';
      out.append(digits, 1);
    }
    out += 'e';
    out += exponent < 0 ? '-' : '+';
    int a = exponent < 0 ? -exponent : exponent;
    if (a < 10) {
      out += '0';
    }
    out += std::to_string(a);
    return out;
  }
  if (exponent < 0) {
    out += "0.";
    out.append(static_cast<size_t>(-exponent - 1), '0');
    out += digits;
    return out;
  }
  auto int_len = static_cast<size_t>(exponent + 1);
  if (digits.size() <= int_len) {
    out += digits;
    out.append(int_len - digits.size(), '0');
    out += ".0";
  } else {
    out.append(digits, 0, int_len);
    out += '.';
    out.append(digits, int_len);
  }
  return out;
}

void dump(const Value& value, std::string& out, const DumpOptions& options) {
  Writer w{options, out};
  w.value(value, 0);
}

}  // namespace nbloop::notebook::json
