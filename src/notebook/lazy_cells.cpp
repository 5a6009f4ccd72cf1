#include "notebook/lazy_cells.hpp"

#include <emmintrin.h>

#include <cstring>
#include <string>

#include "notebook/json_scan.hpp"

namespace nbloop::notebook::detail {
namespace {

using json::Value;

util::Error shape_error(const std::string& what) { return util::make_error("not a notebook: " + what); }

// The bodies (between the quotes, escapes kept) of the elements of a validated JSON
// array; false when one is not a string. `escaped`: some body holds an escape.
bool string_items(std::string_view array_span, std::vector<std::string_view>& items, bool& escaped) {
  items.clear();
  const char* p = array_span.data() + 1;
  const char* end = array_span.data() + array_span.size() - 1;
  const __m128i space = _mm_set1_epi8(' ');
  for (;;) {
    // Jupyter's layout: ",\n" and an indent of spaces, counted 16 at a time.
    if (end - p >= 18 && p[0] == ',' && p[1] == '\n') {
      p += 2;
      auto spaces = static_cast<unsigned>(
          _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), space)));
      p += __builtin_ctz(~spaces);  // (bit 16 of ~spaces is set)
    }
    while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t' || *p == ',')) {
      ++p;
    }
    if (p >= end) {
      return true;
    }
    if (*p != '"') {
      return false;
    }
    const char* body = ++p;
    for (;;) {  // to the closing quote (the text is valid: every escape is complete)
      p = json::find_quote_or_backslash(p, end);
      if (p >= end || *p == '"') {
        break;
      }
      escaped = true;
      p += 2;
    }
    items.emplace_back(body, static_cast<size_t>(p - body));
    ++p;
  }
}

// Writes a validated string body, decoded, at `out` and returns the end of what it
// wrote (never more bytes than the body: every escape is at least as long as what it
// stands for). The escapes of source lines are nearly all one-character ones; \u escapes
// go through json::decode_string.
char* decode_into(std::string_view body, char* out) {
  const char* p = body.data();
  const char* end = p + body.size();
  while (p < end) {
    const auto* next = static_cast<const char*>(std::memchr(p, '\\', static_cast<size_t>(end - p)));
    if (next == nullptr) {
      std::memcpy(out, p, static_cast<size_t>(end - p));
      return out + (end - p);
    }
    std::memcpy(out, p, static_cast<size_t>(next - p));
    out += next - p;
    char c = next[1];
    switch (c) {
      case 'n': *out++ = '\n'; break;
      case 't': *out++ = '\t'; break;
      case 'r': *out++ = '\r'; break;
      case 'b': *out++ = '\b'; break;
      case 'f': *out++ = '\f'; break;
      case 'u': {
        // A high surrogate (\uD800-\uDBFF) comes with its low one: two escapes.
        const char h0 = next[2];
        const char h1 = next[3];
        const bool high =
            (h0 == 'd' || h0 == 'D') && (h1 == '8' || h1 == '9' || h1 == 'a' || h1 == 'b' || h1 == 'A' || h1 == 'B');
        const size_t len = high ? 12 : 6;
        std::string decoded;
        json::decode_string(std::string_view(next, len), decoded);
        std::memcpy(out, decoded.data(), decoded.size());
        out += decoded.size();
        p = next + len;
        continue;
      }
      default: *out++ = c; break;  // '"', '\\', '/'
    }
    p = next + 2;
  }
  return out;
}

// The decoded text of a validated JSON string span (quotes included): a view into the
// input when nothing needs decoding.
std::string_view decoded_span(Notebook& nb, std::string_view span) {
  std::string_view body = span.substr(1, span.size() - 2);
  if (body.find('\\') == std::string_view::npos) {
    return body;
  }
  std::string decoded;
  json::decode_string(body, decoded);
  return nb.doc.own(std::move(decoded));
}

}  // namespace

util::Result<bool> index_raw_cell(Notebook& nb, const Value& cell, const CellMemberSink::Entry& e, size_t index,
                                  std::vector<std::string_view>& lines) {
  if (e.metadata.empty() || e.metadata.front() != '{') {
    return shape_error("cell " + std::to_string(index) + ": no 'metadata' object");
  }
  RawCellFields fields;
  fields.span = cell.text;
  fields.has_id = e.has_id;
  if (!e.id.empty() && e.id.front() == '"') {
    fields.id_is_string = true;
    fields.id = decoded_span(nb, e.id);
  }
  if (!e.type.empty() && e.type.front() == '"') {
    fields.type = decoded_span(nb, e.type);
  }
  if (!e.source.empty() && e.source.front() == '"') {
    fields.source = decoded_span(nb, e.source);
  } else if (!e.source.empty() && e.source.front() == '[') {
    bool escaped = false;
    if (!string_items(e.source, lines, escaped)) {
      return shape_error("cell " + std::to_string(index) + ": 'source' holds a non-string line");
    }
    if (lines.size() == 1 && !escaped) {
      fields.source = lines.front();
    } else if (!lines.empty()) {
      size_t size = 0;
      for (std::string_view line : lines) {
        size += line.size();
      }
      std::string joined(size, '\0');
      char* out = joined.data();
      for (std::string_view line : lines) {
        out = decode_into(line, out);
      }
      joined.resize(static_cast<size_t>(out - joined.data()));
      fields.source = nb.doc.own(std::move(joined));
    }
  }
  nb.raw_cell_fields.push_back(fields);
  return true;
}

void CellMemberSink::member(const char* object, const json::RawMember& m) {
  if (entries.empty() || entries.back().object != object) {
    entries.push_back(Entry{object});
  }
  Entry& e = entries.back();
  std::string_view key = m.key;
  std::string decoded;
  if (m.key_escaped) {
    json::decode_string(m.key, decoded);
    key = decoded;
  }
  // The last of duplicate keys wins, as in Python.
  if (key == "id") {
    e.id = m.value;
    e.has_id = true;
  } else if (key == "cell_type") {
    e.type = m.value;
  } else if (key == "source") {
    e.source = m.value;
  } else if (key == "metadata") {
    e.metadata = m.value;
  }
}

}  // namespace nbloop::notebook::detail
