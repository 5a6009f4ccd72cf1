#include "merge/align.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>

#include "notebook/notebook.hpp"
#include "util/string_index.hpp"

namespace nbloop::merge {
namespace {

using notebook::json::Value;

constexpr size_t k_sketch_size = 64;
// Gaps with at most this many candidate pairs get the exhaustive DP; larger ones a band.
constexpr size_t k_full_dp_pairs = 4096;
constexpr size_t k_band_half_width = 32;

// FNV-1a (unrolled: the multiplications are serial, the loop overhead need not be).
uint64_t hash_bytes(std::string_view s, uint64_t h = 1469598103934665603ULL) {
  constexpr uint64_t k_prime = 1099511628211ULL;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  for (; n >= 4; n -= 4, p += 4) {
    h = (h ^ p[0]) * k_prime;
    h = (h ^ p[1]) * k_prime;
    h = (h ^ p[2]) * k_prime;
    h = (h ^ p[3]) * k_prime;
  }
  for (; n > 0; --n, ++p) {
    h = (h ^ *p) * k_prime;
  }
  return h;
}

uint64_t content_hash(const CellView& c) {
  // std::hash on string_view (murmur-style, word at a time) is several times faster than
  // a byte loop on large sources.
  uint64_t h = std::hash<std::string_view>{}(c.source);
  return h ^ (std::hash<std::string_view>{}(c.type) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
}

uint32_t mix32(uint32_t x) {
  x ^= x >> 16;
  x *= 0x7feb352dU;
  x ^= x >> 15;
  x *= 0x846ca68bU;
  x ^= x >> 16;
  return x;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Sorts `n` values below 2^bits that are spread about evenly (hashes): counted into
// buckets by their top bits, then insertion-sorted, each value moving within its bucket
// only. (Large inputs go to std::sort, which has no bad case.)
void sort_hashes(uint32_t* v, size_t n, unsigned bits) {
  if (n > 4096) {
    std::sort(v, v + n);
    return;
  }
  if (n >= 32) {
    unsigned bucket_bits = 4;
    while (bucket_bits < 10 && (size_t{2} << bucket_bits) < n) {
      ++bucket_bits;  // about two values a bucket
    }
    bucket_bits = std::min(bucket_bits, bits);
    const unsigned shift = bits - bucket_bits;
    const size_t buckets = size_t{1} << bucket_bits;
    uint32_t starts[1025];
    std::fill(starts, starts + buckets + 1, 0U);
    for (size_t i = 0; i < n; ++i) {
      ++starts[(v[i] >> shift) + 1];
    }
    for (size_t b = 1; b <= buckets; ++b) {
      starts[b] += starts[b - 1];
    }
    thread_local std::vector<uint32_t> spread;
    if (spread.size() < n) {
      spread.resize(n);
    }
    for (size_t i = 0; i < n; ++i) {
      spread[starts[v[i] >> shift]++] = v[i];
    }
    std::copy(spread.begin(), spread.begin() + static_cast<std::ptrdiff_t>(n), v);
  }
  for (size_t i = 1; i < n; ++i) {
    const uint32_t x = v[i];
    size_t j = i;
    for (; j > 0 && v[j - 1] > x; --j) {
      v[j] = v[j - 1];
    }
    v[j] = x;
  }
}

// Appends the bottom-k sketch of the set of `hashes` (which it reorders) to `out`: the k
// smallest distinct values, ascending. The hashes are uniform, so the values below a
// threshold (a power of two) that about 2k of them fall under nearly always hold k
// distinct ones, and then the first k of those sorted are the sketch; only those are
// sorted. When they do not (many repeated values), the threshold doubles until they do
// or it covers all.
void bottom_k(std::vector<uint32_t>& hashes, std::vector<uint32_t>& out) {
  const size_t n = hashes.size();
  uint32_t* begin = hashes.data();
  uint32_t* end = begin + n;
  if (n > 2 * k_sketch_size) {
    thread_local std::vector<uint32_t> picked;
    if (picked.size() < n) {
      picked.resize(n);
    }
    unsigned bits = 1;
    while (bits < 32 && (uint64_t{n} << bits) < (uint64_t{2 * k_sketch_size} << 32)) {
      ++bits;
    }
    for (; bits < 32; ++bits) {
      const uint32_t limit = uint32_t{1} << bits;
      size_t count = 0;
      for (uint32_t h : hashes) {
        picked[count] = h;
        count += h < limit ? 1 : 0;
      }
      sort_hashes(picked.data(), count, bits);
      auto unique_end = std::unique(picked.begin(), picked.begin() + static_cast<std::ptrdiff_t>(count));
      if (unique_end - picked.begin() >= static_cast<std::ptrdiff_t>(k_sketch_size)) {
        out.insert(out.end(), picked.begin(), picked.begin() + k_sketch_size);
        return;
      }
    }
  }
  sort_hashes(begin, n, 32);
  end = std::unique(begin, end);
  out.insert(out.end(), begin, begin + std::min<std::ptrdiff_t>(end - begin, k_sketch_size));
}

// Estimated Jaccard index of two sets from their bottom-k sketches: the share of the k
// smallest values of the union that are in both. (A branch-free merge: a value past
// the end of a sketch reads as 2^32, above every hash.)
double sketch_jaccard(std::span<const uint32_t> x, std::span<const uint32_t> y) {
  constexpr uint64_t k_end = uint64_t{1} << 32;
  const size_t nx = x.size();
  const size_t ny = y.size();
  const size_t steps = std::min(k_sketch_size, nx + ny);
  size_t i = 0;
  size_t j = 0;
  size_t taken = 0;
  size_t both = 0;
  for (; taken < steps && (i < nx || j < ny); ++taken) {
    uint64_t a = i < nx ? x[i] : k_end;
    uint64_t b = j < ny ? y[j] : k_end;
    both += a == b ? 1 : 0;
    i += a <= b ? 1 : 0;
    j += b <= a ? 1 : 0;
  }
  return taken == 0 ? 0.0 : static_cast<double>(both) / static_cast<double>(taken);
}

// The set bits of x[w] & y[w] (of x[w] alone when y is null), summed over the words.
size_t common_bits_portable(const uint64_t* x, const uint64_t* y, size_t words) {
  size_t total = 0;
  // Counted in parallel within each byte (at most 8 per byte and word, so 8 words fit).
  for (size_t w0 = 0; w0 < words; w0 += 8) {
    uint64_t bytes = 0;
    for (size_t w = w0; w < std::min(words, w0 + 8); ++w) {
      uint64_t v = y != nullptr ? x[w] & y[w] : x[w];
      v -= (v >> 1) & 0x5555555555555555ULL;
      v = (v & 0x3333333333333333ULL) + ((v >> 2) & 0x3333333333333333ULL);
      bytes += (v + (v >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
    }
    total += static_cast<size_t>((bytes * 0x0101010101010101ULL) >> 56);
  }
  return total;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(__POPCNT__)
// The same with the POPCNT instruction, which the baseline x86-64 target lacks but
// nearly every x86-64 CPU has (checked once at start).
__attribute__((target("popcnt"))) size_t common_bits_popcnt(const uint64_t* x, const uint64_t* y, size_t words) {
  size_t total = 0;
  for (size_t w = 0; w < words; ++w) {
    total += static_cast<size_t>(__builtin_popcountll(y != nullptr ? x[w] & y[w] : x[w]));
  }
  return total;
}
const bool k_has_popcnt = [] {
  __builtin_cpu_init();  // (this may run before the runtime's own initialisation)
  return __builtin_cpu_supports("popcnt") != 0;
}();

size_t common_bits(const uint64_t* x, const uint64_t* y, size_t words) {
  return k_has_popcnt ? common_bits_popcnt(x, y, words) : common_bits_portable(x, y, words);
}
#else
size_t common_bits(const uint64_t* x, const uint64_t* y, size_t words) {
#if defined(__POPCNT__)
  size_t total = 0;
  for (size_t w = 0; w < words; ++w) {
    total += static_cast<size_t>(__builtin_popcountll(y != nullptr ? x[w] & y[w] : x[w]));
  }
  return total;
#else
  return common_bits_portable(x, y, words);
#endif
}
#endif

// A sketch's values as a bit set (each value sets bit `value mod 64·words`), and how many
// of its values fell on a bit already set. Two sketches share at most
// common_bits + min(folded) values: a shared value sets the same bit in both, and beyond
// one per bit the extra ones are folded values of either side.
template <size_t Words>
struct Bits {
  uint64_t words[Words] = {};
  uint8_t folded = 0;

  void fill(std::span<const uint32_t> values) {
    for (uint32_t v : values) {
      const uint32_t bit = v & (64 * Words - 1);
      words[bit >> 6] |= uint64_t{1} << (bit & 63);
    }
    folded = static_cast<uint8_t>(values.size() - common_bits(words, nullptr, Words));
  }
};

// True when sketch_jaccard of sketches of nx and ny values, with these bit sets, is
// surely below `floor`: it is at most (values shared) / (union values merged), and the
// union holds at least nx + ny - shared values.
template <size_t Words>
bool surely_below(const Bits<Words>& bx, const Bits<Words>& by, size_t nx, size_t ny, double floor) {
  const size_t steps = std::min(k_sketch_size, nx + ny);
  if (steps == 0) {
    return false;
  }
  const size_t shared = std::min({common_bits(bx.words, by.words, Words) + std::min(bx.folded, by.folded), nx, ny});
  const size_t taken = std::min(steps, nx + ny - shared);
  // (The margin keeps rounding from ever deciding: shared and taken are small integers.)
  return static_cast<double>(shared) + 1e-6 < floor * static_cast<double>(taken);
}

// What similarity looks at in one source: the bottom-k sketches of its set of character
// trigrams (whitespace runs collapsed to one space, leading and trailing whitespace
// dropped) and of its set of non-blank lines (trimmed). Sources shorter than three
// characters keep their collapsed text instead.
struct Sketch {
  std::vector<uint32_t> values;  // the trigram sketch, then the line sketch
  size_t n_trigrams = 0;         // (each ascending, distinct, at most k_sketch_size)
  Bits<8> trigram_bits;
  Bits<1> line_bits;
  std::string short_text;
  bool is_short = false;

  [[nodiscard]] std::span<const uint32_t> trigrams() const { return {values.data(), n_trigrams}; }
  [[nodiscard]] std::span<const uint32_t> lines() const {
    return {values.data() + n_trigrams, values.size() - n_trigrams};
  }
};

Sketch make_sketch(std::string_view text) {
  Sketch sk;
  // The text with whitespace collapsed: leading and trailing runs dropped, inner ones
  // one space.
  thread_local std::string collapsed;
  collapsed.resize(text.size());
  char* c = collapsed.data();
  size_t n = 0;
  for (char ch : text) {
    if (!is_space(ch)) {
      c[n++] = ch;
    } else if (n > 0 && c[n - 1] != ' ') {
      c[n++] = ' ';
    }
  }
  if (n > 0 && c[n - 1] == ' ') {
    --n;
  }
  if (n < 3) {
    sk.is_short = true;
    sk.short_text.assign(c, n);
    return sk;
  }
  thread_local std::vector<uint32_t> hashes;
  hashes.resize(n - 2);
  const auto* u = reinterpret_cast<const unsigned char*>(c);
  for (size_t i = 0; i + 2 < n; ++i) {
    hashes[i] = mix32((uint32_t{u[i]} << 16) | (uint32_t{u[i + 1]} << 8) | u[i + 2]);
  }
  sk.values.reserve(2 * k_sketch_size);
  bottom_k(hashes, sk.values);
  sk.n_trigrams = sk.values.size();
  hashes.clear();
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    std::string_view line = text.substr(pos, end - pos);
    while (!line.empty() && is_space(line.front())) {
      line.remove_prefix(1);
    }
    while (!line.empty() && is_space(line.back())) {
      line.remove_suffix(1);
    }
    if (!line.empty()) {
      hashes.push_back(static_cast<uint32_t>(hash_bytes(line) >> 32));
    }
    pos = end + 1;
  }
  bottom_k(hashes, sk.values);
  sk.values.shrink_to_fit();
  sk.trigram_bits.fill(sk.trigrams());
  sk.line_bits.fill(sk.lines());
  return sk;
}

// The larger of the trigram and the line similarity: trigrams see small edits inside
// lines, lines see lines added to a short cell.
double sketch_similarity(const Sketch& x, const Sketch& y) {
  if (x.is_short || y.is_short) {
    return x.is_short && y.is_short && x.short_text == y.short_text ? 1.0 : 0.0;
  }
  return std::max(sketch_jaccard(x.trigrams(), y.trigrams()), sketch_jaccard(x.lines(), y.lines()));
}

// sketch_jaccard(x, y) exactly when it is at least `floor`; otherwise -1. The merge stops
// as soon as the matches still possible cannot reach `floor`. (`floor` sits a little
// below the caller's real bound, so rounding never decides.)
double sketch_jaccard_at_least(std::span<const uint32_t> x, std::span<const uint32_t> y, double floor) {
  constexpr uint64_t k_end = uint64_t{1} << 32;
  const size_t nx = x.size();
  const size_t ny = y.size();
  const size_t steps = std::min(k_sketch_size, nx + ny);  // taken never exceeds this
  // At step t with b matches, the result is at most (b + steps - t) / steps.
  const double needed = floor * static_cast<double>(steps);
  size_t i = 0;
  size_t j = 0;
  size_t taken = 0;
  size_t both = 0;
  for (; taken < steps && (i < nx || j < ny); ++taken) {
    if (static_cast<double>(both + steps - taken) < needed) {
      return -1.0;
    }
    uint64_t a = i < nx ? x[i] : k_end;
    uint64_t b = j < ny ? y[j] : k_end;
    both += a == b ? 1 : 0;
    i += a <= b ? 1 : 0;
    j += b <= a ? 1 : 0;
  }
  double result = taken == 0 ? 0.0 : static_cast<double>(both) / static_cast<double>(taken);
  return result >= floor ? result : -1.0;
}

// sketch_similarity(x, y) exactly when it is at least `floor`; otherwise below `floor`.
// The bit sets rule out most dissimilar pairs before any value is compared.
double sketch_similarity_at_least(const Sketch& x, const Sketch& y, double floor) {
  if (x.is_short || y.is_short) {
    return sketch_similarity(x, y);
  }
  const std::span<const uint32_t> xt = x.trigrams();
  const std::span<const uint32_t> yt = y.trigrams();
  double tri = surely_below(x.trigram_bits, y.trigram_bits, xt.size(), yt.size(), floor)
                   ? -1.0
                   : sketch_jaccard_at_least(xt, yt, floor);
  // The line estimate cannot exceed min/max of the two sketch sizes (at most that many
  // matches among at least that many values): when the trigrams already reach it, they
  // are the maximum.
  const std::span<const uint32_t> xl = x.lines();
  const std::span<const uint32_t> yl = y.lines();
  const size_t lo = std::min(xl.size(), yl.size());
  const size_t hi = std::max(xl.size(), yl.size());
  const double line_bound = hi == 0 ? 0.0 : static_cast<double>(lo) / static_cast<double>(hi);
  if (tri >= line_bound) {
    return tri;
  }
  const double line_floor = std::max(floor, tri);
  double line = surely_below(x.line_bits, y.line_bits, xl.size(), yl.size(), line_floor)
                    ? -1.0
                    : sketch_jaccard_at_least(xl, yl, line_floor);
  return std::max(tri, line);
}

bool looks_renumbered(std::span<const CellView> cells) {
  if (cells.empty()) {
    return false;
  }
  for (size_t i = 0; i < cells.size(); ++i) {
    if (cells[i].id != std::to_string(i)) {
      return false;
    }
  }
  return true;
}

// Indices (into `keys`) of a longest strictly increasing subsequence; O(n log n).
std::vector<size_t> longest_increasing(const std::vector<size_t>& keys) {
  std::vector<size_t> tails;  // index into keys of the smallest tail of each length
  std::vector<size_t> prev(keys.size(), k_no_cell);
  for (size_t i = 0; i < keys.size(); ++i) {
    auto it =
        std::lower_bound(tails.begin(), tails.end(), keys[i], [&](size_t t, size_t key) { return keys[t] < key; });
    if (it != tails.begin()) {
      prev[i] = *(it - 1);
    }
    if (it == tails.end()) {
      tails.push_back(i);
    } else {
      *it = i;
    }
  }
  std::vector<size_t> out;
  for (size_t k = tails.empty() ? k_no_cell : tails.back(); k != k_no_cell; k = prev[k]) {
    out.push_back(k);
  }
  std::reverse(out.begin(), out.end());
  return out;
}

class Aligner {
 public:
  Aligner(std::span<const CellView> a, std::span<const CellView> b, const AlignOptions& options)
      : m_a(a),
        m_b(b),
        m_options(options),
        m_match_a(a.size(), k_no_cell),
        m_match_b(b.size(), k_no_cell),
        m_kind_a(a.size(), MatchKind::none),
        m_moved_a(a.size(), 0),
        m_moved_b(b.size(), 0) {
    // Content hashes are computed when first needed: cells paired by id never are.
    m_hash_a.assign(a.size(), k_no_hash);
    m_hash_b.assign(b.size(), k_no_hash);
  }

  Alignment run() {
    if (m_options.use_ids && !looks_renumbered(m_a) && !looks_renumbered(m_b)) {
      match_ids();
    }
    // Content matching inside each gap between id anchors.
    size_t prev_a = 0;
    size_t prev_b = 0;
    auto gap = [&](size_t a_end, size_t b_end) {
      std::vector<size_t> va;
      std::vector<size_t> vb;
      for (size_t i = prev_a; i < a_end; ++i) {
        if (m_moved_a[i] == 0) {
          va.push_back(i);
        }
      }
      for (size_t j = prev_b; j < b_end; ++j) {
        if (m_moved_b[j] == 0) {
          vb.push_back(j);
        }
      }
      match_exact(va, vb);
    };
    for (size_t i = 0; i < m_a.size(); ++i) {
      if (m_match_a[i] != k_no_cell) {
        gap(i, m_match_a[i]);
        prev_a = i + 1;
        prev_b = m_match_a[i] + 1;
      }
    }
    gap(m_a.size(), m_b.size());
    for (auto& [va, vb] : m_leftovers) {
      match_similar(va, vb);
    }
    detect_content_moves();
    return build();
  }

 private:
  void pair(size_t i, size_t j, MatchKind kind) {
    m_match_a[i] = j;
    m_match_b[j] = i;
    m_kind_a[i] = kind;
  }

  [[nodiscard]] bool same_content(size_t i, size_t j) {
    return hash_a(i) == hash_b(j) && m_a[i].type == m_b[j].type && m_a[i].source == m_b[j].source;
  }

  // The cells' ids, each with its cell's index (k_no_cell when the id is duplicated: it
  // names no single cell).
  static util::StringIndex id_index(std::span<const CellView> cells) {
    util::StringIndex ids(cells.size());
    bool added = false;
    for (size_t i = 0; i < cells.size(); ++i) {
      if (!cells[i].id.empty()) {
        size_t* index = ids.insert(cells[i].id, i, added);
        if (!added) {
          *index = k_no_cell;
        }
      }
    }
    return ids;
  }

  static size_t find_id(const util::StringIndex& ids, std::string_view id) {
    const size_t* index = ids.find(id);
    return index != nullptr ? *index : k_no_cell;
  }

  void match_ids() {
    const auto in_b = id_index(m_b);
    const auto in_a = id_index(m_a);
    std::vector<size_t> cand_a;
    std::vector<size_t> cand_b;
    for (size_t i = 0; i < m_a.size(); ++i) {
      if (m_a[i].id.empty() || find_id(in_a, m_a[i].id) != i) {
        continue;
      }
      size_t j = find_id(in_b, m_a[i].id);
      if (j == k_no_cell || m_b[j].type != m_a[i].type) {
        continue;
      }
      cand_a.push_back(i);
      cand_b.push_back(j);
    }
    std::vector<size_t> keep = longest_increasing(cand_b);
    std::vector<char> kept(cand_a.size(), 0);
    for (size_t k : keep) {
      kept[k] = 1;
      pair(cand_a[k], cand_b[k], MatchKind::id);
    }
    for (size_t k = 0; k < cand_a.size(); ++k) {
      if (kept[k] == 0) {
        m_moves.push_back(Move{cand_a[k], cand_b[k], MatchKind::id});
        m_moved_a[cand_a[k]] = 1;
        m_moved_b[cand_b[k]] = 1;
      }
    }
  }

  // Pairs identical cells in the (unpaired, in-order) index lists va × vb; records what
  // remains for the similarity pass in m_leftovers.
  void match_exact(std::span<const size_t> va, std::span<const size_t> vb) {
    // Common prefix and suffix.
    size_t p = 0;
    while (p < va.size() && p < vb.size() && same_content(va[p], vb[p])) {
      pair(va[p], vb[p], MatchKind::exact);
      ++p;
    }
    va = va.subspan(p);
    vb = vb.subspan(p);
    size_t s = 0;
    while (s < va.size() && s < vb.size() && same_content(va[va.size() - 1 - s], vb[vb.size() - 1 - s])) {
      pair(va[va.size() - 1 - s], vb[vb.size() - 1 - s], MatchKind::exact);
      ++s;
    }
    va = va.first(va.size() - s);
    vb = vb.first(vb.size() - s);
    if (va.empty() || vb.empty()) {
      return;
    }
    // Sources unique on both sides anchor the gap (patience diff). Hashes are sorted
    // with their positions: a hash found once on each side is a candidate.
    std::vector<std::pair<uint64_t, size_t>> ha;
    std::vector<std::pair<uint64_t, size_t>> hb;
    ha.reserve(va.size());
    hb.reserve(vb.size());
    for (size_t k = 0; k < va.size(); ++k) {
      ha.emplace_back(hash_a(va[k]), k);
    }
    for (size_t k = 0; k < vb.size(); ++k) {
      hb.emplace_back(hash_b(vb[k]), k);
    }
    std::sort(ha.begin(), ha.end());
    std::sort(hb.begin(), hb.end());
    std::vector<std::pair<size_t, size_t>> cands;  // (position in va, position in vb)
    for (size_t x = 0, y = 0; x < ha.size(); ++x) {
      const uint64_t h = ha[x].first;
      if ((x > 0 && ha[x - 1].first == h) || (x + 1 < ha.size() && ha[x + 1].first == h)) {
        continue;  // not unique in va
      }
      while (y < hb.size() && hb[y].first < h) {
        ++y;
      }
      if (y < hb.size() && hb[y].first == h && (y + 1 == hb.size() || hb[y + 1].first != h) &&
          same_content(va[ha[x].second], vb[hb[y].second])) {
        cands.emplace_back(ha[x].second, hb[y].second);
      }
    }
    std::sort(cands.begin(), cands.end());
    std::vector<size_t> cand_a;
    std::vector<size_t> cand_b;
    cand_a.reserve(cands.size());
    cand_b.reserve(cands.size());
    for (const auto& [k, pb] : cands) {
      cand_a.push_back(k);
      cand_b.push_back(pb);
    }
    if (cand_a.empty()) {
      if (va.size() * vb.size() <= k_full_dp_pairs) {
        match_lcs(va, vb);
      } else {
        m_leftovers.emplace_back(std::vector<size_t>(va.begin(), va.end()), std::vector<size_t>(vb.begin(), vb.end()));
      }
      return;
    }
    ha = {};  // (freed before recursing)
    hb = {};
    cands = {};
    std::vector<size_t> keep = longest_increasing(cand_b);
    size_t from_a = 0;
    size_t from_b = 0;
    for (size_t k : keep) {
      size_t ka = cand_a[k];
      size_t kb = cand_b[k];
      match_exact(va.subspan(from_a, ka - from_a), vb.subspan(from_b, kb - from_b));
      pair(va[ka], vb[kb], MatchKind::exact);
      from_a = ka + 1;
      from_b = kb + 1;
    }
    match_exact(va.subspan(from_a), vb.subspan(from_b));
  }

  // Exhaustive longest common subsequence of identical cells for a small gap; the
  // stretches between its pairs go to the similarity pass.
  void match_lcs(std::span<const size_t> va, std::span<const size_t> vb) {
    const size_t n = va.size();
    const size_t m = vb.size();
    std::vector<uint32_t> len((n + 1) * (m + 1), 0);
    auto at = [&](size_t i, size_t j) -> uint32_t& { return len[i * (m + 1) + j]; };
    for (size_t i = n; i-- > 0;) {
      for (size_t j = m; j-- > 0;) {
        at(i, j) = same_content(va[i], vb[j]) ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
      }
    }
    std::vector<size_t> ga;
    std::vector<size_t> gb;
    auto flush = [&] {
      if (!ga.empty() && !gb.empty()) {
        m_leftovers.emplace_back(ga, gb);
      }
      ga.clear();
      gb.clear();
    };
    size_t i = 0;
    size_t j = 0;
    while (i < n && j < m) {
      if (same_content(va[i], vb[j]) && at(i, j) == at(i + 1, j + 1) + 1) {
        flush();
        pair(va[i], vb[j], MatchKind::exact);
        ++i;
        ++j;
      } else if (at(i + 1, j) >= at(i, j + 1)) {
        ga.push_back(va[i++]);
      } else {
        gb.push_back(vb[j++]);
      }
    }
    ga.insert(ga.end(), va.begin() + static_cast<std::ptrdiff_t>(i), va.end());
    gb.insert(gb.end(), vb.begin() + static_cast<std::ptrdiff_t>(j), vb.end());
    flush();
  }

  const Sketch& sketch_a(size_t i) {
    if (m_sketch_a.empty()) {
      m_sketch_a.resize(m_a.size());  // only alignments with a similarity pass pay for these
    }
    if (!m_sketch_a[i]) {
      m_sketch_a[i] = make_sketch(m_a[i].source);
    }
    return *m_sketch_a[i];
  }
  const Sketch& sketch_b(size_t j) {
    if (m_sketch_b.empty()) {
      m_sketch_b.resize(m_b.size());
    }
    if (!m_sketch_b[j]) {
      m_sketch_b[j] = make_sketch(m_b[j].source);
    }
    return *m_sketch_b[j];
  }

  // Maximum-total-similarity order-preserving pairing of va × vb, restricted to a band
  // around the diagonal when the gap is large. Row i may use columns
  // [centre(i-1) - W, centre(i) + W], so consecutive rows always overlap and a path from
  // (0, 0) to (n, m) exists.
  void match_similar(const std::vector<size_t>& va, const std::vector<size_t>& vb) {
    const size_t n = va.size();
    const size_t m = vb.size();
    const bool full = n * m <= k_full_dp_pairs;
    const size_t w = full ? std::max(n, m) : k_band_half_width;
    auto centre = [&](size_t i) { return i * m / n; };
    std::vector<size_t> lo(n + 1);
    std::vector<size_t> hi(n + 1);
    std::vector<size_t> offset(n + 2);  // row i's cells start at offset[i] in score and step
    lo[0] = 0;
    hi[0] = m;  // row 0 is all zeros, every column reachable
    offset[1] = m + 1;
    for (size_t i = 1; i <= n; ++i) {
      size_t c_prev = centre(i - 1);
      size_t c_here = (i * m + n - 1) / n;
      lo[i] = c_prev > w ? c_prev - w : 0;
      hi[i] = std::min(m, c_here + w);
      if (i == n) {
        hi[i] = m;
      }
      offset[i + 1] = offset[i] + hi[i] - lo[i] + 1;
    }
    // Cell types as small numbers (the type must match for a pair).
    std::vector<std::string_view> types;
    auto type_code = [&](std::string_view type) {
      auto it = std::find(types.begin(), types.end(), type);
      if (it == types.end()) {
        types.push_back(type);
        return types.size() - 1;
      }
      return static_cast<size_t>(it - types.begin());
    };
    std::vector<uint32_t> type_a(n);
    std::vector<uint32_t> type_b(m);
    for (size_t i = 0; i < n; ++i) {
      type_a[i] = static_cast<uint32_t>(type_code(m_a[va[i]].type));
    }
    for (size_t j = 0; j < m; ++j) {
      type_b[j] = static_cast<uint32_t>(type_code(m_b[vb[j]].type));
    }
    std::vector<const Sketch*> sketch_of_b(m, nullptr);  // made when first compared
    constexpr double k_neg = -std::numeric_limits<double>::infinity();
    std::vector<double> score(offset[n + 1], k_neg);
    std::vector<uint8_t> step(offset[n + 1], 1);  // 0 diag, 1 up (skip a), 2 left (skip b)
    std::fill(score.begin(), score.begin() + static_cast<std::ptrdiff_t>(m + 1), 0.0);
    std::fill(step.begin(), step.begin() + static_cast<std::ptrdiff_t>(m + 1), 2);
    const double threshold = m_options.similarity_threshold;
    for (size_t i = 1; i <= n; ++i) {
      const size_t lo_here = lo[i];
      const size_t lo_prev = lo[i - 1];
      const size_t hi_prev = hi[i - 1];
      double* row = score.data() + offset[i];
      const double* prev = score.data() + offset[i - 1];
      uint8_t* row_step = step.data() + offset[i];
      // Row i - 1 at column j (row 0 is all zeros; outside a row's band, unreachable).
      auto above = [&](size_t j) { return j < lo_prev || j > hi_prev ? k_neg : prev[j - lo_prev]; };
      const uint32_t type_here = type_a[i - 1];
      const Sketch* sketch_here = nullptr;
      for (size_t j = lo_here; j <= hi[i]; ++j) {
        double best = above(j);
        uint8_t how = 1;
        if (j > lo_here) {
          double left = row[j - 1 - lo_here];
          if (left > best) {
            best = left;
            how = 2;
          }
        }
        if (j > 0) {
          double diag = above(j - 1);
          // A pair can only win with sim >= threshold and diag + sim >= best, and sim <= 1.
          if (diag != k_neg && diag + 1.0 >= best && type_b[j - 1] == type_here) {
            const double floor = std::max(threshold, best - diag) - 1e-9;
            if (sketch_here == nullptr) {
              sketch_here = &sketch_a(va[i - 1]);
            }
            if (sketch_of_b[j - 1] == nullptr) {
              sketch_of_b[j - 1] = &sketch_b(vb[j - 1]);
            }
            double sim = sketch_similarity_at_least(*sketch_here, *sketch_of_b[j - 1], floor);
            if (sim >= threshold && diag + sim >= best) {
              best = diag + sim;
              how = 0;
            }
          }
        }
        row[j - lo_here] = best;
        row_step[j - lo_here] = how;
      }
    }
    size_t i = n;
    size_t j = m;
    // Stretches left unpaired between two similar pairs (walking backwards).
    std::vector<size_t> run_a;
    std::vector<size_t> run_b;
    auto end_run = [&] {
      if (m_options.pair_replacements && run_a.size() == run_b.size()) {
        for (size_t k = 0; k < run_a.size(); ++k) {
          if (m_a[run_a[k]].type == m_b[run_b[k]].type) {
            pair(run_a[k], run_b[k], MatchKind::position);
          }
        }
      }
      run_a.clear();
      run_b.clear();
    };
    while (i > 0 || j > 0) {
      uint8_t how = i == 0 ? 2 : (j == 0 ? 1 : step[offset[i] + j - lo[i]]);
      if (how == 0) {
        end_run();
        pair(va[i - 1], vb[j - 1], MatchKind::similar);
        --i;
        --j;
      } else if (how == 1) {
        run_a.push_back(va[--i]);
      } else {
        run_b.push_back(vb[--j]);
      }
    }
    end_run();
  }

  // Cells still unpaired on both sides whose content is identical and unique among the
  // unpaired ones: the same cell, moved.
  void detect_content_moves() {
    std::unordered_map<uint64_t, std::pair<size_t, size_t>> in_a;  // hash -> (count, index)
    for (size_t i = 0; i < m_a.size(); ++i) {
      if (m_match_a[i] == k_no_cell && m_moved_a[i] == 0) {
        auto& e = in_a[hash_a(i)];
        ++e.first;
        e.second = i;
      }
    }
    if (in_a.empty()) {
      return;
    }
    std::unordered_map<uint64_t, std::pair<size_t, size_t>> in_b;
    for (size_t j = 0; j < m_b.size(); ++j) {
      if (m_match_b[j] == k_no_cell && m_moved_b[j] == 0 && in_a.contains(hash_b(j))) {
        auto& e = in_b[hash_b(j)];
        ++e.first;
        e.second = j;
      }
    }
    for (const auto& [h, eb] : in_b) {
      const auto& ea = in_a[h];
      if (ea.first == 1 && eb.first == 1 && same_content(ea.second, eb.second)) {
        m_moves.push_back(Move{ea.second, eb.second, MatchKind::exact});
        m_moved_a[ea.second] = 1;
        m_moved_b[eb.second] = 1;
      }
    }
  }

  Alignment build() {
    Alignment out;
    out.pairs.reserve(std::max(m_a.size(), m_b.size()) + 8);
    size_t next_b = 0;
    std::vector<size_t> pending_a;
    auto emit_until = [&](size_t b_end) {
      for (size_t i : pending_a) {
        out.pairs.push_back(AlignedPair{i, k_no_cell, MatchKind::none});
      }
      pending_a.clear();
      for (; next_b < b_end; ++next_b) {
        out.pairs.push_back(AlignedPair{k_no_cell, next_b, MatchKind::none});
      }
    };
    for (size_t i = 0; i < m_a.size(); ++i) {
      size_t j = m_match_a[i];
      if (j == k_no_cell) {
        pending_a.push_back(i);
        continue;
      }
      emit_until(j);
      out.pairs.push_back(AlignedPair{i, j, m_kind_a[i]});
      next_b = j + 1;
    }
    emit_until(m_b.size());
    std::sort(m_moves.begin(), m_moves.end(), [](const Move& x, const Move& y) { return x.a < y.a; });
    out.moves = std::move(m_moves);
    return out;
  }

  std::span<const CellView> m_a;
  std::span<const CellView> m_b;
  const AlignOptions& m_options;
  static constexpr uint64_t k_no_hash = 0;  // not computed yet (a real 0 is recomputed)
  uint64_t hash_a(size_t i) {
    if (m_hash_a[i] == k_no_hash) {
      m_hash_a[i] = content_hash(m_a[i]);
    }
    return m_hash_a[i];
  }
  uint64_t hash_b(size_t j) {
    if (m_hash_b[j] == k_no_hash) {
      m_hash_b[j] = content_hash(m_b[j]);
    }
    return m_hash_b[j];
  }
  std::vector<uint64_t> m_hash_a;
  std::vector<uint64_t> m_hash_b;
  std::vector<size_t> m_match_a;
  std::vector<size_t> m_match_b;
  std::vector<MatchKind> m_kind_a;
  std::vector<char> m_moved_a;
  std::vector<char> m_moved_b;
  std::vector<std::optional<Sketch>> m_sketch_a;
  std::vector<std::optional<Sketch>> m_sketch_b;
  std::vector<std::pair<std::vector<size_t>, std::vector<size_t>>> m_leftovers;
  std::vector<Move> m_moves;
};

std::string_view string_view_of(notebook::Notebook& nb, const Value* v) {
  if (v == nullptr || !v->is_string()) {
    return {};
  }
  if ((v->flags & Value::k_escaped) != 0) {
    return nb.doc.own(v->str());
  }
  return v->text;
}

}  // namespace

std::vector<CellView> cell_views(notebook::Notebook& nb) {
  std::vector<CellView> out;
  for (Value* list : nb.cell_lists()) {
    out.reserve(out.size() + list->items.size());
    for (Value& cell : list->items) {
      // A cell still raw from lazy reading: what the reader found, without building it.
      if (const notebook::RawCellFields* fields = nb.raw_fields(cell, out.size())) {
        out.push_back(CellView{fields->id, fields->type, fields->source});
        continue;
      }
      nb.expand_cell(cell);
      // One pass over the members (the last of duplicate keys wins, as in Python).
      const Value* id = nullptr;
      const Value* type = nullptr;
      const Value* source = nullptr;
      const std::string_view source_key = nb.source_key(cell);
      for (const auto& m : cell.members) {
        std::string_view key = (m.key.flags & Value::k_escaped) == 0 ? m.key.text : nb.doc.own(m.key.str());
        if (key == "id") {
          id = &m.value;
        } else if (key == "cell_type") {
          type = &m.value;
        } else if (key == source_key) {
          source = &m.value;
        }
      }
      out.push_back(CellView{string_view_of(nb, id), string_view_of(nb, type), string_view_of(nb, source)});
    }
  }
  return out;
}

Alignment align_cells(std::span<const CellView> a, std::span<const CellView> b, const AlignOptions& options) {
  return Aligner(a, b, options).run();
}

double source_similarity(std::string_view a, std::string_view b) {
  if (a == b) {
    return 1.0;
  }
  return sketch_similarity(make_sketch(a), make_sketch(b));
}

double source_similarity_at_least(std::string_view a, std::string_view b, double floor) {
  if (a == b) {
    return 1.0;
  }
  return sketch_similarity_at_least(make_sketch(a), make_sketch(b), floor);
}

}  // namespace nbloop::merge
