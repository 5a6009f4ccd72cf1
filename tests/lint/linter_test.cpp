#include "lint/lint.hpp"

#include <doctest/doctest.h>

using namespace nbloop::lint;

namespace {
std::vector<std::string> codes(const FileReport& r) {
  std::vector<std::string> out;
  for (const auto& f : r.findings) {
    out.push_back(f.code + "@" + std::to_string(f.cell) + ":" + std::to_string(f.line) + ":" + std::to_string(f.column));
  }
  return out;
}
}  // namespace

TEST_CASE("lint_bytes") {
  Config config;
  auto r = lint_bytes("m.py", "import os\nx = 1\nif x == None:\n    pass\n", config);
  REQUIRE(r.ok());
  CHECK(codes(*r) == std::vector<std::string>{"F401@0:1:8", "E711@0:3:9"});

  config.select = {"E7"};
  r = lint_bytes("m.py", "import os\nx = 1\nif x == None:\n    pass\n", config);
  REQUIRE(r.ok());
  CHECK(codes(*r) == std::vector<std::string>{"E711@0:3:9"});

  config.select = {"NOPE"};
  CHECK(!lint_bytes("m.py", "", config).ok());

  Config pfi;
  pfi.per_file_ignores = {{"*.py", {"F4"}}};
  r = lint_bytes("dir/m.py", "import os\n", pfi);
  REQUIRE(r.ok());
  CHECK(r->findings.empty());
}

TEST_CASE("Linter: syntax error in one cell, the others still linted") {
  Config config;
  config.select = {"E", "F"};  // the notebook-hygiene rules would flag the missing ids and kernelspec
  auto linter = Linter::create(config);
  REQUIRE(linter.ok());
  const std::string nb =
      "{\"cells\": [{\"cell_type\": \"code\", \"metadata\": {}, \"source\": [\"def f(:\\n\", \"    pass\"]},"
      "{\"cell_type\": \"code\", \"metadata\": {}, \"source\": [\"import os\"]}],"
      "\"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}";
  auto r = linter->lint("n.ipynb", nb);
  REQUIRE(r.ok());
  CHECK(codes(*r) == std::vector<std::string>{"E999@1:1:7", "F401@2:1:8"});
  CHECK(r->notebook);
  CHECK(!linter->lint("n.ipynb", "{").ok());
}
