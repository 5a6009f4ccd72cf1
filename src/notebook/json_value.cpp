#include <cassert>
#include <cstdlib>

#include "notebook/json.hpp"
#include "util/text.hpp"

namespace nbloop::notebook::json {
namespace {

unsigned hex4(const char* p) {
  unsigned v = 0;
  for (int i = 0; i < 4; ++i) {
    char c = p[i];
    unsigned h = (c >= '0' && c <= '9')   ? static_cast<unsigned>(c - '0')
                 : (c >= 'a' && c <= 'f') ? static_cast<unsigned>(c - 'a' + 10)
                                          : static_cast<unsigned>(c - 'A' + 10);
    v = v * 16 + h;
  }
  return v;
}

}  // namespace

void decode_string(std::string_view raw, std::string& out) {
  out.reserve(out.size() + raw.size());
  size_t i = 0;
  while (i < raw.size()) {
    size_t next = raw.find('\\', i);
    if (next == std::string_view::npos) {
      out.append(raw.substr(i));
      return;
    }
    out.append(raw.substr(i, next - i));
    char e = raw[next + 1];
    switch (e) {
      case 'b': out += '\b'; i = next + 2; break;
      case 'f': out += '\f'; i = next + 2; break;
      case 'n': out += '\n'; i = next + 2; break;
      case 'r': out += '\r'; i = next + 2; break;
      case 't': out += '\t'; i = next + 2; break;
      case 'u': {
        char32_t cp = hex4(raw.data() + next + 2);
        i = next + 6;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          char32_t lo = hex4(raw.data() + next + 8);
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          i = next + 12;
        }
        util::append_utf8(out, cp);
        break;
      }
      default: out += e; i = next + 2; break;  // '"', '\\', '/'
    }
  }
}

Value Value::make_bool(bool b) {
  Value v;
  v.kind = Kind::boolean;
  v.boolean = b;
  return v;
}

Value Value::make_string(std::string_view decoded) {
  Value v;
  v.kind = Kind::string;
  v.text = decoded;
  for (char ch : decoded) {
    auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) {
      v.flags |= k_non_ascii;
    } else if (c < 0x20 || c == '"' || c == '\\') {
      v.flags |= k_needs_escape;
    }
  }
  return v;
}

Value Value::make_string_unscanned(std::string_view decoded) {
  Value v;
  v.kind = Kind::string;
  v.text = decoded;
  v.flags = k_needs_escape | k_non_ascii;
  return v;
}

Value Value::make_integer(std::string_view lexeme) {
  Value v;
  v.kind = Kind::integer;
  v.text = lexeme;
  return v;
}

Value Value::make_array() {
  Value v;
  v.kind = Kind::array;
  return v;
}

Value Value::make_object() {
  Value v;
  v.kind = Kind::object;
  return v;
}

std::string Value::str() const {
  assert(kind == Kind::string);
  if ((flags & k_escaped) == 0) {
    return std::string(text);
  }
  std::string out;
  decode_string(text, out);
  return out;
}

bool Value::string_equals(std::string_view s) const {
  if (kind != Kind::string) {
    return false;
  }
  if ((flags & k_escaped) == 0) {
    return text == s;
  }
  return str() == s;
}

bool Value::truthy() const {
  switch (kind) {
    case Kind::null: return false;
    case Kind::boolean: return boolean;
    case Kind::integer: return text != "0" && text != "-0";
    case Kind::floating: return std::strtod(std::string(text).c_str(), nullptr) != 0.0 || text == "NaN";
    case Kind::string: return !text.empty();
    case Kind::array: return !items.empty();
    case Kind::object: return !members.empty();
    case Kind::raw: {
      // A raw span is "[ ... ]" or "{ ... }": empty when only whitespace sits inside.
      for (size_t i = 1; i + 1 < text.size(); ++i) {
        char c = text[i];
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
          return true;
        }
      }
      return false;
    }
  }
  return false;
}

Value* Value::find(std::string_view key) {
  assert(kind == Kind::object);
  for (auto it = members.rbegin(); it != members.rend(); ++it) {
    if (it->key.string_equals(key)) {
      return &it->value;
    }
  }
  return nullptr;
}

const Value* Value::find(std::string_view key) const {
  return const_cast<Value*>(this)->find(key);
}

bool Value::erase(std::string_view key) {
  assert(kind == Kind::object);
  size_t before = members.size();
  std::erase_if(members, [&](const Member& m) { return m.key.string_equals(key); });
  return members.size() != before;
}

void Value::set(std::string_view key, Value value) {
  assert(kind == Kind::object);
  Value* existing = nullptr;
  for (auto& m : members) {
    if (m.key.string_equals(key)) {
      existing = &m.value;
    }
  }
  if (existing != nullptr) {
    // Keep one member: the last (the one Python's dict holds).
    bool seen = false;
    for (auto it = members.rbegin(); it != members.rend(); ++it) {
      if (it->key.string_equals(key)) {
        if (!seen) {
          it->value = std::move(value);
          seen = true;
        }
      }
    }
    size_t kept = 0;
    std::vector<Member> out;
    out.reserve(members.size());
    size_t count = 0;
    for (auto& m : members) {
      if (m.key.string_equals(key)) {
        ++count;
      }
    }
    for (auto& m : members) {
      if (m.key.string_equals(key) && ++kept < count) {
        continue;
      }
      out.push_back(std::move(m));
    }
    members = std::move(out);
    return;
  }
  members.push_back(Member{make_string(key), std::move(value)});
}

}  // namespace nbloop::notebook::json
