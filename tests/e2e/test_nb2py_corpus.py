"""nb2py's acceptance on the real corpus (issue 4): every notebook of
../shared/corpus/notebooks is converted on its own (nb2py NOTEBOOK --package corpus_pkg --out
DIR). Each run either succeeds or fails with exit 2, one-line errors that start with the
notebook's path (and `:cell N:LINE:COL` for problems in a cell), and nothing written. Then,
over everything generated:

- every .py compiles (/usr/bin/python3's py_compile, one process for all files); this also
  proves no IPython syntax (%magic, !cmd) is left in the code;
- `nbloop lint --select F821,E999` finds nothing new: for each notebook, the set of names
  F821 reports in its generated files must be a subset of the names F821 reports in the
  notebook itself (counts may differ: code moves between cells and main()), and E999 must be
  absent from generated files;
- one process for all of them (the converted ones, into one package, in parallel) gives every
  module and test the same body as the run on its notebook alone, and a second such run
  writes nothing;
- importing has no side effects, structurally: each generated module's top-level statements
  are only docstrings, imports, def/class, assignments, and the `if __name__ == "__main__":`
  guard (assignments whose value calls something are counted and printed, not failed: an
  UPPER_CASE constant may be computed).

Known generator gaps are listed, with their reason, in tests/e2e/nb2py_corpus_gaps.txt
(`NOTEBOOK KIND`, KIND one of compile, undefined, top-level): a listed gap is printed and
counted, not failed, so the test still fails on any new one; a listed gap that no longer
occurs is printed as fixed (remove its line). Skips (exit 77, with a message) when the
corpus is absent."""
import ast
import collections
import concurrent.futures
import json
import os
import re
import subprocess
import sys

from harness import BIN, Suite, corpus_notebooks, run, scratch

suite = Suite("nb2py-corpus")
GAPS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "nb2py_corpus_gaps.txt")
KNOWN = set()
for line in open(GAPS_FILE, encoding="utf-8"):
    line = line.split("#", 1)[0].split()
    if len(line) == 2:
        KNOWN.add((line[0], line[1]))
seen_gaps = collections.Counter()
occurred = set()


def acceptance(condition, notebook, kind, message):
    """A check of one notebook's generated code; a known gap is counted instead of failed."""
    key = (os.path.basename(notebook), kind)
    if not condition:
        occurred.add(key)
    if not condition and key in KNOWN:
        seen_gaps[kind] += 1
        print(f"known gap ({kind}): {message}")
        return
    if not condition:
        print(f"GAP {key[0]} {kind}")
    suite.check(condition, message)
NB2PY = os.path.join(os.path.dirname(BIN), "nb2py")
notebooks = corpus_notebooks()
PYTHON = "/usr/bin/python3"
LOCATED = re.compile(r"^(?P<path>.+?)(:cell (?P<cell>\d+)(:(?P<line>\d+):(?P<col>\d+))?)?: (?P<sev>error|warning): (?P<msg>.+)$")


def undefined_names(findings):
    out = collections.defaultdict(set)
    for f in findings:
        if f["code"] == "F821":
            m = re.search(r"`([^`]+)`", f["message"])
            out[f["path"]].add(m.group(1) if m else f["message"])
    return out


def lint(paths):
    """F821/E999 findings for many files, in batches (one nbloop process per batch)."""
    findings = []
    for i in range(0, len(paths), 200):
        r = run(["lint", "--isolated", "--select", "F821,E999", "--output-format", "json", "--exit-zero"] + paths[i:i + 200])
        suite.equal(r.returncode, 0, f"nbloop lint ran ({r.stderr.decode()[:300]})")
        findings += json.loads(r.stdout or b"[]")
    return findings


with scratch() as tmp:
    def convert(i_path):
        i, path = i_path
        out = os.path.join(tmp, f"{i:03d}")
        return path, out, run([path, "--package", "corpus_pkg", "--out", out], binary=NB2PY, cwd=tmp)

    results = list(concurrent.futures.ThreadPoolExecutor(max_workers=2).map(convert, enumerate(notebooks)))
    ok, refused, reasons = [], 0, collections.Counter()
    for path, out, r in results:
        name = os.path.basename(path)
        if r.returncode == 0:
            ok.append((path, out))
            continue
        refused += 1
        suite.equal(r.returncode, 2, f"{name}: exit 0 or 2 (stderr: {r.stderr.decode()[:300]})")
        suite.check(not os.path.exists(out), f"{name}: failed, nothing written")
        errors = [line for line in r.stderr.decode().splitlines() if " error: " in line]
        suite.check(errors, f"{name}: says why it failed")
        for line in errors:
            m = LOCATED.match(line)
            suite.check(m is not None and m.group("path") == path and m.group("msg").strip(),
                        f"{name}: error line names the notebook (and cell) and a reason: {line}")
            if m and ("syntax" in m.group("msg").lower()):
                suite.check(m.group("cell") is not None and m.group("line") is not None,
                            f"{name}: a syntax error names cell and line: {line}")
            if m:
                reasons[re.sub(r"[`'\"].*", "", m.group("msg"))[:60]] += 1

    generated = []  # (notebook, .py file)
    for path, out in ok:
        for d, _, files in os.walk(out):
            generated += [(path, os.path.join(d, f)) for f in sorted(files) if f.endswith(".py")]

    # Every generated .py compiles, in one Python process.
    script = ("import py_compile, sys\nfor p in sys.argv[1:]:\n    try:\n"
              "        py_compile.compile(p, cfile=p + 'c', doraise=True)\n"
              "    except py_compile.PyCompileError as e:\n"
              "        print(p + '\\t' + str(e).strip().splitlines()[-1][:200])\n")
    r = subprocess.run([PYTHON, "-c", script] + [p for _, p in generated], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    suite.equal((r.returncode, r.stderr), (0, b""), "py_compile ran")
    failed = dict(line.split("\t", 1) for line in r.stdout.decode().splitlines() if "\t" in line)
    for path, py in generated:
        acceptance(py not in failed, path, "compile", f"{os.path.relpath(py, tmp)} compiles: {failed.get(py)}")

    # No new undefined names, no syntax errors, in the generated code.
    nb_undefined = undefined_names(lint([p for p, _ in ok]))
    gen_findings = lint([p for _, p in generated])
    e999 = {f["path"]: f["message"] for f in gen_findings if f["code"] == "E999"}
    for path, py in generated:
        acceptance(py not in e999, path, "compile", f"{os.path.relpath(py, tmp)}: no E999: {e999.get(py)}")
    gen_undefined = undefined_names(gen_findings)
    new_names = 0
    for path, py in generated:
        new = sorted(gen_undefined.get(py, set()) - nb_undefined.get(path, set()))
        new_names += len(new)
        acceptance(not new, path, "undefined", f"{os.path.relpath(py, tmp)}: new undefined names {new}")

    # Importing has no side effects: only definitions and assignments at the top level.
    allowed = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Assign, ast.AnnAssign)
    computed = 0
    for path, py in generated:
        if py in failed or os.sep + "tests" + os.sep in py:
            continue
        try:
            tree = ast.parse(open(py, encoding="utf-8").read())
        except SyntaxError:
            continue  # reported above
        for node in tree.body:
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                continue
            if isinstance(node, ast.If) and "__name__" in ast.unparse(node.test):
                continue
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and any(isinstance(n, ast.Call) for n in ast.walk(node)):
                computed += 1
            acceptance(isinstance(node, allowed), path, "top-level",
                       f"{os.path.relpath(py, tmp)}:{node.lineno}: top-level {type(node).__name__} runs at import")

    # All converted notebooks in one process, one package: the same bodies; a re-run writes nothing.
    together = os.path.join(tmp, "all")
    r = run([p for p, _ in ok] + ["--package", "corpus_pkg", "--out", together], binary=NB2PY, cwd=tmp)
    suite.equal(r.returncode, 0, f"one process for all {len(ok)} converted notebooks ({r.stderr.decode()[-300:]})")

    def body(path):
        text = open(path, "rb").read()
        return text[text.index(b"\n# nb2py-hash: sha256:") + 86:]

    same = 0
    for path, py in generated:
        rel = os.path.relpath(py, tmp).split(os.sep, 1)[1]
        if rel.endswith("__init__.py"):
            continue
        other = os.path.join(together, rel)
        if suite.check(os.path.exists(other), f"{rel}: also made by the run on all notebooks"):
            same += suite.equal(body(other), body(py), f"{rel}: same body alone and in the run on all notebooks")
    r = run([p for p, _ in ok] + ["--package", "corpus_pkg", "--out", together], binary=NB2PY, cwd=tmp)
    suite.equal((r.returncode, r.stdout), (0, b""), "the run on all notebooks again: nothing written")

    print(f"corpus: {len(notebooks)} notebooks, {len(ok)} converted, {refused} refused with a located error; "
          f"{len(generated)} .py files generated; {new_names} new undefined names; "
          f"{computed} top-level assignments computed by a call; {same} bodies identical alone and all together")
    for reason, n in reasons.most_common(10):
        print(f"  refused ({n}): {reason}")
    print(f"known generator gaps met: {sum(seen_gaps.values())} checks ({dict(seen_gaps)}) in "
          f"{len(occurred & KNOWN)} listed notebook/kind pairs")
    for name, kind in sorted(KNOWN - occurred):
        print(f"fixed: {name} {kind} (remove it from {os.path.basename(GAPS_FILE)})")

suite.finish()
