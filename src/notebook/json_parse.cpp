// The JSON parser: Python's json.loads grammar (strict strings, NaN/Infinity accepted),
// UTF-8 validated, with a depth limit and lazily materialized deep containers.
#include <emmintrin.h>

#include <cassert>
#include <cstring>
#include <type_traits>

#include "notebook/json.hpp"
#include "util/text.hpp"

namespace nbloop::notebook::json {
namespace {

struct Failure {
  size_t offset;
  const char* message;
};

// What validating without building returns: nothing to construct or destroy.
struct Skipped {};
template <bool Build>
using Parsed = std::conditional_t<Build, Value, Skipped>;

class Parser {
 public:
  Parser(std::string_view input, int max_depth, int eager_depth, RawMemberSink* sink = nullptr)
      : m_begin(input.data()), m_p(input.data()), m_end(input.data() + input.size()),
        m_max_depth(max_depth), m_eager_depth(eager_depth), m_sink(sink) {}

  // Parses one value with nodes built to `m_eager_depth`; throws Failure.
  Value parse_document() {
    skip_ws();
    Value v = parse_value<true>(0);
    skip_ws();
    if (m_p != m_end) {
      fail("extra data after the JSON value");
    }
    return v;
  }

  Value parse_one_level(int levels) {
    m_eager_depth = levels;
    skip_ws();
    return parse_value<true>(0);
  }

 private:
  [[noreturn]] void fail(const char* message) const { throw Failure{offset(), message}; }
  [[noreturn]] void fail_at(const char* at, const char* message) const {
    throw Failure{static_cast<size_t>(at - m_begin), message};
  }
  [[nodiscard]] size_t offset() const { return static_cast<size_t>(m_p - m_begin); }

  void skip_ws() {
    // Jupyter's layout puts a newline and an indent of spaces between tokens: the
    // spaces are counted 16 at a time (the loop below takes whatever follows).
    if (m_p < m_end && *m_p == '\n') {
      ++m_p;
      if (m_end - m_p >= 16) {
        __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(m_p));
        auto spaces = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, _mm_set1_epi8(' '))));
        m_p += __builtin_ctz(~spaces);  // (bit 16 of ~spaces is set)
      }
    }
    while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t')) {
      m_saw_cr |= *m_p == '\r';
      ++m_p;
    }
  }

 public:
  [[nodiscard]] bool saw_cr() const { return m_saw_cr; }

 private:

  // Validates one value without building it (strings and containers are only scanned).
  Skipped skip_value(int depth) {
    if (m_p == m_end) {
      fail("expecting value");
    }
    switch (*m_p) {
      case '{': return parse_container<false, true>(depth);
      case '[': return parse_container<false, false>(depth);
      case '"': {
        std::string_view text;
        uint8_t flags = 0;
        scan_string(text, flags);
        return Skipped{};
      }
      default: parse_value<true>(depth); return Skipped{};  // a scalar: cheap to build
    }
  }

  template <bool Build>
  Parsed<Build> parse_element(int depth) {
    if constexpr (Build) {
      return parse_value<true>(depth);
    } else {
      return skip_value(depth);
    }
  }

  template <bool Build>
  Value parse_value(int depth) {
    if (m_p == m_end) {
      fail("expecting value");
    }
    switch (*m_p) {
      case '{':
        return parse_container<Build, true>(depth);
      case '[':
        return parse_container<Build, false>(depth);
      case '"': {
        Value v;
        v.kind = Kind::string;
        scan_string(v.text, v.flags);
        return v;
      }
      case 'n':
        return literal("null", Kind::null, false);
      case 't':
        return literal("true", Kind::boolean, true);
      case 'f':
        return literal("false", Kind::boolean, false);
      case 'N':
        return special("NaN");
      case 'I':
        return special("Infinity");
      default:
        if (*m_p == '-' || (*m_p >= '0' && *m_p <= '9')) {
          if (*m_p == '-' && m_end - m_p >= 9 && std::memcmp(m_p, "-Infinity", 9) == 0) {
            return special("-Infinity");
          }
          return number();
        }
        fail("expecting value");
    }
  }

  Value literal(const char* word, Kind kind, bool b) {
    size_t n = std::strlen(word);
    if (static_cast<size_t>(m_end - m_p) < n || std::memcmp(m_p, word, n) != 0) {
      fail("expecting value");
    }
    m_p += n;
    Value v;
    v.kind = kind;
    v.boolean = b;
    return v;
  }

  Value special(const char* word) {
    size_t n = std::strlen(word);
    if (static_cast<size_t>(m_end - m_p) < n || std::memcmp(m_p, word, n) != 0) {
      fail("expecting value");
    }
    Value v;
    v.kind = Kind::floating;
    v.text = std::string_view(m_p, n);
    m_p += n;
    return v;
  }

  // Python's NUMBER_RE: -?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?
  Value number() {
    const char* start = m_p;
    bool is_float = false;
    if (*m_p == '-') {
      ++m_p;
    }
    if (m_p == m_end || !is_digit(*m_p)) {
      fail_at(start, "expecting value");
    }
    if (*m_p == '0') {
      ++m_p;
    } else {
      while (m_p < m_end && is_digit(*m_p)) {
        ++m_p;
      }
    }
    if (m_p + 1 < m_end && *m_p == '.' && is_digit(m_p[1])) {
      is_float = true;
      m_p += 2;
      while (m_p < m_end && is_digit(*m_p)) {
        ++m_p;
      }
    }
    if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
      const char* q = m_p + 1;
      if (q < m_end && (*q == '+' || *q == '-')) {
        ++q;
      }
      if (q < m_end && is_digit(*q)) {
        is_float = true;
        m_p = q;
        while (m_p < m_end && is_digit(*m_p)) {
          ++m_p;
        }
      }
    }
    Value v;
    v.kind = is_float ? Kind::floating : Kind::integer;
    v.text = std::string_view(start, static_cast<size_t>(m_p - start));
    return v;
  }

  static bool is_digit(char c) { return c >= '0' && c <= '9'; }

  static int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  unsigned read_hex4(const char* p) const {
    if (m_end - p < 4) {
      fail_at(p - 2, "invalid \\uXXXX escape");
    }
    unsigned v = 0;
    for (int i = 0; i < 4; ++i) {
      int h = hex_value(p[i]);
      if (h < 0) {
        fail_at(p - 2, "invalid \\uXXXX escape");
      }
      v = v * 16 + static_cast<unsigned>(h);
    }
    return v;
  }

  // Scans a string literal starting at the opening quote; sets text and flags.
  void scan_string(std::string_view& text, uint8_t& flags_out) {
    const char* start = ++m_p;
    uint8_t flags = 0;
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i control_max = _mm_set1_epi8(0x1F);
    for (;;) {
      // Fast path: 16 plain ASCII bytes at a time.
      while (m_end - m_p >= 16) {
        __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(m_p));
        __m128i special = _mm_or_si128(_mm_cmpeq_epi8(chunk, quote), _mm_cmpeq_epi8(chunk, backslash));
        special = _mm_or_si128(special, _mm_cmpeq_epi8(_mm_max_epu8(chunk, control_max), control_max));
        int mask = _mm_movemask_epi8(special) | _mm_movemask_epi8(chunk);
        if (mask == 0) {
          m_p += 16;
          continue;
        }
        m_p += __builtin_ctz(static_cast<unsigned>(mask));
        break;
      }
      if (m_p == m_end) {
        fail_at(start - 1, "unterminated string");
      }
      auto c = static_cast<unsigned char>(*m_p);
      if (c == '"') {
        text = std::string_view(start, static_cast<size_t>(m_p - start));
        flags_out = flags;
        ++m_p;
        return;
      }
      if (c == '\\') {
        flags |= Value::k_escaped;
        if (m_p + 1 >= m_end) {
          fail_at(start - 1, "unterminated string");
        }
        char e = m_p[1];
        switch (e) {
          case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
            m_p += 2;
            break;
          case 'u': {
            unsigned cp = read_hex4(m_p + 2);
            if (cp >= 0xD800 && cp <= 0xDBFF) {
              // A high surrogate must pair with a low one, or Python's str cannot be
              // written back as UTF-8.
              if (m_end - m_p >= 12 && m_p[6] == '\\' && m_p[7] == 'u') {
                unsigned lo = read_hex4(m_p + 8);
                if (lo >= 0xDC00 && lo <= 0xDFFF) {
                  m_p += 12;
                  flags |= Value::k_non_ascii;
                  break;
                }
              }
              fail("lone surrogate in \\u escape");
            }
            if (cp >= 0xDC00 && cp <= 0xDFFF) {
              fail("lone surrogate in \\u escape");
            }
            if (cp >= 0x80) {
              flags |= Value::k_non_ascii;
            }
            m_p += 6;
            break;
          }
          default:
            fail("invalid \\escape");
        }
        continue;
      }
      if (c < 0x20) {
        fail("invalid control character in string");
      }
      if (c >= 0x80) {
        size_t n = util::utf8_sequence_length(reinterpret_cast<const unsigned char*>(m_p),
                                              reinterpret_cast<const unsigned char*>(m_end));
        if (n == 0) {
          fail("invalid UTF-8");
        }
        flags |= Value::k_non_ascii;
        m_p += n;
        continue;
      }
      ++m_p;
    }
  }

  template <bool Build, bool IsObject>
  Parsed<Build> parse_container(int depth) {
    if (depth + 1 > m_max_depth) {
      fail("nesting deeper than the limit of 1000 levels");
    }
    if constexpr (Build) {
      if (depth >= m_eager_depth) {
        const char* start = m_p;
        parse_container<false, IsObject>(depth);
        Value v;
        v.kind = Kind::raw;
        v.flags = IsObject ? Value::k_raw_object : 0;
        v.text = std::string_view(start, static_cast<size_t>(m_p - start));
        return v;
      }
    }
    Parsed<Build> v;
    if constexpr (Build) {
      v.kind = IsObject ? Kind::object : Kind::array;
    }
    [[maybe_unused]] const char* object_begin = m_p;
    ++m_p;
    skip_ws();
    if (m_p < m_end && *m_p == (IsObject ? '}' : ']')) {
      ++m_p;
      return v;
    }
    for (;;) {
      if constexpr (IsObject) {
        if (m_p == m_end || *m_p != '"') {
          fail("expecting property name enclosed in double quotes");
        }
        std::string_view key_text;
        uint8_t key_flags = 0;
        scan_string(key_text, key_flags);
        skip_ws();
        if (m_p == m_end || *m_p != ':') {
          fail("expecting ':' delimiter");
        }
        ++m_p;
        skip_ws();
        [[maybe_unused]] const char* value_begin = m_p;
        Parsed<Build> value = parse_element<Build>(depth + 1);
        if constexpr (Build) {
          Value key;
          key.kind = Kind::string;
          key.text = key_text;
          key.flags = key_flags;
          v.members.push_back(Member{std::move(key), std::move(value)});
        } else {
          if (m_sink != nullptr && depth == m_eager_depth) {
            m_sink->member(object_begin,
                           RawMember{key_text, (key_flags & Value::k_escaped) != 0,
                                     std::string_view(value_begin, static_cast<size_t>(m_p - value_begin))});
          }
        }
      } else {
        Parsed<Build> value = parse_element<Build>(depth + 1);
        if constexpr (Build) {
          v.items.push_back(std::move(value));
        }
      }
      skip_ws();
      if (m_p == m_end) {
        fail(IsObject ? "expecting ',' delimiter or '}'" : "expecting ',' delimiter or ']'");
      }
      if (*m_p == ',') {
        ++m_p;
        skip_ws();
        continue;
      }
      if (*m_p == (IsObject ? '}' : ']')) {
        ++m_p;
        return v;
      }
      fail(IsObject ? "expecting ',' delimiter or '}'" : "expecting ',' delimiter or ']'");
    }
  }

  const char* m_begin;
  const char* m_p;
  const char* m_end;
  int m_max_depth;
  int m_eager_depth;
  RawMemberSink* m_sink;
  bool m_saw_cr = false;
};

}  // namespace

util::Error to_error(std::string_view input, const ParseError& error) {
  util::LineCol lc = util::line_col_at(input, error.offset);
  // Encoding and depth problems are named as such; everything else is a JSON syntax error.
  bool syntax = !error.message.starts_with("invalid UTF-8") && !error.message.starts_with("nesting");
  return util::make_error(syntax ? "invalid JSON: " + error.message : error.message, lc.line, lc.column);
}

util::Result<Document> Document::parse(std::string input, const ParseOptions& options) {
  Document doc;
  *doc.m_input = std::move(input);
  auto parsed = parse_borrowed(*doc.m_input, options);
  if (!parsed) {
    return parsed.error();
  }
  doc.m_view = *doc.m_input;
  doc.m_root = std::move(parsed->m_root);
  doc.m_options = parsed->m_options;
  doc.m_saw_cr = parsed->m_saw_cr;
  return doc;
}

util::Result<Document> Document::parse_borrowed(std::string_view text, const ParseOptions& options) {
  Document doc;
  doc.m_view = text;
  doc.m_options = options;
  doc.m_options.raw_members = nullptr;  // only for this parse
  if (text.size() >= 3 && std::memcmp(text.data(), "\xEF\xBB\xBF", 3) == 0) {
    return util::make_error("starts with a UTF-8 byte order mark (BOM), which Jupyter never writes",
                            1, 1);
  }
  try {
    Parser parser(text, options.max_depth, options.eager_depth, options.raw_members);
    doc.m_root = parser.parse_document();
    doc.m_saw_cr = parser.saw_cr();
  } catch (const Failure& f) {
    return to_error(text, ParseError{f.offset, f.message});
  }
  return doc;
}

Value parse_validated(std::string_view span, int levels) {
  Parser parser(span, 1 << 30, levels);
  try {
    return parser.parse_one_level(levels);
  } catch (const Failure&) {
    assert(false && "raw spans are validated at parse time");
    return Value{};
  }
}

void Document::expand(Value& value, int levels) const {
  if (value.kind == Kind::raw) {
    value = parse_validated(value.text, levels);
  }
}

std::string_view Document::own(std::string text) {
  m_owned->push_back(std::move(text));
  return m_owned->back();
}

}  // namespace nbloop::notebook::json
