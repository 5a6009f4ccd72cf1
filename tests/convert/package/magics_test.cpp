#include "convert/package/magics.hpp"

#include <doctest/doctest.h>

using namespace nbloop::convert::package;

TEST_SUITE("convert.package") {
  TEST_CASE("classify_escape") {
    SUBCASE("notebook-only magics are dropped") {
      for (const char* s : {"%matplotlib inline", "%load_ext autoreload", "%autoreload 2", "%reload_ext x",
                            "%config InlineBackend.figure_format = 'retina'", "matplotlib inline"}) {
        CAPTURE(s);
        CHECK(classify_escape(s).kind == EscapeKind::drop);
      }
    }
    SUBCASE("timing magics keep their statement") {
      EscapeInfo t = classify_escape("%time x = f(1)");
      CHECK(t.kind == EscapeKind::timing);
      CHECK(t.python == "x = f(1)");
      CHECK(classify_escape("%timeit -n 10 -r3 -q f(x)").python == "f(x)");
      CHECK(classify_escape("%timeit -n10 f(x)").python == "f(x)");
    }
    SUBCASE("installs: pins kept as written, options and paths skipped") {
      EscapeInfo p = classify_escape("!pip install -q \"pandas>=2\" numpy==1.26.0 -e . --index-url http://x");
      CHECK(p.kind == EscapeKind::install);
      CHECK(p.specs == std::vector<std::string>{"pandas>=2", "numpy==1.26.0"});
      CHECK(classify_escape("%pip install -U scikit-learn").specs == std::vector<std::string>{"scikit-learn"});
      CHECK(classify_escape("%conda install -y -c conda-forge scipy=1.11").specs ==
            std::vector<std::string>{"scipy=1.11"});
      CHECK(classify_escape("!{sys.executable} -m pip install tqdm").specs == std::vector<std::string>{"tqdm"});
      CHECK(classify_escape("pip install requests").specs == std::vector<std::string>{"requests"});
      EscapeInfo r = classify_escape("!pip install -r requirements.txt");
      CHECK(r.kind == EscapeKind::install);
      CHECK(r.specs.empty());
      CHECK(r.unread_file);
      CHECK(classify_escape("!pip install x && echo done").specs == std::vector<std::string>{"x"});
    }
    SUBCASE("help is display only; anything else is kept as a comment") {
      CHECK(classify_escape("np.array?").kind == EscapeKind::help);
      CHECK(classify_escape("??np").kind == EscapeKind::help);
      CHECK(classify_escape("!ls -l data").kind == EscapeKind::other);
      CHECK(classify_escape("%who").kind == EscapeKind::other);
      CHECK(classify_escape("files = !ls {folder}").kind == EscapeKind::other);  // interpolates Python
      CHECK(classify_escape("files = !ls $folder").kind == EscapeKind::other);
      CHECK(classify_escape("!pip uninstall x").kind == EscapeKind::other);
    }
  }

  TEST_CASE("classify_escape: name = !cmd") {
    EscapeInfo c = classify_escape("files = !ls -1 'my data'");
    CHECK(c.kind == EscapeKind::capture);
    CHECK(c.python == "files = subprocess.getoutput(\"ls -1 'my data'\").splitlines()");
    CHECK(classify_escape("out=!!git status").python == "out = subprocess.getoutput(\"git status\").splitlines()");
    CHECK(classify_escape("x == !y").kind != EscapeKind::capture);
    CHECK(classify_escape("x = !").kind != EscapeKind::capture);
  }

  TEST_CASE("read_cell_magic") {
    CHECK(read_cell_magic("%%time").silent);
    CellMagicLine t = read_cell_magic("%%timeit -n 3 setup = make()");
    CHECK(t.silent);
    CHECK(t.python == "setup = make()");
    CellMagicLine c = read_cell_magic("%%capture out");
    CHECK(c.name == "capture");
    CHECK_FALSE(c.silent);
  }
}
