// Fuzz target: the rule-file loader. A rule file either parses or fails with a
// located, non-empty message.
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "lint/rule_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  auto spec =
      nbloop::lint::parse_rule_file(std::string_view(reinterpret_cast<const char *>(data), size), "fuzz.scm", "fuzz");
  if (!spec) NBLOOP_FUZZ_CHECK(!spec.error().message.empty());
  return 0;
}
