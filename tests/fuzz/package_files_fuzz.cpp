// Fuzz target: what nb2py reads back from files it may have written (and a user may have
// edited): headers, __init__.py export lists, pyproject.toml lists, and glob patterns.
// Properties: nothing crashes or hangs; a header nb2py writes is recognized as untouched and
// gives back its sources; any edit after the header is noticed.
#include <cstdint>
#include <string>
#include <vector>

#include "convert/package/glob.hpp"
#include "convert/package/header.hpp"
#include "convert/package/init_file.hpp"
#include "convert/package/pyproject_gen.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace nbloop::convert::package;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto h = parse_header(text)) {
    NBLOOP_FUZZ_CHECK(h->body_offset <= text.size());
  }
  (void)classify(text);
  (void)read_init_exports(text);
  (void)read_pyproject_dependencies(text);
  (void)read_pyproject_packages(text);

  // The input as a body: the header written for it makes it nb2py's, untouched.
  std::vector<std::string> sources = {"notebooks/a.ipynb"};
  std::string file = with_header(text, sources);
  NBLOOP_FUZZ_CHECK(classify(file) == FileOrigin::generated);
  auto h = parse_header(file);
  NBLOOP_FUZZ_CHECK(h && h->sources == sources && file.substr(h->body_offset) == text);
  NBLOOP_FUZZ_CHECK(classify(file + "x") == FileOrigin::edited_by_hand);

  // First line a pattern, the rest a path (bounded: patterns and paths are short).
  size_t nl = text.find('\n');
  if (nl != std::string_view::npos && size < 4096) {
    (void)glob_match(text.substr(0, nl), text.substr(nl + 1));
  }
  return 0;
}
