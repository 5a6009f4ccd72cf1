// Reading validated JSON spans (raw containers) without building values:
// skipping a value, walking an object's members or an array's elements, looking
// up one key.
#include <emmintrin.h>

#include <cstring>

#include "notebook/json.hpp"
#include "notebook/json_scan.hpp"

namespace nbloop::notebook::json {
namespace {

bool is_ws(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

const char* skip_ws(const char* p, const char* end) {
  while (p < end && is_ws(*p)) {
    ++p;
  }
  return p;
}

// `p` is just after an opening quote; returns just after the closing one.
const char* skip_string_body(const char* p, const char* end) {
  for (;;) {
    p = find_quote_or_backslash(p, end);
    if (p >= end) {
      return end;
    }
    if (*p == '"') {
      return p + 1;
    }
    p += 2;  // an escape: the next byte never ends the string
  }
}

// `p` is at an opening bracket; returns just after the matching closing one.
const char* skip_container(const char* p, const char* end) {
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i open_square = _mm_set1_epi8('[');
  const __m128i close_square = _mm_set1_epi8(']');
  const __m128i open_curly = _mm_set1_epi8('{');
  const __m128i close_curly = _mm_set1_epi8('}');
  int depth = 0;
  while (p < end) {
    while (end - p >= 16) {
      __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(chunk, quote), _mm_cmpeq_epi8(chunk, open_square));
      hit = _mm_or_si128(hit, _mm_or_si128(_mm_cmpeq_epi8(chunk, close_square), _mm_cmpeq_epi8(chunk, open_curly)));
      hit = _mm_or_si128(hit, _mm_cmpeq_epi8(chunk, close_curly));
      int mask = _mm_movemask_epi8(hit);
      if (mask == 0) {
        p += 16;
        continue;
      }
      p += __builtin_ctz(static_cast<unsigned>(mask));
      break;
    }
    if (p >= end) {
      break;
    }
    char c = *p;
    if (c == '"') {
      p = skip_string_body(p + 1, end);
      continue;
    }
    if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) {
        return p + 1;
      }
    }
    ++p;
  }
  return end;
}

bool key_equals(const RawMember& m, std::string_view key) {
  if (!m.key_escaped) {
    return m.key == key;
  }
  std::string decoded;
  decode_string(m.key, decoded);
  return decoded == key;
}

}  // namespace

const char* skip_validated(const char* p, const char* end) {
  if (p >= end) {
    return end;
  }
  switch (*p) {
    case '"': return skip_string_body(p + 1, end);
    case '{':
    case '[': return skip_container(p, end);
    default:
      while (p < end && !is_ws(*p) && *p != ',' && *p != '}' && *p != ']') {
        ++p;
      }
      return p;
  }
}

RawMembers::RawMembers(std::string_view object_span)
    : m_p(object_span.data() + 1), m_end(object_span.data() + object_span.size() - 1) {}

bool RawMembers::next(RawMember& member) {
  m_p = skip_ws(m_p, m_end);
  if (m_p < m_end && *m_p == ',') {
    m_p = skip_ws(m_p + 1, m_end);
  }
  if (m_p >= m_end || *m_p != '"') {
    return false;
  }
  const char* key_begin = m_p + 1;
  const char* key_end = skip_string_body(key_begin, m_end) - 1;
  member.key = std::string_view(key_begin, static_cast<size_t>(key_end - key_begin));
  member.key_escaped = std::memchr(key_begin, '\\', member.key.size()) != nullptr;
  m_p = skip_ws(key_end + 1, m_end);
  m_p = skip_ws(m_p + 1, m_end);  // the ':'
  const char* value_end = skip_validated(m_p, m_end);
  member.value = std::string_view(m_p, static_cast<size_t>(value_end - m_p));
  m_p = value_end;
  return true;
}

RawItems::RawItems(std::string_view array_span)
    : m_p(array_span.data() + 1), m_end(array_span.data() + array_span.size() - 1) {}

bool RawItems::next(std::string_view& item) {
  m_p = skip_ws(m_p, m_end);
  if (m_p < m_end && *m_p == ',') {
    m_p = skip_ws(m_p + 1, m_end);
  }
  if (m_p >= m_end) {
    return false;
  }
  const char* item_end = skip_validated(m_p, m_end);
  item = std::string_view(m_p, static_cast<size_t>(item_end - m_p));
  m_p = item_end;
  return true;
}

Value value_of_span(std::string_view span) {
  Value v;
  if (span.empty()) {
    return v;
  }
  switch (span.front()) {
    case '{':
    case '[':
      v.kind = Kind::raw;
      v.flags = span.front() == '{' ? Value::k_raw_object : 0;
      v.text = span;
      return v;
    case '"': {
      v.kind = Kind::string;
      v.text = span.substr(1, span.size() - 2);
      for (size_t i = 0; i < v.text.size(); ++i) {
        auto c = static_cast<unsigned char>(v.text[i]);
        if (c >= 0x80) {
          v.flags |= Value::k_non_ascii;
        } else if (c == '\\') {
          v.flags |= Value::k_escaped;
          if (v.text[i + 1] == 'u') {
            // \u0080 and above decode to non-ASCII text (the parser flags it
            // too).
            if (std::strncmp(v.text.data() + i + 2, "00", 2) != 0 || v.text[i + 4] >= '8') {
              v.flags |= Value::k_non_ascii;
            }
            i += 5;
          } else {
            ++i;
          }
        }
      }
      return v;
    }
    case 'n': return v;
    case 't':
    case 'f':
      v.kind = Kind::boolean;
      v.boolean = span.front() == 't';
      return v;
    default: {
      v.text = span;
      bool is_float = span.find_first_of(".eEIN") != std::string_view::npos;
      v.kind = is_float ? Kind::floating : Kind::integer;
      return v;
    }
  }
}

std::optional<Value> raw_find(const Value& raw_object, std::string_view key) {
  std::optional<Value> found;
  RawMembers members(raw_object.text);
  RawMember m;
  while (members.next(m)) {
    if (key_equals(m, key)) {
      found = value_of_span(m.value);
    }
  }
  return found;
}

}  // namespace nbloop::notebook::json
