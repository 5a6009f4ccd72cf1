"""`nbloop check`'s package-in-sync check on real git repositories built from
fixtures/check-package: in sync (exit 0), a notebook edited without regenerating (exit 1, the
drifting file named) in each output format, the scope of --changed-since / --staged / paths,
a generated file edited by hand, the switch (--package / --no-package and
[tool.nbloop.check] package), and bad input (exit 2). Then the same on corpus notebooks nb2py
converts (skipped with a message when the corpus is absent)."""
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import BIN, FIXTURES, Suite, scratch  # noqa: E402
from git_helpers import GitSandbox, read, write  # noqa: E402

suite = Suite("check-package")
HERE = os.path.join(FIXTURES, "check-package")
NB2PY = os.path.join(os.path.dirname(os.path.abspath(BIN)), "nb2py")


def nb2py(args, cwd):
    return subprocess.run([NB2PY] + list(args), cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def edit_cell(path, cell, old, new):
    """Replaces `old` by `new` in one code cell's source, keeping the notebook stripped."""
    nb = json.loads(read(path))
    source = "".join(nb["cells"][cell]["source"])
    assert old in source, (path, source)
    lines = source.replace(old, new).splitlines(keepends=True)
    nb["cells"][cell]["source"] = lines
    write(path, json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False, separators=(",", ": ")) + "\n")


def text_of(p):
    return p.stdout.decode() + p.stderr.decode()


def package_findings(p):
    """(path, code) of the package findings in json output."""
    return sorted((f["path"], f["code"]) for f in json.loads(p.stdout)
                  if f["code"] in ("package-out-of-sync", "generated-file-edited"))


with scratch() as tmp:
    box = GitSandbox(tmp)
    repo = box.new_repo("repo")
    shutil.copytree(HERE, repo, dirs_exist_ok=True)
    r = nb2py([], repo)
    suite.equal(r.returncode, 0, f"nb2py generates the fixture's package: {r.stderr!r}")
    box.git(["add", "."], cwd=repo)
    box.git(["commit", "-q", "-m", "notebooks and their package"], cwd=repo)
    box.git(["tag", "base"], cwd=repo)

    # --- In sync: every check passes, and the summary says the package was compared.
    p = box.nbloop(["check"], cwd=repo)
    suite.equal(p.returncode, 0, f"a package in sync passes: {text_of(p)}")
    suite.check("package checked against 2 of its 2 notebook(s)" in p.stdout.decode(), f"summary: {p.stdout!r}")
    p = box.nbloop(["check", "--changed-since", "base"], cwd=repo)
    suite.equal(p.returncode, 0, f"nothing changed since base: {text_of(p)}")
    suite.check("package checked" not in p.stdout.decode(), f"nothing of the project in scope: {p.stdout!r}")

    # --- A branch edits a notebook cell without regenerating.
    box.git(["checkout", "-q", "-b", "feature"], cwd=repo)
    revenue = os.path.join(repo, "notebooks", "revenue.ipynb")
    edit_cell(revenue, 1, "math.floor(", "math.ceil(")
    box.git(["commit", "-q", "-am", "round up"], cwd=repo)
    p = box.nbloop(["check", "--changed-since", "base"], cwd=repo)
    out = p.stdout.decode()
    suite.equal(p.returncode, 1, f"drift fails the check: {text_of(p)}")
    lines = [line for line in out.splitlines() if "[package-" in line]
    suite.equal(len(lines), 1, f"one drifting file: {out}")
    suite.check(lines and lines[0].startswith("sales/revenue.py:") and
                "out of sync with notebooks/revenue.ipynb (run nb2py)" in lines[0], f"text finding: {out}")
    # Located at the module's first changed line: the one nb2py would rewrite.
    line_no = int(lines[0].split(":")[1]) if lines else 0
    module = read(os.path.join(repo, "sales", "revenue.py")).decode().splitlines()
    suite.check(0 < line_no <= len(module) and "math.floor(" in module[line_no - 1], f"line {line_no}: {module}")
    suite.check("package checked against 1 of its 2 notebook(s)" in out, f"summary names the scope: {out}")
    # nb2py --check agrees on the drifting file.
    r = nb2py(["--check"], repo)
    suite.equal((r.returncode, r.stdout.decode()), (1, "sales/revenue.py: would be updated\n"), "nb2py --check agrees")

    p = box.nbloop(["check", "--changed-since", "base", "--output-format", "json"], cwd=repo)
    suite.equal(p.returncode, 1, "json: exit 1")
    suite.equal(package_findings(p), [("sales/revenue.py", "package-out-of-sync")], "json finding")
    p = box.nbloop(["check", "--changed-since", "base", "--output-format", "github"], cwd=repo)
    suite.equal(p.returncode, 1, "github: exit 1")
    suite.check(p.stdout.decode().startswith(
        f"::error title=nbloop (package-out-of-sync),file=sales/revenue.py,line={line_no},col=1::out of sync"),
        f"github annotation: {p.stdout!r}")
    p = box.nbloop(["check", "--changed-since", "base", "--output-format", "sarif"], cwd=repo)
    suite.equal(p.returncode, 1, "sarif: exit 1")
    run = json.loads(p.stdout)["runs"][0]
    results = [(x["ruleId"], x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                x["locations"][0]["physicalLocation"]["region"]["startLine"]) for x in run["results"]]
    suite.equal(results, [("package-out-of-sync", "sales/revenue.py", line_no)], "sarif result")
    suite.check([x["id"] for x in run["tool"]["driver"]["rules"]] == ["package-out-of-sync"], f"sarif rules: {run}")

    # --- The switch: off by flag or config; the flag wins over the config.
    p = box.nbloop(["check", "--changed-since", "base", "--no-package"], cwd=repo)
    suite.equal(p.returncode, 0, f"--no-package: no package finding: {text_of(p)}")
    suite.check("[package-" not in p.stdout.decode() and "package checked" not in p.stdout.decode(),
                f"--no-package output: {p.stdout!r}")
    pyproject = os.path.join(repo, "pyproject.toml")
    original_pyproject = read(pyproject)
    write(pyproject, original_pyproject + b"\n[tool.nbloop.check]\npackage = false\n")
    p = box.nbloop(["check", "--changed-since", "base"], cwd=repo)
    suite.equal(p.returncode, 0, f"package = false: no package finding: {text_of(p)}")
    p = box.nbloop(["check", "--changed-since", "base", "--package"], cwd=repo)
    suite.equal(p.returncode, 1, f"--package overrides package = false: {text_of(p)}")
    write(pyproject, original_pyproject + b"\n[tool.nbloop.check]\npackage = \"no\"\n")
    p = box.nbloop(["check"], cwd=repo)
    suite.equal(p.returncode, 2, "a bad [tool.nbloop.check] value is an input error")
    suite.check("pyproject.toml:10:11: error: tool.nbloop.check.package: expected true or false\n" in
                p.stderr.decode(), f"error: {p.stderr!r}")
    write(pyproject, original_pyproject)
    p = box.nbloop(["check", "--package", "--no-package"], cwd=repo)
    suite.equal(p.returncode, 2, "--package and --no-package exclude each other")

    # --- Regenerated: in sync again.
    r = nb2py([], repo)
    suite.equal(r.returncode, 0, f"nb2py regenerates: {r.stderr!r}")
    box.git(["commit", "-q", "-am", "regenerate"], cwd=repo)
    p = box.nbloop(["check", "--changed-since", "base"], cwd=repo)
    suite.equal(p.returncode, 0, f"regenerated: in sync: {text_of(p)}")

    # --- Scope: drift from a notebook the change does not touch is not the change's.
    box.git(["tag", "regenerated"], cwd=repo)
    forecast = os.path.join(repo, "notebooks", "forecast.ipynb")
    edit_cell(forecast, 0, "/ window", "/ float(window)")
    box.git(["commit", "-q", "-am", "forecast drifts"], cwd=repo)
    box.git(["tag", "drifted"], cwd=repo)
    write(os.path.join(repo, "README.md"), "notes\n")
    box.git(["add", "README.md"], cwd=repo)
    box.git(["commit", "-q", "-m", "readme"], cwd=repo)
    p = box.nbloop(["check", "--changed-since", "drifted", "--output-format", "json"], cwd=repo)
    suite.equal((p.returncode, package_findings(p)), (0, []), "a change to other files: no package finding")
    p = box.nbloop(["check", "--changed-since", "regenerated", "--output-format", "json"], cwd=repo)
    suite.equal(package_findings(p), [("sales/forecast.py", "package-out-of-sync")],
                "the changed notebook's module, and only it")
    # Paths: the notebooks named (and the files generated from them).
    p = box.nbloop(["check", "notebooks/revenue.ipynb"], cwd=repo)
    suite.equal(p.returncode, 0, f"a path whose package files are in sync: {text_of(p)}")
    p = box.nbloop(["check", "--output-format", "json", "notebooks/forecast.ipynb"], cwd=repo)
    suite.equal((p.returncode, package_findings(p)), (1, [("sales/forecast.py", "package-out-of-sync")]),
                "a path whose module drifts")
    # A change to pyproject.toml puts the whole package in scope.
    write(pyproject, original_pyproject + b"\n# a comment\n")
    box.git(["commit", "-q", "-am", "touch pyproject"], cwd=repo)
    p = box.nbloop(["check", "--changed-since", "drifted", "--output-format", "json"], cwd=repo)
    suite.equal(package_findings(p), [("sales/forecast.py", "package-out-of-sync")],
                "pyproject.toml changed: the whole package is checked")
    # --staged: a staged notebook; the package check reads the work tree (as nb2py does).
    r = nb2py([], repo)
    box.git(["commit", "-q", "-am", "regenerate again"], cwd=repo)
    edit_cell(revenue, 1, "math.ceil(", "round(")
    box.git(["add", revenue], cwd=repo)
    p = box.nbloop(["check", "--staged", "--output-format", "json"], cwd=repo)
    suite.equal((p.returncode, package_findings(p)), (1, [("sales/revenue.py", "package-out-of-sync")]),
                "--staged: the staged notebook's module drifts")
    box.git(["checkout", "-q", "HEAD", "--", "notebooks/revenue.ipynb"], cwd=repo)

    # --- A generated file edited by hand in the change.
    module_path = os.path.join(repo, "sales", "forecast.py")
    write(module_path, read(module_path) + b"\nDEBUG = True\n")
    box.git(["commit", "-q", "-am", "hand edit"], cwd=repo)
    p = box.nbloop(["check", "--changed-since", "HEAD~1", "--output-format", "json"], cwd=repo)
    suite.equal((p.returncode, package_findings(p)), (1, [("sales/forecast.py", "generated-file-edited")]),
                "a hand edit to a generated module")
    suite.check("--force overwrites it" in json.loads(p.stdout)[-1]["message"], f"message: {p.stdout!r}")
    box.git(["reset", "-q", "--hard", "HEAD~1"], cwd=repo)

    # --- A notebook nb2py refuses: nb2py's error, exit 2.
    edit_cell(forecast, 0, "def moving_average(values, window):", "def moving_average(values, window:")
    p = box.nbloop(["check", "notebooks/forecast.ipynb"], cwd=repo)
    suite.equal(p.returncode, 2, f"a notebook nb2py cannot convert: {text_of(p)}")
    suite.check(p.stderr.decode().startswith("notebooks/forecast.ipynb:cell 1:"), f"located error: {p.stderr!r}")
    box.git(["checkout", "-q", "HEAD", "--", "notebooks/forecast.ipynb"], cwd=repo)
    p = box.nbloop(["check"], cwd=repo)
    suite.equal(p.returncode, 0, f"back in sync: {text_of(p)}")

    # --- No [tool.nbloop.convert]: no package check, unless required.
    plain = box.new_repo("plain")
    shutil.copytree(os.path.join(HERE, "notebooks"), os.path.join(plain, "notebooks"))
    p = box.nbloop(["check"], cwd=plain)
    suite.equal(p.returncode, 0, f"no nb2py project: nothing to check: {text_of(p)}")
    suite.check("package checked" not in p.stdout.decode(), "no package summary")
    p = box.nbloop(["check", "--package"], cwd=plain)
    suite.equal(p.returncode, 2, "--package without a project is a usage error")
    suite.check("--package: no [tool.nbloop.convert] notebooks or mapping" in p.stderr.decode(),
                f"error: {p.stderr!r}")
    write(os.path.join(plain, "pyproject.toml"), "[tool.nbloop.check]\npackage = true\n")
    p = box.nbloop(["check"], cwd=plain)
    suite.equal(p.returncode, 2, "package = true without a project is an error")

# --- Corpus notebooks that nb2py converts: in sync, then a cell edited.
corpus = os.environ.get("NBLOOP_CORPUS") or os.path.join(os.path.dirname(HERE), "..", "..", "shared", "corpus")
corpus_nbs = os.path.join(os.path.abspath(corpus), "notebooks")
if not os.path.isdir(corpus_nbs):
    print(f"SKIP: corpus part: corpus not found at {corpus_nbs} (set NBLOOP_CORPUS)")
else:
    with scratch() as tmp:
        box = GitSandbox(tmp)
        repo = box.new_repo("corpus")
        os.makedirs(os.path.join(repo, "nb"))
        picked = []
        for name in sorted(os.listdir(corpus_nbs)):
            if not name.endswith(".ipynb") or len(picked) == 6:
                continue
            target = os.path.join(repo, "nb", name)
            shutil.copyfile(os.path.join(corpus_nbs, name), target)
            nb = json.loads(read(target))
            code = [i for i, c in enumerate(nb.get("cells", [])) if c.get("cell_type") == "code"]
            probe = os.path.join(tmp, "probe")
            r = subprocess.run([NB2PY, target, "--out", probe, "--package", "probe"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            shutil.rmtree(probe, ignore_errors=True)
            if r.returncode == 0 and code:
                picked.append((name, code[0]))
            else:
                os.remove(target)
        write(os.path.join(repo, "pyproject.toml"),
              '[tool.nbloop.convert]\nnotebooks = ["nb/*.ipynb"]\npackage = "corpus_pkg"\n')
        r = nb2py([], repo)
        suite.equal(r.returncode, 0, f"nb2py on {len(picked)} corpus notebooks: {r.stderr.decode()[:300]}")
        box.git(["add", "."], cwd=repo)
        box.git(["commit", "-q", "-m", "corpus"], cwd=repo)
        box.git(["tag", "base"], cwd=repo)
        # The corpus notebooks keep their outputs: only the package check is asked for.
        only_package = ["check", "--no-stripped", "--no-markers", "--no-lint", "--package"]
        p = box.nbloop(only_package + ["--output-format", "json"], cwd=repo)
        suite.equal((p.returncode, json.loads(p.stdout) if p.returncode < 2 else p.stderr), (0, []),
                    f"{len(picked)} corpus notebooks and their package: in sync")
        suite.check(len(picked) >= 3, f"at least 3 corpus notebooks convert: {picked}")
        name, cell = picked[0]
        target = os.path.join(repo, "nb", name)
        nb = json.loads(read(target))
        source = nb["cells"][cell]["source"]
        nb["cells"][cell]["source"] = (source if isinstance(source, str) else "".join(source)) + \
            "\ndef nbloop_probe():\n    return 1\n"
        write(target, json.dumps(nb, indent=1, ensure_ascii=False) + "\n")
        box.git(["commit", "-q", "-am", "edit a cell"], cwd=repo)
        p = box.nbloop(only_package + ["--changed-since", "base", "--output-format", "json"], cwd=repo)
        drift = sorted({f["path"] for f in json.loads(p.stdout)}) if p.returncode < 2 else p.stderr
        r = nb2py(["--check"], repo)
        expected = sorted(line.split(": ")[0] for line in r.stdout.decode().splitlines())
        suite.equal(p.returncode, 1, f"an edited corpus notebook drifts: {p.stderr!r}")
        suite.equal(drift, expected, f"check names the files nb2py --check names ({name})")
        suite.check(any(path.endswith(".py") and "corpus_pkg/" in path for path in drift), f"module drifts: {drift}")

# --- With the clean filter: the work tree keeps outputs, commits (and CI's clone) are stripped.
# Outputs only feed tests/test_<module>_recorded.py, so the stripped clone is in sync too.
with scratch() as tmp:
    box = GitSandbox(tmp)
    work = box.new_repo("work")
    os.makedirs(os.path.join(work, "notebooks"))
    shutil.copy(os.path.join(FIXTURES, "nb2py-pkg", "sales_summary.ipynb"), os.path.join(work, "notebooks"))
    write(os.path.join(work, "pyproject.toml"),
          '[project]\nname = "churn"\nversion = "0.1.0"\n\n'
          '[tool.nbloop.convert]\nnotebooks = ["notebooks/*.ipynb"]\npackage = "churn"\n')
    p = box.nbloop(["init"], cwd=work)
    suite.equal(p.returncode, 0, f"nbloop init: {text_of(p)}")
    r = nb2py([], work)
    suite.equal(r.returncode, 0, f"nb2py from the notebook with outputs: {r.stderr!r}")
    suite.check(os.path.exists(os.path.join(work, "tests", "test_sales_summary_recorded.py")),
                "the recorded-results tests are written from the outputs")
    box.git(["add", "."], cwd=work)
    box.git(["commit", "-q", "-m", "notebook and package"], cwd=work)
    committed = json.loads(box.git(["show", "HEAD:notebooks/sales_summary.ipynb"], cwd=work).stdout)
    suite.check(all(not c.get("outputs") for c in committed["cells"]), "the commit holds the notebook stripped")
    clone = os.path.join(tmp, "clone")
    box.git(["clone", "-q", work, clone], cwd=tmp)
    p = box.nbloop(["check", "--package"], cwd=clone)
    suite.equal(p.returncode, 0, f"CI's stripped checkout: package in sync: {text_of(p)}")
    r = nb2py(["--check"], clone)
    suite.equal(r.returncode, 0, f"nb2py --check in the stripped checkout: {r.stdout!r}")
    p = box.nbloop(["check", "--package", "--changed-since", "HEAD"], cwd=work)
    suite.equal(p.returncode, 0, f"the work tree with outputs: package in sync: {text_of(p)}")

suite.finish()
