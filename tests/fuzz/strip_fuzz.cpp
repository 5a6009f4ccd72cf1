// Fuzz target: strip with the default policy is idempotent on anything it
// accepts.
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "strip/strip.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  using namespace nbloop::strip;
  StripOptions options;
  auto once = strip_bytes(std::string(reinterpret_cast<const char *>(data), size), options);
  if (!once) return 0;
  auto twice = strip_bytes(*once, options);
  NBLOOP_FUZZ_CHECK(twice.ok());
  NBLOOP_FUZZ_CHECK(*twice == *once);
  return 0;
}
