#include "notebook/verbatim.hpp"

#include <emmintrin.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

#include "notebook/json_write.hpp"

namespace nbloop::notebook {
namespace {

// The line breaks of one JSON-escaped string, as str.splitlines sees the
// decoded text.
struct Breaks {
  int count = 0;
  bool at_end = false;        // the last break ends the string
  bool ends_with_cr = false;  // ... and is a lone "\r"
};

Breaks line_breaks(std::string_view raw) {
  Breaks b;
  const size_t n = raw.size();
  size_t i = 0;
  while (i < n) {
    auto c = static_cast<unsigned char>(raw[i]);
    size_t len = 0;  // length of a line break starting at i
    size_t advance = 1;
    if (c == '\\') {
      char e = raw[i + 1];
      if (e == 'n' || e == 'f') {
        len = 2;
      } else if (e == 'r') {
        len = raw.substr(i + 2, 2) == "\\n" ? 4 : 2;
      } else if (e == 'u') {
        std::string_view hex = raw.substr(i + 2, 4);
        if (hex == "000b" || hex == "001c" || hex == "001d" || hex == "001e") {
          len = 6;
        }
        advance = 6;
      } else {
        advance = 2;
      }
    } else if (c == 0xC2 && i + 1 < n && static_cast<unsigned char>(raw[i + 1]) == 0x85) {
      len = 2;  // U+0085
    } else if (c == 0xE2 && i + 2 < n && static_cast<unsigned char>(raw[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(raw[i + 2]) == 0xA8 || static_cast<unsigned char>(raw[i + 2]) == 0xA9)) {
      len = 3;  // U+2028, U+2029
    }
    if (len != 0) {
      ++b.count;
      b.at_end = i + len == n;
      b.ends_with_cr = b.at_end && len == 2 && raw[i + 1] == 'r';
      i += len;
    } else {
      i += advance;
    }
  }
  return b;
}

bool is_lower_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// Walks a validated span, checking that each token is what the writer emits
// there.
class Checker {
 public:
  Checker(const char* p, const char* end) : m_p(p), m_end(end) {}

  bool cell() {
    std::string_view cell_type;
    return object(2, [this, &cell_type](std::string_view key, int level) {
      if (key == "attachments") {
        return false;
      }
      if (key == "cell_type" && peek() == '"') {
        // Sorted keys: known before "outputs". (An escaped type: not worth decoding.)
        return string(cell_type) && cell_type.find('\\') == std::string_view::npos;
      }
      if (key == "outputs" && cell_type == "code" && peek() == '[') {
        return outputs(level);
      }
      if (key == "source" && peek() == '[') {
        return source_lines(level);
      }
      if (key == "source" && peek() == '"') {
        return false;  // the writer splits a source string into lines
      }
      if (key == "metadata" && peek() == '{') {
        return object(level, [this](std::string_view meta_key, int meta_level) {
          return meta_key != "trusted" && value(meta_level);
        });
      }
      return value(level);
    });
  }

  [[nodiscard]] bool at_end() const { return m_p == m_end; }

 private:
  [[nodiscard]] char peek() const { return m_p < m_end ? *m_p : '\0'; }

  bool literal(std::string_view s) {
    if (static_cast<size_t>(m_end - m_p) < s.size() || std::memcmp(m_p, s.data(), s.size()) != 0) {
      return false;
    }
    m_p += s.size();
    return true;
  }

  bool newline_indent(int level) {
    auto n = static_cast<size_t>(level);
    if (static_cast<size_t>(m_end - m_p) < n + 1 || *m_p != '\n') {
      return false;
    }
    for (size_t i = 1; i <= n; ++i) {
      if (m_p[i] != ' ') {
        return false;
      }
    }
    m_p += n + 1;
    return true;
  }

  // A string whose escapes are the ones Python's json.dumps(ensure_ascii=False)
  // writes.
  bool string(std::string_view& raw) {
    StringInfo info;
    return string(raw, info);
  }

  // Also tells where the first escape is and whether non-ASCII bytes occur: the only
  // places a line break can hide.
  struct StringInfo {
    const char* first_escape = nullptr;
    bool non_ascii = false;
  };

  bool string(std::string_view& raw, StringInfo& info) {
    if (peek() != '"') {
      return false;
    }
    const char* start = ++m_p;
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    for (;;) {
      while (m_end - m_p >= 16) {
        __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(m_p));
        int mask = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(chunk, quote), _mm_cmpeq_epi8(chunk, backslash)));
        auto high = static_cast<unsigned>(_mm_movemask_epi8(chunk));
        if (mask == 0) {
          info.non_ascii = info.non_ascii || high != 0;
          m_p += 16;
          continue;
        }
        unsigned stop = static_cast<unsigned>(__builtin_ctz(static_cast<unsigned>(mask)));
        info.non_ascii = info.non_ascii || (high & ((1U << stop) - 1U)) != 0;
        m_p += stop;
        break;
      }
      while (m_p < m_end && *m_p != '"' && *m_p != '\\') {
        info.non_ascii = info.non_ascii || static_cast<unsigned char>(*m_p) >= 0x80;
        ++m_p;
      }
      if (m_p >= m_end) {
        return false;
      }
      if (*m_p == '"') {
        raw = std::string_view(start, static_cast<size_t>(m_p - start));
        ++m_p;
        return true;
      }
      if (m_end - m_p < 2) {
        return false;
      }
      if (info.first_escape == nullptr) {
        info.first_escape = m_p;
      }
      switch (m_p[1]) {
        case '"':
        case '\\':
        case 'n':
        case 'r':
        case 't':
        case 'b':
        case 'f': m_p += 2; break;
        case 'u': {
          // Only control characters without a short form, in lower-case hex.
          if (m_end - m_p < 6 || m_p[2] != '0' || m_p[3] != '0' || (m_p[4] != '0' && m_p[4] != '1') ||
              !is_lower_hex(m_p[5])) {
            return false;
          }
          int cp = (m_p[4] - '0') * 16 + (m_p[5] <= '9' ? m_p[5] - '0' : m_p[5] - 'a' + 10);
          if (cp == 0x08 || cp == 0x09 || cp == 0x0a || cp == 0x0c || cp == 0x0d) {
            return false;
          }
          m_p += 6;
          break;
        }
        default: return false;  // "\/" and the like: the writer does not escape those
      }
    }
  }

  bool number() {
    const char* start = m_p;
    while (m_p < m_end && *m_p != ',' && *m_p != ']' && *m_p != '}' && *m_p != ' ' && *m_p != '\n' && *m_p != '\r' &&
           *m_p != '\t') {
      ++m_p;
    }
    std::string_view lexeme(start, static_cast<size_t>(m_p - start));
    if (lexeme.empty()) {
      return false;
    }
    if (lexeme == "NaN" || lexeme == "Infinity" || lexeme == "-Infinity") {
      return true;
    }
    if (lexeme.find_first_of(".eE") == std::string_view::npos) {
      return lexeme != "-0";  // an integer is written as read, but -0 as 0
    }
    double d = std::strtod(std::string(lexeme).c_str(), nullptr);
    return !std::isinf(d) && json::python_float_repr(d) == lexeme;
  }

  bool value(int level) {
    switch (peek()) {
      case '{': return object(level, [this](std::string_view, int l) { return value(l); });
      case '[': return array(level);
      case '"': {
        std::string_view raw;
        return string(raw);
      }
      case 't': return literal("true");
      case 'f': return literal("false");
      case 'n': return literal("null");
      default: return number();
    }
  }

  // An object whose keys are unescaped and strictly ascending (as sort_keys
  // writes them, duplicates collapsed); `member(key, level)` checks each value.
  template <typename Member>
  bool object(int level, Member member) {
    if (!literal("{")) {
      return false;
    }
    if (peek() == '}') {
      ++m_p;
      return true;
    }
    std::string_view previous;
    for (bool first = true;; first = false) {
      std::string_view key;
      if (!newline_indent(level + 1) || !string(key) || key.find('\\') != std::string_view::npos ||
          (!first && !(previous < key)) || !literal(": ") || !member(key, level + 1)) {
        return false;
      }
      previous = key;
      if (peek() == ',') {
        ++m_p;
        continue;
      }
      return newline_indent(level) && literal("}");
    }
  }

  bool array(int level) {
    ++m_p;
    if (peek() == ']') {
      ++m_p;
      return true;
    }
    for (;;) {
      if (!newline_indent(level + 1) || !value(level + 1)) {
        return false;
      }
      if (peek() == ',') {
        ++m_p;
        continue;
      }
      return newline_indent(level) && literal("]");
    }
  }

  // A code cell's outputs, as write_notebook rewrites them (Notebook::rejoin_output, then
  // multi-line text split into lines).
  bool outputs(int level) {
    ++m_p;
    if (peek() == ']') {
      ++m_p;
      return true;
    }
    for (;;) {
      if (!newline_indent(level + 1) || !(peek() == '{' ? output(level + 1) : value(level + 1))) {
        return false;
      }
      if (peek() == ',') {
        ++m_p;
        continue;
      }
      return newline_indent(level) && literal("]");
    }
  }

  bool output(int level) {
    // Keys come sorted, so "data" and "text" are seen before "output_type": check them
    // strictly enough for any output type, then decide.
    enum class Text { none, lines, string, other };
    std::string_view type;
    Text text = Text::none;
    bool ok = object(level, [&](std::string_view key, int l) {
      if (key == "output_type") {
        return peek() == '"' && string(type);
      }
      if (key == "data" && peek() == '{') {
        return mime_bundle(l);
      }
      if (key == "text") {
        text = peek() == '[' ? Text::lines : peek() == '"' ? Text::string : Text::other;
        return text == Text::lines ? source_lines(l) : value(l);
      }
      return value(l);
    });
    if (!ok) {
      return false;
    }
    if (type == "stream") {
      return text != Text::string;  // a string would be split into lines
    }
    if (type == "error") {
      return text != Text::lines;  // lines would be joined into one string
    }
    return type == "display_data" || type == "execute_result";  // other types: not worth the rules
  }

  // A mime bundle: text types as lines, JSON types as they are, others as one string.
  bool mime_bundle(int level) {
    return object(level, [this](std::string_view mime, int l) {
      if (mime.starts_with("text/") || mime == "application/javascript" || mime == "image/svg+xml") {
        return peek() == '[' ? source_lines(l) : peek() != '"' && value(l);
      }
      bool json = mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json"));
      return (json || peek() != '[') && value(l);
    });
  }

  // A list of strings that joining and splitting again (str.splitlines(True))
  // gives back unchanged: every line but the last ends with its only line
  // break.
  bool source_lines(int level) {
    ++m_p;
    if (peek() == ']') {
      ++m_p;
      return true;
    }
    bool open = false;  // the previous line has no line break yet
    bool previous_cr = false;
    for (;;) {
      std::string_view raw;
      StringInfo info;
      if (!newline_indent(level + 1) || !string(raw, info) || raw.empty() || open ||
          (previous_cr && raw.starts_with("\\n"))) {
        return false;
      }
      // ASCII text breaks lines only at escapes: look from the first one.
      Breaks b;
      if (info.non_ascii) {
        b = line_breaks(raw);
      } else if (info.first_escape != nullptr) {
        b = line_breaks(raw.substr(static_cast<size_t>(info.first_escape - raw.data())));
      }
      if (b.count > 1 || (b.count == 1 && !b.at_end)) {
        return false;
      }
      open = b.count == 0;
      previous_cr = b.ends_with_cr;
      if (peek() == ',') {
        ++m_p;
        continue;
      }
      return newline_indent(level) && literal("]");
    }
  }

  const char* m_p;
  const char* m_end;
};

}  // namespace

bool cell_is_verbatim(std::string_view cell_span) {
  Checker checker(cell_span.data(), cell_span.data() + cell_span.size());
  return checker.cell() && checker.at_end();
}

}  // namespace nbloop::notebook
