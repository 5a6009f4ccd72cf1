// The notebook model against Python itself, over every corpus notebook: our JSON re-dump
// equals json.dumps(json.load(f), sort_keys=True, indent=1, ensure_ascii=False,
// separators=(",", ": ")) + "\n", and our notebook read+write equals nbformat's.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "notebook/json.hpp"
#include "notebook/json_write.hpp"
#include "notebook/notebook.hpp"
#include "support/corpus.hpp"

namespace {

constexpr const char* k_oracle = R"PY(
import json, os, sys
import nbformat
src, dst = sys.argv[1], sys.argv[2]
for name in sorted(os.listdir(src)):
    if not name.endswith(".ipynb"):
        continue
    with open(os.path.join(src, name), encoding="utf-8") as f:
        text = f.read()
    data = json.loads(text)
    with open(os.path.join(dst, name + ".json"), "w", encoding="utf-8") as f:
        f.write(json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False, separators=(",", ": ")) + "\n")
    nb = nbformat.reads(text, as_version=nbformat.NO_CONVERT)
    out = nbformat.writes(nb, version=nbformat.NO_CONVERT)
    if not out.endswith("\n"):
        out += "\n"
    with open(os.path.join(dst, name + ".nbformat"), "w", encoding="utf-8") as f:
        f.write(out)
)PY";

}  // namespace

TEST_CASE("corpus: JSON re-dump and notebook read+write equal Python's") {
  auto notebooks = nbloop::test::corpus_notebooks();
  if (notebooks.empty()) {
    MESSAGE("SKIP: corpus not found (set NBLOOP_CORPUS)");
    return;
  }
  std::string tmp = nbloop::test::make_temp_dir();
  REQUIRE(!tmp.empty());
  std::string script = tmp + "/oracle.py";
  {
    std::ofstream(script) << k_oracle;
  }
  std::string corpus = *nbloop::test::corpus_dir() + "/notebooks";
  REQUIRE(nbloop::test::run_command("/usr/bin/python3 '" + script + "' '" + corpus + "' '" + tmp +
                                    "' 2>/dev/null") == 0);
  size_t json_equal = 0;
  size_t nbformat_equal = 0;
  size_t already_jupyter = 0;
  for (const auto& path : notebooks) {
    std::string name = std::filesystem::path(path).filename().string();
    std::string original = nbloop::test::read_all(path);
    std::string expected_json = nbloop::test::read_all(tmp + "/" + name + ".json");
    std::string expected_nb = nbloop::test::read_all(tmp + "/" + name + ".nbformat");

    auto doc = nbloop::notebook::json::Document::parse(original);
    REQUIRE_MESSAGE(doc.ok(), name);
    std::string ours;
    nbloop::notebook::json::dump(doc->root(), ours);
    ours += '\n';
    CHECK_MESSAGE(ours == expected_json, name);
    json_equal += ours == expected_json ? 1 : 0;
    if (original == expected_json) {
      ++already_jupyter;
      CHECK_MESSAGE(ours == original, name);
    }

    auto nb = nbloop::notebook::read_notebook(original);
    REQUIRE_MESSAGE(nb.ok(), name);
    std::string written = nbloop::notebook::write_notebook(*nb);
    CHECK_MESSAGE(written == expected_nb, name);
    nbformat_equal += written == expected_nb ? 1 : 0;
  }
  MESSAGE(notebooks.size() << " notebooks: JSON re-dump equal " << json_equal << ", nbformat read+write equal "
                           << nbformat_equal << ", already in Jupyter's layout (byte for byte) " << already_jupyter);
  CHECK(notebooks.size() == 252);
  nbloop::test::remove_tree(tmp);
}
