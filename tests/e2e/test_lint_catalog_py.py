"""End-to-end tests of the reproducibility and production-readiness rules (NB2xx, NB3xx, B018,
PLW0603, S110, T201): the text the CLI prints for them on fixtures, the default selection,
`--statistics`, `nbloop rules` by category, and the whole catalog over the corpus."""
import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import FIXTURES, SOURCE_DIR, Suite, corpus_dir, run, scratch  # noqa: E402

suite = Suite("lint_catalog_py")
REPRO = os.path.relpath(os.path.join(FIXTURES, "rules", "reproducibility"), SOURCE_DIR)
PROD = os.path.relpath(os.path.join(FIXTURES, "rules", "production"), SOURCE_DIR)


def lint_text(args):
    r = run(["lint", "--isolated", "--no-show-source"] + args, cwd=SOURCE_DIR)
    return r, r.stdout.decode().splitlines()


# --- Text output, verbatim, for a few rules on their fixtures.
nb = os.path.join(REPRO, "package-install-in-notebook.ipynb")
r, lines = lint_text(["--select", "NB202", nb])
suite.equal(r.returncode, 1, "findings exit 1")
suite.equal(lines[0], f"{nb}:cell 2:2:1: NB202 [package-install-in-notebook] `%pip install pandas scikit-learn` installs "
            "a package from the notebook: declare the dependency (requirements.txt, pyproject.toml or environment.yml) instead",
            "NB202 text line")
suite.check(all(":cell 4:" not in x for x in lines), "NB202: `-r requirements.txt`, `-e .`, `pip list` are not reported")

py = os.path.join(REPRO, "absolute-local-path.py")
r, lines = lint_text(["--select", "absolute-local-path", py])
suite.equal(lines[0], f"{py}:6:8: NB201 [absolute-local-path] Absolute local path `/Users/ann/Downloads/sales.csv`: it "
            "exists only on one machine; use a path relative to the project, or read it from configuration", "NB201 text line")
suite.equal(len([x for x in lines if " NB201 " in x]), 8, "NB201: the 8 ruleid lines of the .py fixture, nothing else")

nb = os.path.join(REPRO, "unseeded-random.ipynb")
r, lines = lint_text(["--select", "NB205", nb])
suite.equal(lines[0], f"{nb}:cell 3:2:5: NB205 [unseeded-random] `np.random.rand` is not seeded (no `np.random.seed(...)` in "
            "this notebook): results change from run to run; seed it, or draw from `np.random.default_rng(SEED)`",
            "NB205 text line (notebook wording)")
suite.check(not any("random.random" in x or "random.shuffle" in x for x in lines), "NB205: random.seed(0) in cell 4 seeds cell 4")

py = os.path.join(PROD, "ipython-syntax-in-module.py")
r, lines = lint_text(["--select", "E999,NB301", py])
suite.equal(lines[:3], [
    f"{py}:3:1: E999 [syntax-error] SyntaxError: unexpected `%`",
    f"{py}:3:1: NB301 [ipython-syntax-in-module] IPython magic `%matplotlib inline` in a .py module: it is a syntax error "
    "outside IPython, so the module will not import",
    f"{py}:8:1: NB301 [ipython-syntax-in-module] IPython shell escape `!pip install seaborn` in a .py module: it is a syntax "
    "error outside IPython, so the module will not import"], "NB301 beside E999, verbatim")

py = os.path.join(PROD, "try-except-pass.py")
r, lines = lint_text(["--select", "S110", py])
suite.equal(lines[0], f"{py}:8:1: S110 [try-except-pass] `try`-`except`-`pass` detected, consider logging the exception",
            "S110 text line (ruff's message)")
py = os.path.join(PROD, "useless-expression.py")
r, lines = lint_text(["--select", "B018", py])
suite.equal([lines[0], lines[7]],
            [f"{py}:6:1: B018 [useless-expression] Found useless expression. Either assign it to a variable or remove it.",
             f"{py}:20:1: B018 [useless-expression] Found useless attribute access. Either assign it to a variable or remove it."],
            "B018 text lines (ruff's messages: attribute access only on something with effects)")

py = os.path.join(PROD, "display-in-module.py")
r, lines = lint_text(["--select", "NB303", py])
suite.equal(lines[0], f"{py}:9:5: NB303 [display-in-module] `plt.show()` in a module blocks until the window is closed (or "
            "does nothing without a display); return the figure and let the caller show or save it", "NB303 text line")
suite.equal(len(lines), 5, "NB303: 4 findings (not under the __main__ guard nor in the main() it calls, not fig.show()) and the summary line")

# --- The ruff-compatible codes agree with ruff 0.17.4 on their fixtures (ruff's output stored in
# fixtures/rules/production/ruff-0.17.4.txt) and, when ruff-wasm is installed, on the .py corpus.
RUFF_CODES = "B018,S110,PLW0603,T201"
RUFF_FIXTURES = [os.path.join(PROD, n + ".py") for n in ("useless-expression", "try-except-pass", "global-statement", "print")]


def ours_as_ruff(paths):
    r = run(["lint", "--isolated", "--exit-zero", "--no-show-source", "--select", RUFF_CODES] + paths, cwd=SOURCE_DIR)
    return sorted({re.sub(r" \[[a-z0-9-]+\]", "", x, count=1) for x in r.stdout.decode().splitlines()
                   if not x.startswith("Found ")})


with open(os.path.join(PROD, "ruff-0.17.4.txt"), encoding="utf-8") as f:
    ruff_fixtures = sorted(x.rstrip("\n") for x in f if x.strip() and not x.startswith("#"))
suite.equal(ours_as_ruff(RUFF_FIXTURES), ruff_fixtures, "B018/S110/PLW0603/T201 on their fixtures equal ruff 0.17.4's")

# --- Default selection: default-off rules (NB203, NB302, T201) run only when selected.
with scratch() as tmp:
    mod = os.path.join(tmp, "mod.py")
    with open(mod, "w") as f:
        f.write("import sys\n\nprint(sys.argv)\n")
    r = run(["lint", "--isolated", "--output-format", "json", mod])
    suite.equal([x["code"] for x in json.loads(r.stdout)], [], "no default rule fires on a top-level print")
    r = run(["lint", "--isolated", "--output-format", "json", "--extend-select", "T201,NB302", mod])
    suite.equal(sorted(x["code"] for x in json.loads(r.stdout)), ["NB302", "T201"], "--extend-select adds default-off rules")
    r = run(["lint", "--isolated", "--output-format", "json", "--select", "ALL", mod])
    suite.equal(sorted(x["code"] for x in json.loads(r.stdout)), ["NB302", "T201"], "ALL selects default-off rules")

    # --- --statistics: counts per code, most frequent first, ruff's layout.
    stats_in = os.path.join(tmp, "s.py")
    with open(stats_in, "w") as f:
        f.write("import os\nimport sys\nx = 1\nx\nx\nx\n")
    r = run(["lint", "--isolated", "--statistics", stats_in])
    suite.equal(r.stdout.decode(), "3\tB018\tuseless-expression\n2\tF401\tunused-import\n", "--statistics text")
    suite.equal(r.returncode, 1, "--statistics keeps the exit status")
    r = run(["lint", "--isolated", "--statistics", "--output-format", "json", stats_in])
    suite.equal(json.loads(r.stdout), [{"code": "B018", "name": "useless-expression", "count": 3, "fixable": False},
                                      {"code": "F401", "name": "unused-import", "count": 2, "fixable": False}],
                "--statistics json")

# --- nbloop rules: grouped by category, one rule's page, the list as json.
r = run(["rules"])
text = r.stdout.decode()
suite.check("reproducibility:\n  NB201    absolute-local-path" in text, "nbloop rules groups by category")
suite.check(text.index("pyflakes:") < text.index("reproducibility:") < text.index("production:"), "category order")
r = run(["rules", "NB205"])
page = r.stdout.decode()
suite.check(page.startswith("# unseeded-random (NB205)\n\nCategory: reproducibility · severity: warning · applies to: both "
                            "· default: on"), "nbloop rules CODE: header with category and default")
with open(os.path.join(SOURCE_DIR, "docs", "rules", "NB205.md"), encoding="utf-8") as f:
    suite.check(f.read().endswith(page), "nbloop rules CODE shows the text of docs/rules/CODE.md")
r = run(["rules", "--output-format", "json"])
listed = {x["code"]: x for x in json.loads(r.stdout)}
ours = ["NB201", "NB202", "NB203", "NB204", "NB205", "NB206", "NB301", "NB302", "NB303", "B018", "PLW0603", "S110", "T201"]
suite.check(all(c in listed for c in ours), "every catalog rule listed")
suite.equal(sorted(c for c in ours if not listed[c]["default"]), ["NB203", "NB302", "T201"], "default-off rules")
suite.equal({listed[c]["category"] for c in ours}, {"reproducibility", "production"}, "categories of the catalog rules")

# --- The whole catalog over the corpus: no error on any of the 252 notebooks and 30 .py files.
corpus = corpus_dir()
for sub, count in (("notebooks", 252), ("py", 30)):
    folder = os.path.join(corpus, sub)
    files = [n for n in os.listdir(folder) if n.endswith(".ipynb" if sub == "notebooks" else ".py")]
    suite.equal(len(files), count, f"corpus {sub}: {count} files")
    r = run(["lint", "--isolated", "--exit-zero", "--select", "ALL", "--output-format", "json", folder])
    suite.equal(r.returncode, 0, f"--select ALL over corpus {sub} exits 0 (--exit-zero)")
    suite.equal(r.stderr.decode(), "", f"no error on any corpus {sub} file")
    findings = json.loads(r.stdout)
    suite.check(all(f["code"] and f["line"] >= 1 for f in findings), f"corpus {sub}: findings are well-formed")

# --- With ruff-wasm installed (RUFF_WASM_DIR, default /tmp/ruffwasm; see scripts/bench_lint), the
# same four codes on the 30 corpus .py files must equal ruff's findings.
ruff_dir = os.environ.get("RUFF_WASM_DIR", "/tmp/ruffwasm")
if shutil.which("node") and os.path.isdir(os.path.join(ruff_dir, "node_modules", "@astral-sh", "ruff-wasm-nodejs")):
    pys = sorted(os.path.join(corpus, "py", n) for n in os.listdir(os.path.join(corpus, "py")) if n.endswith(".py"))
    with scratch() as tmp:
        script = os.path.join(tmp, "ruff_check.js")
        with open(script, "w") as f:
            f.write("const {Workspace, PositionEncoding} = require(process.env.RUFF_WASM_MODULE);\n"
                    "const fs = require('fs');\n"
                    "const ws = new Workspace({lint: {select: process.argv[2].split(',')}}, PositionEncoding.Utf32);\n"
                    "for (const p of process.argv.slice(3)) { for (const d of ws.check(fs.readFileSync(p, 'utf8'))) {\n"
                    "  console.log(`${p}:${d.start_location.row}:${d.start_location.column}: ${d.code} ${d.message}`); } }\n")
        env = dict(os.environ, RUFF_WASM_MODULE=os.path.join(ruff_dir, "node_modules", "@astral-sh", "ruff-wasm-nodejs"))
        r = subprocess.run(["node", script, RUFF_CODES] + pys, stdout=subprocess.PIPE, env=env, text=True)
    theirs = sorted(set(r.stdout.splitlines()))
    suite.check(len(theirs) > 100, "ruff-wasm ran on the corpus .py files")
    suite.equal(ours_as_ruff(pys), theirs, "B018/S110/PLW0603/T201 on the 30 corpus .py files equal ruff 0.17.4's")
else:
    print(f"SKIP: ruff-wasm not under {ruff_dir}: corpus comparison with ruff not run")
suite.finish()
