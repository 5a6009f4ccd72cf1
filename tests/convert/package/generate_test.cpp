#include "convert/package/generate.hpp"

#include <doctest/doctest.h>
#include <tree_sitter/api.h>

#include "python/parser.hpp"

using namespace nbloop::convert::package;
namespace nb = nbloop::notebook;

namespace {

std::string cell_json(const std::string& source, const std::string& tags = "") {
  std::string escaped;
  for (char c : source) {
    if (c == '\n') {
      escaped += "\\n";
    } else if (c == '"') {
      escaped += "\\\"";
    } else if (c == '\\') {
      escaped += "\\\\";
    } else {
      escaped += c;
    }
  }
  return R"({"cell_type": "code", "execution_count": null, "metadata": {)" +
         (tags.empty() ? std::string() : R"("tags": [)" + tags + "]") + R"(}, "outputs": [], "source": ")" + escaped +
         "\"}";
}

Generated generate_cells(const std::vector<std::string>& cells, const std::string& language = "python") {
  std::string json = R"({"cells": [)";
  for (size_t i = 0; i < cells.size(); ++i) {
    json += (i > 0 ? "," : "") + cells[i];
  }
  json += R"(], "metadata": {"kernelspec": {"display_name": "k", "language": ")" + language +
          R"(", "name": "k"}}, "nbformat": 4, "nbformat_minor": 4})";
  auto parsed = nb::read_notebook(json);
  REQUIRE(parsed.ok());
  GenerateOptions o;
  o.package = "pkg";
  o.default_module = "mod";
  return generate(*parsed, o);
}

std::string first_error(const Generated& g) {
  if (g.errors.empty()) {
    return "";
  }
  const Diagnostic& d = g.errors.front();
  return "cell " + std::to_string(d.cell) + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " +
         d.message;
}

}  // namespace

TEST_SUITE("convert.package") {
  TEST_CASE("generate: refusals") {
    SUBCASE("a syntax error names cell, line and column") {
      Generated g = generate_cells({cell_json("x = 1"), cell_json("y = 2\ndef f(:\n    pass")});
      CHECK(first_error(g) == "cell 2:2:7: SyntaxError: expected `)`; nb2py converts only cells that Python 3 parses");
      CHECK(g.modules.empty());
    }
    SUBCASE("Python 2 print statement") {
      Generated g = generate_cells({cell_json("print 'hi'")});
      CHECK(first_error(g) ==
            "cell 1:1:1: SyntaxError: Python 2 `print` statement; nb2py converts only cells that Python 3 parses");
    }
    SUBCASE("a block that is not indented") {
      Generated g = generate_cells({cell_json("if a:\n    if b:\n    print(1)")});
      CHECK(first_error(g) ==
            "cell 1:2:9: IndentationError: expected an indented block; nb2py converts only cells that Python 3 parses");
    }
    SUBCASE("non-Python kernel") {
      Generated g = generate_cells({cell_json("x <- 1")}, "R");
      CHECK(first_error(g) ==
            "cell 0:0:0: not a Python notebook (the kernel's language is \"R\"); nb2py converts Python notebooks only");
    }
    SUBCASE("a skipped cell may hold anything") {
      Generated g = generate_cells({cell_json("# nbloop: skip\nprint 'py2'"), cell_json("x = 1")});
      CHECK(g.errors.empty());
      REQUIRE(g.modules.size() == 1);
    }
  }

  TEST_CASE("generate: module text") {
    auto source_of = [](const Generated& g) {
      REQUIRE(g.errors.empty());
      REQUIRE(g.modules.size() == 1);
      return g.modules[0].source;
    };
    auto contains = [](const std::string& text, const std::string& part) {
      INFO(text);
      CHECK(text.find(part) != std::string::npos);
    };
    SUBCASE("an import only display-only code used is dropped; display() in kept code is imported") {
      std::string src = source_of(generate_cells({cell_json("from IPython.display import display, HTML\nimport json"),
                                                  cell_json("data = json.loads('[1]')\nHTML('<b>x</b>')"),
                                                  cell_json("def show(x):\n    display(x)")}));
      CHECK(src.find("HTML") == std::string::npos);
      contains(src, "from IPython.display import display\n");
      contains(src, "import json\n");
    }
    SUBCASE("IPython lines inside blocks become pass with the line as a comment") {
      Generated g = generate_cells({cell_json("for i in range(2):\n    !echo $i\n    print(i)")});
      contains(source_of(g), "    for i in range(2):\n        pass  # IPython: !echo $i\n        print(i)\n");
      REQUIRE(g.warnings.size() == 1);
      CHECK(g.warnings[0].cell == 1);
      CHECK(g.warnings[0].line == 2);
      CHECK(g.warnings[0].message == "IPython `!echo $i` kept as a comment; it does not run");
    }
    SUBCASE("an attribute of a call ending a cell: the call stays, the attribute goes; slices are display") {
      Generated g = generate_cells({cell_json("import pandas as pd\na = [1, 2]"), cell_json("pd.read_json(a).shape"),
                                    cell_json("a[1:]"), cell_json("print(a)")});
      std::string src = source_of(g);
      contains(src, "    pd.read_json(a)\n");
      CHECK(src.find(".shape") == std::string::npos);
      CHECK(src.find("a[1:]") == std::string::npos);
    }
    SUBCASE("name = !cmd runs through subprocess.getoutput, at the top level and in blocks") {
      Generated g = generate_cells(
          {cell_json("files = !ls\nprint(files)"), cell_json("def listing():\n    out = !ls -a\n    return out")});
      std::string src = source_of(g);
      contains(src, "import subprocess\n");
      contains(src, "def listing():\n    out = subprocess.getoutput(\"ls -a\").splitlines()\n    return out\n");
      contains(src, "    files = subprocess.getoutput(\"ls\").splitlines()\n    print(files)\n");
      REQUIRE(g.warnings.size() == 2);
      CHECK(g.warnings[0].cell == 1);
      CHECK(g.warnings[0].message.starts_with("IPython `files = !ls` runs as subprocess.getoutput("));
      CHECK(g.warnings[1].cell == 2);
      CHECK(g.warnings[1].line == 2);
    }
    SUBCASE("main() rebinding a module-level name declares it global") {
      Generated g = generate_cells({cell_json("def f():\n    return 1"), cell_json("x = f()\nf = None\nprint(x)")});
      contains(source_of(g), "    global f\n    x = f()\n    f = None\n    print(x)\n");
    }
    SUBCASE("a name main() binds to a call and nothing reads loses its target, not the call") {
      Generated g = generate_cells({cell_json("def f():\n    return 1"), cell_json("x = f()\nf = None")});
      contains(source_of(g), "    global f\n    f()\n    f = None\n");
    }
    SUBCASE("an import whose name main() rebinds also runs again in main()") {
      Generated g =
          generate_cells({cell_json("data = [1]\nprint(data)"), cell_json("from pkgx import data\ndata.load()")});
      std::string src = source_of(g);
      contains(src, "from pkgx import data\n");
      contains(src, "    global data\n    data = [1]\n    print(data)\n\n    from pkgx import data\n    data.load()\n");
    }
    SUBCASE("a pure assignment nothing kept reads is dropped, with what only it read") {
      std::string src = source_of(
          generate_cells({cell_json("a = [1, 2]\nb = len(a)\nb"), cell_json("c = 3\nprint(c)\nd = 4\ndel d")}));
      CHECK(src.find("a = ") == std::string::npos);
      CHECK(src.find("b = ") == std::string::npos);
      contains(src, "    c = 3\n    print(c)\n    d = 4\n    del d\n");
    }
    SUBCASE("display() and pure expressions are dropped anywhere in a cell; calls and strings stay") {
      std::string src = source_of(generate_cells({cell_json(
          "import json\nx = json.loads('[1]')\ndisplay(x)\nx\n\"a note\"\nprint(len(x))\nx.count, len(x)\nx")}));
      contains(src, "    x = json.loads('[1]')\n    \"a note\"\n    print(len(x))\n");
      CHECK(src.find("display") == std::string::npos);
    }
    SUBCASE("top-level await makes main() async") {
      std::string src = source_of(generate_cells({cell_json("import asyncio"), cell_json("await asyncio.sleep(0)")}));
      contains(src, "async def main() -> None:");
      contains(src, "    asyncio.run(main())\n");
    }
    SUBCASE("multi-line strings keep their lines when moved into main()") {
      std::string src = source_of(generate_cells({cell_json("q = \"\"\"\nSELECT 1\n  FROM t\n\"\"\"\nprint(q)")}));
      contains(src, "    q = \"\"\"\nSELECT 1\n  FROM t\n\"\"\"\n    print(q)\n");
    }
    SUBCASE("a notebook function named main leaves the name to it") {
      std::string src = source_of(generate_cells({cell_json("def main():\n    print(1)"), cell_json("main()")}));
      contains(src, "def run() -> None:");
      contains(src, "    run()\n");
    }
  }

  TEST_CASE("generate: test text") {
    SUBCASE("a test cell's own test keeps its name; the generated one gives way") {
      Generated g = generate_cells({cell_json("def clean(s):\n    return s.strip()"),
                                    cell_json("def test_clean():\n    assert clean(' a ') == 'a'", "\"test\"")});
      REQUIRE(g.modules.size() == 1);
      const std::string& t = g.modules[0].test_source;
      INFO(t);
      CHECK(t.find("\ndef test_clean():\n    assert clean(' a ') == 'a'\n") != std::string::npos);
      CHECK(t.find("\ndef test_clean_generated():\n    pytest.skip(") != std::string::npos);
      CHECK(t.find("from pkg.mod import clean\n") != std::string::npos);
    }
  }
}
