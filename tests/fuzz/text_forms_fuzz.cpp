// Fuzz target: the percent and Databricks readers. What either reads becomes a
// notebook that our own reader accepts.
#include <cstdint>
#include <string>

#include "convert/databricks.hpp"
#include "convert/percent.hpp"
#include "convert/text_notebook.hpp"
#include "fuzz_check.hpp"
#include "notebook/notebook.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  using namespace nbloop;
  std::string_view text(reinterpret_cast<const char *>(data), size);
  for (auto read : {convert::read_percent, convert::read_databricks}) {
    auto nb = read(text);
    if (!nb) continue;
    auto bytes = convert::to_ipynb(*nb);
    if (!bytes) continue;  // e.g. metadata text that is not JSON: refused, not crashed
    NBLOOP_FUZZ_CHECK(notebook::read_notebook(*bytes).ok());
  }
  return 0;
}
