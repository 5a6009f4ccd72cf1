// Fuzz target: a whole filter-process session read from arbitrary bytes. The
// server either finishes or reports a protocol error; it never crashes, and
// every request it counted got exactly one reply from the filter function.
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "git/filter_process.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  using namespace nbloop::git;
  StringSource source(std::string(reinterpret_cast<const char *>(data), size));
  StringSink sink;
  PktReader reader(source);
  PktWriter writer(sink);
  size_t calls = 0;
  auto filter = [&](const FilterRequest &request, std::string content) {
    ++calls;
    FilterReply reply;
    if (request.pathname == "abort") {
      reply.status = FilterReply::Status::abort;
    } else if (request.pathname == "error") {
      reply.status = FilterReply::Status::error;
    } else {
      reply.content = std::move(content);
    }
    return reply;
  };
  auto stats = serve_filter_process(reader, writer, filter);
  if (stats) NBLOOP_FUZZ_CHECK(calls <= stats->requests);
  return 0;
}
