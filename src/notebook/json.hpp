// A JSON document model that keeps what Python's json module keeps (exact integers,
// NaN/Infinity, every key) and points into the input buffer instead of copying it.
//
// Containers deeper than `ParseOptions::eager_depth` stay as validated raw spans
// (Kind::raw) until something asks for them with `expand`; large outputs that strip drops
// are therefore scanned once and never turned into nodes.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace nbloop::notebook::json {

enum class Kind : uint8_t { null, boolean, integer, floating, string, array, object, raw };

struct Member;

/// One JSON value. Strings and numbers are views: into the document's input buffer or into
/// text the document owns (see Document::own). A Value never outlives its Document.
class Value {
 public:
  // String flags.
  static constexpr uint8_t k_escaped = 1;       ///< text is the raw JSON form, with escapes
  static constexpr uint8_t k_non_ascii = 2;     ///< text holds bytes >= 0x80
  static constexpr uint8_t k_needs_escape = 4;  ///< decoded text holds '"', '\\' or controls
  // Raw flags: what container the span holds.
  static constexpr uint8_t k_raw_object = 8;
  /// The span is already exactly what the writer would produce at the place where the
  /// value sits: `dump` copies it byte for byte. Set (and cleared) by write_notebook.
  static constexpr uint8_t k_raw_verbatim = 16;

  Kind kind = Kind::null;
  uint8_t flags = 0;
  bool boolean = false;
  std::string_view text;        ///< number lexeme, string text, or a raw container's span
  std::vector<Value> items;     ///< array elements
  std::vector<Member> members;  ///< object members in input order (duplicates possible)

  static Value make_null();
  static Value make_bool(bool b);
  /// A string whose text is already decoded (not JSON-escaped). Flags are computed.
  static Value make_string(std::string_view decoded);
  /// Like make_string, without scanning: the writer escapes whatever needs it.
  static Value make_string_unscanned(std::string_view decoded);
  /// An integer given by its decimal lexeme.
  static Value make_integer(std::string_view lexeme);
  static Value make_array();
  static Value make_object();

  [[nodiscard]] bool is_null() const { return kind == Kind::null; }
  [[nodiscard]] bool is_string() const { return kind == Kind::string; }
  [[nodiscard]] bool is_array() const {
    return kind == Kind::array || (kind == Kind::raw && (flags & k_raw_object) == 0);
  }
  [[nodiscard]] bool is_object() const {
    return kind == Kind::object || (kind == Kind::raw && (flags & k_raw_object) != 0);
  }

  /// The decoded text of a string value.
  [[nodiscard]] std::string str() const;
  /// True when this is a string whose decoded text equals `s`.
  [[nodiscard]] bool string_equals(std::string_view s) const;

  /// Python's truth value (bool(x)) for a materialized value: false for null, false, 0,
  /// 0.0, "", [] and {}.
  [[nodiscard]] bool truthy() const;

  // Object access (the value must be a materialized object). Lookups use the last member
  // with that key, as Python's dict does after json.loads.
  [[nodiscard]] Value* find(std::string_view key);
  [[nodiscard]] const Value* find(std::string_view key) const;
  /// Removes every member with this key; returns whether one existed.
  bool erase(std::string_view key);
  /// Sets (replacing all duplicates) or appends the member.
  void set(std::string_view key, Value value);
};

struct Member {
  Value key;  ///< always a string
  Value value;
};

// Defined here, where Member is complete (clang checks vector<Member>'s destructor eagerly).
inline Value Value::make_null() { return Value{}; }

/// Decodes the body of a JSON string literal (without quotes). The text must be valid
/// (the parser checked it).
void decode_string(std::string_view raw, std::string& out);

/// Where and why parsing failed.
struct ParseError {
  size_t offset = 0;
  std::string message;
};

/// One member of a raw object, as spans of its text.
struct RawMember {
  std::string_view key;      ///< the key between its quotes, as written (escapes kept)
  bool key_escaped = false;  ///< the key holds a backslash escape
  std::string_view value;    ///< the value's span
};

/// Told the top-level members of every object left raw at `ParseOptions::eager_depth`,
/// as the parser validates them: a caller can index raw containers without reading them
/// a second time.
class RawMemberSink {
 public:
  virtual ~RawMemberSink() = default;
  /// `object` points at the raw object's '{'. Members arrive in input order.
  virtual void member(const char* object, const RawMember& member) = 0;
};

struct ParseOptions {
  int max_depth = 1000;  ///< deeper nesting is an error (Python gives up near 1000 too)
  int eager_depth = 64;  ///< containers at this depth or deeper stay raw until expanded
  RawMemberSink* raw_members = nullptr;  ///< optional; must outlive the parse
};

/// A parsed document: owns the input bytes, owned strings made later, and the root value.
/// Movable; values point into heap storage that moves with it.
class Document {
 public:
  Document() = default;
  Document(Document&&) noexcept = default;
  Document& operator=(Document&&) noexcept = default;
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  /// Parses `input` (which must not start with a BOM). Errors carry a line and column.
  static util::Result<Document> parse(std::string input, const ParseOptions& options = {});
  /// Like parse, without copying: the values point into `input`, which the caller keeps
  /// alive and unchanged for the life of the document.
  static util::Result<Document> parse_borrowed(std::string_view input, const ParseOptions& options = {});

  /// True when a carriage return appeared between tokens (the file used CRLF line ends).
  [[nodiscard]] bool saw_carriage_return() const { return m_saw_cr; }

  Value& root() { return m_root; }
  [[nodiscard]] const Value& root() const { return m_root; }
  [[nodiscard]] std::string_view input() const { return m_view; }

  /// Stores text for the life of the document and returns a stable view of it.
  std::string_view own(std::string text);

  /// Turns a raw span into a materialized container (children deeper than
  /// `levels` stay raw). A no-op on other kinds.
  void expand(Value& value, int levels = 1) const;

 private:
  std::unique_ptr<std::string> m_input = std::make_unique<std::string>();
  std::unique_ptr<std::deque<std::string>> m_owned = std::make_unique<std::deque<std::string>>();
  std::string_view m_view;  ///< the input: *m_input, or borrowed memory
  Value m_root;
  ParseOptions m_options;
  bool m_saw_cr = false;
};

/// Parses a standalone raw span into a value (used for raw containers); the span must
/// have been validated by the parser.
Value parse_validated(std::string_view span, int levels);

// --- Reading validated spans without building values --------------------------------
// These work on text the parser has already validated (a raw container's span, or a
// member's value inside one); on anything else the result is unspecified.

/// The end of the validated JSON value that starts at `p` (no leading whitespace).
const char* skip_validated(const char* p, const char* end);

/// Walks the members of a validated object span (`{...}`) in input order.
class RawMembers {
 public:
  explicit RawMembers(std::string_view object_span);
  /// The next member; false after the last.
  bool next(RawMember& member);

 private:
  const char* m_p;
  const char* m_end;
};

/// Walks the elements of a validated array span (`[...]`) in input order.
class RawItems {
 public:
  explicit RawItems(std::string_view array_span);
  /// The next element's span; false after the last.
  bool next(std::string_view& item);

 private:
  const char* m_p;
  const char* m_end;
};

/// The value of one validated span, as the parser would have made it with no levels
/// left: scalars are ordinary values (strings keep their escaped text and flags),
/// containers are Kind::raw.
Value value_of_span(std::string_view span);

/// For a raw object: the value of the last member with this key (what Value::find gives
/// after expanding), or nullopt. Keys with escapes are decoded for the comparison.
std::optional<Value> raw_find(const Value& raw_object, std::string_view key);

/// Converts a parse failure into a one-line error with line:col.
util::Error to_error(std::string_view input, const ParseError& error);

}  // namespace nbloop::notebook::json
