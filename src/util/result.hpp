// Result<T>: a value or an Error, the way recoverable failures travel between layers.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace nbloop::util {

/// A recoverable failure: one line of text, without the path (the caller knows it).
/// `line`/`column` are 1-based and 0 when they do not apply.
struct Error {
  std::string message;
  int line = 0;
  int column = 0;

  /// "LINE:COL: message" when a position is known, else "message".
  [[nodiscard]] std::string located() const {
    if (line > 0) {
      return std::to_string(line) + ":" + std::to_string(column) + ": " + message;
    }
    return message;
  }
};

/// A small stand-in for std::expected<T, Error> (C++23) on C++20.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : m_data(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Error error) : m_data(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  [[nodiscard]] bool ok() const { return m_data.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(m_data); }
  const T& value() const& { assert(ok()); return std::get<0>(m_data); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(m_data)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  [[nodiscard]] const Error& error() const { assert(!ok()); return std::get<1>(m_data); }

 private:
  std::variant<T, Error> m_data;
};

/// Result of an operation that yields nothing but may fail.
struct Ok {};
using Status = Result<Ok>;

inline Error make_error(std::string message, int line = 0, int column = 0) {
  return Error{std::move(message), line, column};
}

}  // namespace nbloop::util
