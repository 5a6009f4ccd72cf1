#include "notebook/text_lines.hpp"

#include <emmintrin.h>

#include "util/text.hpp"

namespace nbloop::notebook {

std::vector<std::string_view> split_lines_keepends(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  size_t i = 0;
  const size_t n = text.size();
  const __m128i control_max = _mm_set1_epi8(0x1F);
  const __m128i c2 = _mm_set1_epi8(static_cast<char>(0xC2));
  const __m128i e2 = _mm_set1_epi8(static_cast<char>(0xE2));
  while (i < n) {
    // Skip 16 bytes at a time that hold no possible line break (controls, or the lead
    // bytes of U+0085 / U+2028 / U+2029).
    while (n - i >= 16) {
      __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
      __m128i hit = _mm_cmpeq_epi8(_mm_max_epu8(chunk, control_max), control_max);
      hit = _mm_or_si128(hit, _mm_or_si128(_mm_cmpeq_epi8(chunk, c2), _mm_cmpeq_epi8(chunk, e2)));
      int mask = _mm_movemask_epi8(hit);
      if (mask == 0) {
        i += 16;
        continue;
      }
      i += static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
      break;
    }
    if (i >= n) {
      break;
    }
    auto c = static_cast<unsigned char>(text[i]);
    size_t brk = 0;  // length of the line break at i, 0 if none
    if (c == '\n' || c == '\v' || c == '\f' || (c >= 0x1C && c <= 0x1E)) {
      brk = 1;
    } else if (c == '\r') {
      brk = (i + 1 < n && text[i + 1] == '\n') ? 2 : 1;
    } else if (c == 0xC2 && i + 1 < n && static_cast<unsigned char>(text[i + 1]) == 0x85) {
      brk = 2;
    } else if (c == 0xE2 && i + 2 < n && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(text[i + 2]) == 0xA8 ||
                static_cast<unsigned char>(text[i + 2]) == 0xA9)) {
      brk = 3;
    }
    if (brk != 0) {
      i += brk;
      lines.push_back(text.substr(start, i - start));
      start = i;
    } else {
      ++i;
    }
  }
  if (start < n) {
    lines.push_back(text.substr(start));
  }
  return lines;
}

namespace {

bool is_python_space(char32_t cp) {
  switch (cp) {
    case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x1C: case 0x1D: case 0x1E:
    case 0x1F: case 0x20: case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
    case 0x202F: case 0x205F: case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

}  // namespace

bool has_non_whitespace(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    char32_t cp = *p;
    size_t len = 1;
    if (cp >= 0x80) {
      len = util::utf8_sequence_length(p, end);
      if (len == 0) {
        return true;
      }
      if (len == 2) {
        cp = ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu);
      } else if (len == 3) {
        cp = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
      } else {
        return true;  // no whitespace outside the BMP
      }
    }
    if (!is_python_space(cp)) {
      return true;
    }
    p += len;
  }
  return false;
}

}  // namespace nbloop::notebook
