// Scanning helpers shared by the readers of validated JSON text (json_raw, lazy_cells).
#pragma once

#include <emmintrin.h>

namespace nbloop::notebook::json {

/// The first '"' or '\\' in [p, end), or `end`: 16 bytes at a time, then byte by byte.
inline const char* find_quote_or_backslash(const char* p, const char* end) {
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  while (end - p >= 16) {
    __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    int mask = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(chunk, quote), _mm_cmpeq_epi8(chunk, backslash)));
    if (mask != 0) {
      return p + __builtin_ctz(static_cast<unsigned>(mask));
    }
    p += 16;
  }
  while (p < end && *p != '"' && *p != '\\') {
    ++p;
  }
  return p;
}

}  // namespace nbloop::notebook::json
