"""End-to-end tests of `nbloop lint` and `nbloop rules`: positions in notebooks (cell and
.ipynb file line), output formats, suppressions and configuration, bad input, and parity
with ruff 0.17.4 on the .py corpus for the codes nbloop implements."""
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import FIXTURES, Suite, corpus_dir, run, scratch  # noqa: E402

suite = Suite("lint")
IMPLEMENTED = {"E401", "E402", "E711", "E712", "E721", "E722", "E731", "E741", "E999", "F401", "F403", "F405",
               "F541", "F601", "F602", "F632", "F811", "F821", "F841"}


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def notebook(cells, kernel_language="python"):
    """A notebook in Jupyter's layout: sources as lists of lines, one per JSON line."""
    out = []
    for c in cells:
        kind, src = (c if isinstance(c, tuple) else ("code", c))
        lines = src.splitlines(True)
        cell = {"cell_type": kind, "metadata": {}, "source": lines}
        if kind == "code":
            cell.update({"execution_count": None, "outputs": []})
        out.append(cell)
    nb = {"cells": out, "metadata": {"kernelspec": {"language": kernel_language, "name": "k", "display_name": "k"}},
          "nbformat": 4, "nbformat_minor": 4}  # 4.4: cells need no ids
    return json.dumps(nb, indent=1, sort_keys=True) + "\n"


def lint_json(args, cwd=None):
    r = run(["lint", "--isolated", "--output-format", "json"] + args, cwd=cwd)
    try:
        return r, json.loads(r.stdout.decode())
    except ValueError:
        return r, None


with scratch() as tmp:
    # --- Notebook positions: cell N counts all cells; file_line is the JSON line.
    nb_text = notebook([("markdown", "# Title\n"), "import os\nimport sys\n", "print(sys.argv)\nprint(undefined_thing)\n",
                        "%matplotlib inline\n!ls\nx = !pwd\ndef f(:\n", "y = 1 == None\n"])
    nb = os.path.join(tmp, "a.ipynb")
    write(nb, nb_text)
    r, findings = lint_json([nb])
    suite.equal(r.returncode, 1, "findings exit 1")
    by_code = {f["code"]: f for f in findings or []}
    file_lines = nb_text.split("\n")
    f401 = by_code.get("F401")
    if suite.check(f401 is not None, "F401 for `import os` in cell 2"):
        suite.equal((f401["cell"], f401["line"], f401["column"]), (2, 1, 8), "F401 position cell:line:col")
        suite.check('"import os\\n"' in file_lines[f401["file_line"] - 1], "F401 file_line points at the JSON line holding `import os`")
        suite.equal(f401["name"], "unused-import", "json name")
        suite.equal(f401["severity"], "warning", "json severity")
    f821 = by_code.get("F821")
    if suite.check(f821 is not None, "F821 in cell 3"):
        suite.equal((f821["cell"], f821["line"], f821["column"]), (3, 2, 7), "F821 position")
        suite.check("undefined_thing" in file_lines[f821["file_line"] - 1], "F821 file_line")
    e999 = by_code.get("E999")
    if suite.check(e999 is not None, "E999 in the cell with magics and a broken def"):
        suite.equal((e999["cell"], e999["line"]), (4, 4), "E999 cell:line (magics above it parse)")
    suite.check("E711" in by_code, "the cell after a syntax error is still linted")
    suite.equal(sorted(by_code), ["E711", "E999", "F401", "F821"], "exactly these codes")

    # --- Text format: PATH:cell N:LINE:COL: CODE [name] message.
    r = run(["lint", "--isolated", nb])
    out = r.stdout.decode()
    suite.check(f"{nb}:cell 2:1:8: F401 [unused-import] `os` imported but unused" in out, "text line format")
    suite.check("\x1b[" not in out, "no colour when stdout is not a terminal")
    r = run(["lint", "--isolated", "--show-source", nb])
    suite.check("    import os\n           ^^" in r.stdout.decode(), "--show-source prints the line and a caret")

    # --- .py positions and sorting.
    py = os.path.join(tmp, "b.py")
    write(py, "import os\nimport sys\n\n\ndef f():\n    try:\n        pass\n    except:\n        l = 1\n")
    r, findings = lint_json([py, nb, "-j", "2"])
    suite.equal([(f["path"], f["code"], f["line"], f["column"]) for f in findings if f["path"] == py],
                [(py, "F401", 1, 8), (py, "F401", 2, 8), (py, "E722", 8, 5), (py, "E741", 9, 9), (py, "F841", 9, 9)],
                ".py findings sorted by position, cell null")
    suite.check(all(f["cell"] is None for f in findings if f["path"] == py), ".py findings have cell null")
    r2, findings2 = lint_json([nb, py, "-j", "1"])
    suite.equal(findings, findings2, "order independent of argument order and thread count")

    # --- github: at the .ipynb line, escaped.
    r = run(["lint", "--isolated", "--output-format", "github", nb, py])
    gh = r.stdout.decode().splitlines()
    line = [x for x in gh if "F401" in x and "a.ipynb" in x]
    if suite.check(len(line) == 1, "one github annotation for the notebook F401"):
        suite.check(line[0].startswith("::warning title=nbloop (F401),file=" + nb.replace(":", "%3A").replace(",", "%2C")
                                       + f",line={f401['file_line']},endLine="), "github annotation on the JSON line")
        suite.check("::cell 2:1:8: F401 [unused-import]" in line[0], "github message carries cell:line:col")
    suite.check(any(",col=8,endColumn=" in x for x in gh if "b.py" in x), "github .py annotations have columns")

    # --- sarif 2.1.0.
    r = run(["lint", "--isolated", "--output-format", "sarif", nb, py])
    sarif = json.loads(r.stdout.decode())
    suite.equal(sarif["version"], "2.1.0", "sarif version")
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    suite.check(all(x["id"] and x["shortDescription"]["text"] and x["help"]["text"] for x in rules), "sarif rules complete")
    results = sarif["runs"][0]["results"]
    nb_results = [x for x in results if x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == nb]
    suite.check(any(x["ruleId"] == "F401" and x["locations"][0]["physicalLocation"]["region"]["startLine"] == f401["file_line"]
                    for x in nb_results), "sarif notebook region is the JSON file line")
    suite.check(all(rules[x["ruleIndex"]]["id"] == x["ruleId"] for x in results), "sarif ruleIndex matches ruleId")

    # --- junit.
    r = run(["lint", "--isolated", "--output-format", "junit", nb])
    suite.check(r.stdout.startswith(b"<?xml") and b"<failure" in r.stdout, "junit has failures")

    # --- noqa, file noqa, cell tags.
    write(py, "import os  # noqa: F401\nimport sys  # noqa\nimport re  # noqa: E501\nimport json\n")
    r, findings = lint_json([py])
    got = [(f["code"], f["line"]) for f in findings]
    suite.equal(got, [("F401", 3), ("RUF100", 3), ("F401", 4)],
                "noqa suppresses by code and blanket; an unused/unknown code is RUF100")
    write(py, "# nbloop: noqa-file: F401\nimport os\nx = 1\nx == None\n")
    r, findings = lint_json([py])
    suite.equal([f["code"] for f in findings], ["E711"], "noqa-file with codes")
    write(py, "# ruff: noqa\nimport os\n")
    r, findings = lint_json([py])
    suite.equal(findings, [], "ruff: noqa silences the file")
    tagged = json.loads(notebook(["import os\n", "import sys\nx = 1\nx == None\n"]))
    tagged["cells"][0]["metadata"]["tags"] = ["nbloop-noqa"]
    tagged["cells"][1]["metadata"]["tags"] = ["nbloop-noqa:F401"]
    write(nb, json.dumps(tagged, indent=1))
    r, findings = lint_json([nb])
    suite.equal([(f["code"], f["cell"]) for f in findings], [("E711", 2)], "cell tags nbloop-noqa and nbloop-noqa:CODE")

    # --- Non-Python cells and kernels are skipped.
    write(nb, notebook(["%%bash\necho $((1+2))\nls -la\n", "%%time\nimport os\n"]))
    r, findings = lint_json([nb])
    suite.equal([(f["code"], f["cell"]) for f in findings], [("F401", 2)], "%%bash skipped, %%time body linted")
    write(nb, notebook(["library(ggplot2)\nx <- 1\n"], kernel_language="R"))
    r, findings = lint_json([nb])
    suite.equal((r.returncode, findings), (0, []), "R notebook: nothing linted, exit 0")

    # --- Configuration: pyproject.toml [tool.nbloop.lint].
    proj = os.path.join(tmp, "proj")
    os.makedirs(os.path.join(proj, "tests"))
    write(os.path.join(proj, "pyproject.toml"),
          '[tool.nbloop.lint]\nselect = ["F"]\nignore = ["F841"]\n'
          '[tool.nbloop.lint.per-file-ignores]\n"tests/*" = ["F401"]\n"*.ipynb" = ["E402"]\n')
    write(os.path.join(proj, "m.py"), "import os\nx = 1\nx == None\n\n\ndef f():\n    y = 1\n")
    write(os.path.join(proj, "tests", "t.py"), "import os\n")
    r = run(["lint", "--output-format", "json", "m.py", "tests/t.py"], cwd=proj)
    got = [(f["path"], f["code"]) for f in json.loads(r.stdout.decode())]
    suite.equal(got, [("m.py", "F401")], "select/ignore/per-file-ignores from pyproject.toml")
    r = run(["lint", "--output-format", "json", "--select", "E711", "m.py"], cwd=proj)
    suite.equal([f["code"] for f in json.loads(r.stdout.decode())], ["E711"], "--select overrides the file")
    r = run(["lint", "--exit-zero", "m.py"], cwd=proj)
    suite.equal(r.returncode, 0, "--exit-zero")
    write(os.path.join(proj, "pyproject.toml"), '[tool.nbloop.lint]\nselect = 3\n')
    r = run(["lint", "m.py"], cwd=proj)
    suite.equal(r.returncode, 2, "bad config exits 2")
    suite.check(b"pyproject.toml:2:" in r.stderr and b"select" in r.stderr, "bad config error names file:line")

    # --- Team rules from a folder; broken rule files are located.
    rules_dir = os.path.join(tmp, "team_rules")
    os.makedirs(rules_dir)
    header = (";; id: NB901\n;; name: print-call\n;; severity: info\n;; applies-to: notebook\n"
              ";; message: `print` call\n;;\n;; ## What it does\n;; x\n;; ## Why is this bad?\n;; x\n"
              ";; ## Example\n;; x\n;; ## Use instead\n;; x\n")
    write(os.path.join(rules_dir, "print-call.scm"),
          header + '(call\n  function: (identifier) @_f\n  (#eq? @_f "print")\n  (#not-local? @_f)) @violation\n')
    write(nb, notebook(["print(1)\n", "def print(*args):\n    pass\n", "print(2)\n"]))
    write(py, "print(1)\n")
    r, findings = lint_json(["--rules-dir", rules_dir, "--select", "NB901", nb, py])
    suite.equal([(f["path"], f["code"], f["cell"]) for f in findings], [(nb, "NB901", 1)],
                "a team rule from --rules-dir runs (applies-to: notebook); #not-local? skips the redefined print")
    r = run(["rules", "--rules-dir", rules_dir, "print-call"])
    suite.check(b"# print-call (NB901)" in r.stdout, "nbloop rules NAME shows a team rule")
    write(os.path.join(rules_dir, "print-call.scm"), header + '(call\n  function: (identifer) @violation)\n')
    r = run(["lint", "--isolated", "--rules-dir", rules_dir, py])
    suite.equal(r.returncode, 2, "broken rule file exits 2")
    suite.check(f"{rules_dir}/print-call.scm:16:".encode() in r.stderr and b"unknown node type" in r.stderr,
                "broken rule file error names file:line:col")
    write(os.path.join(rules_dir, "print-call.scm"), header + '((identifier) @violation (#frob? @violation "x"))\n')
    r = run(["lint", "--isolated", "--rules-dir", rules_dir, py])
    suite.check(r.returncode == 2 and b"unsupported predicate #frob?" in r.stderr, "unknown predicate is an error")
    shutil.rmtree(rules_dir)

    # --- Bad input: one line each, exit 2, the other files still linted.
    bad_nb = os.path.join(tmp, "bad.ipynb")
    write(bad_nb, '{"cells": [}')
    binary = os.path.join(tmp, "bin.py")
    with open(binary, "wb") as f:
        f.write(b"x = 1\n\x00\xff\xfe")
    write(py, "import os\n")
    r = run(["lint", "--isolated", bad_nb, binary, os.path.join(tmp, "missing.py"), py])
    err = r.stderr.decode().splitlines()
    suite.equal(r.returncode, 2, "bad inputs exit 2")
    suite.equal(len(err), 3, "one error line per bad input")
    suite.check(any(x.startswith(bad_nb + ":1:") and "error:" in x for x in err), "invalid JSON located")
    suite.check(any(x.startswith(binary + ":2:1: error:") for x in err), "binary .py located")
    suite.check(b"F401" in r.stdout, "the good file is still linted")
    big = os.path.join(tmp, "big.py")
    with open(big, "w") as f:
        f.write("x = 1\n" * (3 * 1024 * 1024))
    r = run(["lint", "--isolated", big])
    suite.check(r.returncode == 2 and b"too large" in r.stderr, "a huge .py is refused with one line")

    # --- stdin, with --stdin-filename choosing the form and the reported path.
    r = run(["lint", "--isolated", "--output-format", "json", "--stdin-filename", "nb/x.ipynb", "-"],
            input=notebook(["import os\n"]).encode())
    got = json.loads(r.stdout.decode())
    suite.equal([(f["path"], f["cell"], f["code"]) for f in got], [("nb/x.ipynb", 1, "F401")], "notebook on stdin")
    r = run(["lint", "--isolated", "-"], input=b"import os\n")
    suite.check(r.returncode == 1 and b"-:1:8: F401" in r.stdout, ".py on stdin")
    here = os.path.join(tmp, "here")
    os.makedirs(here)
    write(os.path.join(here, "m.py"), "import os\n")
    r = run(["lint", "--isolated"], cwd=here)
    suite.check(r.returncode == 1 and b"m.py:1:8: F401" in r.stdout, "no path lints the current folder")

    # --- nbloop rules.
    r = run(["rules"])
    listed = r.stdout.decode()
    suite.check(all(code in listed for code in IMPLEMENTED), "nbloop rules lists every implemented code")
    r = run(["rules", "F401"])
    text = r.stdout.decode()
    suite.check(all(s in text for s in ["## What it does", "## Why is this bad?", "## Example", "## Use instead"]),
                "nbloop rules CODE prints the docs")
    r = run(["rules", "NOPE1"])
    suite.equal(r.returncode, 2, "unknown rule exits 2")

    # --- docs/rules/ is generated from rules/ and must be current.
    gen = os.path.join(tmp, "rules_docs")
    r = run(["rules", "--write-docs", gen])
    suite.equal(r.returncode, 0, "rules --write-docs")
    docs = os.path.join(FIXTURES, "..", "docs", "rules")
    for name in sorted(os.listdir(gen)):
        with open(os.path.join(gen, name), encoding="utf-8") as a:
            fresh = a.read()
        current = open(os.path.join(docs, name), encoding="utf-8").read() if os.path.exists(os.path.join(docs, name)) else None
        suite.check(fresh == current, f"docs/rules/{name} is current (run: nbloop rules --write-docs docs/rules)")
    generated = set(os.listdir(gen))
    stale = [n for n in sorted(os.listdir(docs)) if n.endswith(".md") and n not in generated and
             open(os.path.join(docs, n), encoding="utf-8").read().startswith("<!-- Generated from ")]
    suite.equal(stale, [], "no generated page in docs/rules for a rule that no longer exists")
    # The build writes the same pages into its own tree (target docs-rules).
    built = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(os.environ.get("NBLOOP_BIN", ""))))), "docs", "rules")
    if os.path.isdir(built):
        same = all(open(os.path.join(built, n), encoding="utf-8").read() == open(os.path.join(gen, n), encoding="utf-8").read()
                   for n in generated)
        suite.check(same and set(n for n in os.listdir(built) if n.endswith(".md")) >= generated,
                    "the build tree's docs/rules (target docs-rules) equals a fresh --write-docs")

# --- Parity with ruff 0.17.4 (E4,E7,E9,F) on the .py corpus, for the codes nbloop implements.
corpus = corpus_dir()
r = run(["lint", "--isolated", "--select", "E4,E7,E9,F", "--output-format", "json", "."], cwd=os.path.join(corpus, "py"))
ours = {f"{f['path'][2:] if f['path'].startswith('./') else f['path']}:{f['line']}:{f['column']}: {f['code']} {f['message']}"
        for f in json.loads(r.stdout.decode())}
with open(os.path.join(corpus, "expected", "ruff-0.17.4-E4E7E9F-py.txt"), encoding="utf-8") as f:
    expected = {x.strip() for x in f if x.strip() and x.split(": ")[1].split()[0] in IMPLEMENTED}
suite.equal(sorted(ours - expected), [], "no finding beyond ruff's on the .py corpus")
suite.equal(sorted(expected - ours), [], "every ruff finding (implemented codes) on the .py corpus")

# --- Every corpus notebook lints without an internal error.
r = run(["lint", "--isolated", "--exit-zero", "--output-format", "json", os.path.join(corpus, "notebooks")])
suite.equal(r.returncode, 0, "the 252 corpus notebooks lint (exit 0 with --exit-zero)")
suite.equal(r.stderr.decode(), "", "no error on any corpus notebook")
suite.finish()
