// A property check for fuzz targets that aborts in every build type (assert()
// vanishes in release builds, and a fuzzer must see the failure as a crash).
#pragma once

#include <cstdio>
#include <cstdlib>

#define NBLOOP_FUZZ_CHECK(cond)                                                        \
  do {                                                                                 \
    if (!(cond)) {                                                                     \
      std::fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                    \
    }                                                                                  \
  } while (0)
