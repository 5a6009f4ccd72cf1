// The reproducibility and production rules where their fixtures cannot say it: defaults,
// seeds set elsewhere in the file, NB301 beside E999, name resolution through imports.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "lint/lint.hpp"

using namespace nbloop::lint;

namespace {

std::vector<std::string> found(std::string_view path, const std::string& source, std::vector<std::string> select) {
  Config config;
  config.select = std::move(select);
  auto r = lint_bytes(path, source, config);
  REQUIRE(r.ok());
  std::vector<std::string> out;
  for (const auto& f : r->findings) {
    out.push_back(f.code + "@" + std::to_string(f.line) + ":" + std::to_string(f.column));
  }
  return out;
}

std::string notebook(const std::vector<std::string>& cells) {
  std::string out = "{\"cells\": [";
  for (size_t i = 0; i < cells.size(); ++i) {
    std::string escaped;
    for (char c : cells[i]) {
      if (c == '\n') {
        escaped += "\\n";
      } else if (c == '"') {
        escaped += "\\\"";
      } else {
        escaped += c;
      }
    }
    out += std::string(i ? "," : "") + "{\"cell_type\": \"code\", \"metadata\": {}, \"outputs\": [], \"source\": \"" +
           escaped + "\"}";
  }
  return out + "], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}";
}

}  // namespace

TEST_CASE("catalog: default selection") {
  const std::string py = "import sys\nprint(sys.argv)\nsys.argv\n";
  SUBCASE("default-off rules need selecting") {
    CHECK(found("m.py", py, {}) == std::vector<std::string>{"B018@3:1"});
    CHECK(found("m.py", py, {"ALL"}) == std::vector<std::string>{"NB302@2:1", "T201@2:1", "B018@3:1", "NB302@3:1"});
    CHECK(found("m.py", py, {"T201"}) == std::vector<std::string>{"T201@2:1"});
  }
  SUBCASE("extend-select adds a default-off rule to the default set") {
    Config config;
    config.extend_select = {"print"};
    auto r = lint_bytes("m.py", py, config);
    REQUIRE(r.ok());
    REQUIRE(r->findings.size() == 2);
    CHECK(r->findings[0].code == "T201");
  }
}

TEST_CASE("catalog: NB301 is reported beside E999") {
  auto got = found("m.py", "import os\n%matplotlib inline\n!ls\nos.getcwd()\n", {"E999", "NB301", "F401"});
  CHECK(got == std::vector<std::string>{"E999@2:1", "NB301@2:1", "NB301@3:1"});
  // A file that parses has no IPython syntax to report.
  CHECK(found("m.py", "x = 10 % 3\n", {"NB301"}).empty());
}

TEST_CASE("catalog: seeds anywhere in the file count") {
  const std::string draws = "import numpy as np\nimport random\nx = np.random.rand(3)\ny = random.random()\n";
  CHECK(found("m.py", draws, {"NB205"}) == std::vector<std::string>{"NB205@3:5", "NB205@4:5"});
  CHECK(found("m.py", draws + "np.random.seed(0)\n", {"NB205"}) == std::vector<std::string>{"NB205@4:5"});
  CHECK(found("m.py", draws + "np.random.seed()\n", {"NB205"}).size() == 2);  // no argument: seeded from the clock
  SUBCASE("a project's seed helper seeds everything") {
    CHECK(found("m.py", "from utils import set_seed\n" + draws + "set_seed(42)\n", {"NB205"}).empty());
    CHECK(found("m.py", "import lightning as L\n" + draws + "L.seed_everything(1)\n", {"NB205"}).empty());
  }
  SUBCASE("a library's own seed function seeds that library only") {
    CHECK(found("m.py", "import tensorflow as tf\n" + draws + "tf.random.set_seed(1)\n", {"NB205"}).size() == 2);
  }
  SUBCASE("sklearn's random_state=None uses numpy's seeded global generator") {
    const std::string fit = "from sklearn.ensemble import RandomForestClassifier\nm = RandomForestClassifier()\n";
    CHECK(found("m.py", fit, {"NB206"}) == std::vector<std::string>{"NB206@2:5"});
    CHECK(found("m.py", "import numpy as np\nnp.random.seed(1)\n" + fit, {"NB206"}).empty());
  }
  SUBCASE("notebooks: seeded in a later cell still counts; functions are checked") {
    std::string nb = notebook({"import numpy as np\ndef f():\n    return np.random.rand()\n", "np.random.seed(3)\n"});
    CHECK(found("n.ipynb", nb, {"NB205"}).empty());
    nb = notebook({"import numpy as np\ndef f():\n    return np.random.rand()\n"});
    CHECK(found("n.ipynb", nb, {"NB205"}) == std::vector<std::string>{"NB205@3:12"});
  }
}

TEST_CASE("catalog: names resolve through imports, not spelling") {
  // A local `np` or `chdir` is not numpy's or os's.
  CHECK(found("m.py", "class np:\n    random = None\nnp.random.rand(1)\n", {"NB205"}).empty());
  CHECK(found("m.py", "def chdir(p):\n    return p\nchdir('x')\n", {"NB204"}).empty());
  CHECK(found("m.py", "import os as system\nsystem.chdir('x')\n", {"NB204"}) == std::vector<std::string>{"NB204@2:1"});
  // `from numpy import random` makes `random.rand` numpy's.
  CHECK(found("m.py", "from numpy import random\nrandom.rand(2)\n", {"NB205"}) ==
        std::vector<std::string>{"NB205@2:1"});
}

TEST_CASE("catalog: display-in-module and useless-expression in notebooks") {
  // In a notebook `display` is a builtin and plt.show() is what cells do: NB303 is py-only.
  std::string nb = notebook({"import matplotlib.pyplot as plt\nplt.show()\ndisplay(1)\n"});
  CHECK(found("n.ipynb", nb, {"NB303"}).empty());
  CHECK(found("m.py", "display(1)\n", {"NB303"}) == std::vector<std::string>{"NB303@1:1"});
  // B018: the last statement of a cell is displayed; IPython placeholders are not expressions.
  nb = notebook({"x = 1\nx\n%time x\nx\n"});
  CHECK(found("n.ipynb", nb, {"B018"}) == std::vector<std::string>{"B018@2:1"});
}
