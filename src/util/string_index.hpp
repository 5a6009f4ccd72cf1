// A flat hash map from strings to indices (cell ids to cell positions): thousands of
// look-ups without sorting and without an allocation per entry.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace nbloop::util {

/// Open addressing, linear probing. The keys are views: their text must outlive the
/// index. Sized once for at most `capacity` keys (it does not grow).
class StringIndex {
 public:
  explicit StringIndex(size_t capacity);

  /// Adds `key` with `value`; when `key` is already present, leaves it and returns a
  /// pointer to its value with `added` false.
  size_t* insert(std::string_view key, size_t value, bool& added);
  /// The value of `key`, or null.
  [[nodiscard]] const size_t* find(std::string_view key) const;

 private:
  struct Slot {
    std::string_view key;
    size_t value = 0;
    bool used = false;
  };
  [[nodiscard]] size_t slot_of(std::string_view key) const;
  std::vector<Slot> m_slots;
  size_t m_mask = 0;
};

/// True when no two of `keys` are equal.
bool all_distinct(const std::vector<std::string_view>& keys);

}  // namespace nbloop::util
