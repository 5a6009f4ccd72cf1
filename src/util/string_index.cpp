#include "util/string_index.hpp"

#include <functional>

namespace nbloop::util {

StringIndex::StringIndex(size_t capacity) {
  size_t size = 16;
  while (size < capacity + capacity / 2 + 1) {
    size *= 2;
  }
  m_slots.resize(size);
  m_mask = size - 1;
}

size_t StringIndex::slot_of(std::string_view key) const {
  size_t s = std::hash<std::string_view>{}(key)&m_mask;
  while (m_slots[s].used && m_slots[s].key != key) {
    s = (s + 1) & m_mask;
  }
  return s;
}

size_t* StringIndex::insert(std::string_view key, size_t value, bool& added) {
  Slot& slot = m_slots[slot_of(key)];
  added = !slot.used;
  if (added) {
    slot.used = true;
    slot.key = key;
    slot.value = value;
  }
  return &slot.value;
}

const size_t* StringIndex::find(std::string_view key) const {
  const Slot& slot = m_slots[slot_of(key)];
  return slot.used ? &slot.value : nullptr;
}

bool all_distinct(const std::vector<std::string_view>& keys) {
  StringIndex index(keys.size());
  bool added = false;
  for (size_t i = 0; i < keys.size(); ++i) {
    index.insert(keys[i], i, added);
    if (!added) {
      return false;
    }
  }
  return true;
}

}  // namespace nbloop::util
