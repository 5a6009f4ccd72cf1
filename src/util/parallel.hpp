// A minimal parallel for-loop over indices, for per-file work.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace nbloop::util {

/// Number of worker threads to use by default: the machine's cores, at least 1.
inline unsigned default_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

/// Calls fn(i) for every i in [0, n) on up to `threads` threads; returns when all are done.
/// Work is handed out one index at a time, so long files do not hold up short ones.
template <typename Fn>
void parallel_for(size_t n, unsigned threads, Fn&& fn) {
  threads = static_cast<unsigned>(std::min<size_t>(threads == 0 ? 1 : threads, n));
  if (threads <= 1) {
    for (size_t i = 0; i < n; ++i) {
      fn(i);
    }
    return;
  }
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  pool.reserve(threads);
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (size_t i = next++; i < n; i = next++) {
        fn(i);
      }
    });
  }
  for (auto& th : pool) {
    th.join();
  }
}

}  // namespace nbloop::util
