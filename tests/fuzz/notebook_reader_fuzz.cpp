// Fuzz target: the notebook reader and writer. Any bytes either fail cleanly or
// read; what reads writes Jupyter's layout, which reads again and writes the
// same bytes (a fixed point).
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "notebook/notebook.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  using namespace nbloop::notebook;
  auto nb = read_notebook(std::string(reinterpret_cast<const char *>(data), size));
  if (!nb) {
    NBLOOP_FUZZ_CHECK(!nb.error().message.empty());
    return 0;
  }
  std::string once = write_notebook(*nb);
  auto again = read_notebook(once);
  NBLOOP_FUZZ_CHECK(again.ok());
  NBLOOP_FUZZ_CHECK(write_notebook(*again) == once);
  return 0;
}
