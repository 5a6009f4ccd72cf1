"""nb2py and nbloop's own workflow: the working copy keeps outputs, git (the clean filter,
`nbloop strip`) commits the notebooks stripped, and CI runs `nb2py --check` on what was
committed. The package generated locally from the notebooks with outputs must be in sync with
the stripped notebooks: the module, tests/test_<module>.py, __init__.py and pyproject.toml
depend only on code, markdown, tags and metadata; the regression tests made from recorded
outputs live in tests/test_<module>_recorded.py, which a notebook without outputs leaves
alone. Runs on fixtures/examples (the demo notebooks) and fixtures/nb2py-pkg."""
import glob
import os
import shutil
import subprocess

from harness import BIN, FIXTURES, Suite, run, scratch

suite = Suite("nb2py-stripped")
NB2PY = os.path.join(os.path.dirname(BIN), "nb2py")
PYTHON = "/usr/bin/python3"


def tree(root):
    out = {}
    for d, dirs, files in os.walk(root):
        dirs[:] = [x for x in dirs if x not in ("__pycache__", ".pytest_cache")]
        for f in files:
            p = os.path.join(d, f)
            out[os.path.relpath(p, root)] = (open(p, "rb").read(), os.stat(p).st_mtime_ns)
    return out


def has_outputs(path):
    import json
    nb = json.load(open(path, encoding="utf-8"))
    return any(c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code")


def pytest(cwd):
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=cwd, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


ORACLE = subprocess.run([PYTHON, "-c", "import numpy, pytest"], stdout=subprocess.PIPE, stderr=subprocess.PIPE).returncode == 0
if not ORACLE:
    print("SKIP (part): python3-numpy or python3-pytest missing: generated packages are not run")

sources = sorted(glob.glob(os.path.join(FIXTURES, "examples", "*.ipynb"))) + [
    os.path.join(FIXTURES, "nb2py-pkg", n) for n in ("sales_summary.ipynb", "inventory.ipynb")]
suite.check(len(sources) >= 4 and all(has_outputs(p) for p in sources), "fixtures carry recorded outputs")

with scratch() as tmp:
    os.mkdir(os.path.join(tmp, "notebooks"))
    names = []
    for p in sources:
        shutil.copy(p, os.path.join(tmp, "notebooks", os.path.basename(p)))
        names.append("notebooks/" + os.path.basename(p))
    args = names + ["--package", "demo"]

    # 1. Generate from the notebooks with outputs (the working copy).
    r = run(args, cwd=tmp, binary=NB2PY)
    suite.equal(r.returncode, 0, f"nb2py on notebooks with outputs ({r.stderr.decode()[-400:]})")
    generated = tree(tmp)
    recorded = sorted(p for p in generated if p.startswith("tests/") and p.endswith("_recorded.py"))
    suite.check("tests/test_sales_summary_recorded.py" in recorded, f"recorded-tests files made: {recorded}")
    for path in recorded:
        main_tests = path.replace("_recorded.py", ".py")
        suite.check(main_tests in generated, f"{path} sits beside {main_tests}")
        suite.check(b"# Recorded in cell" in generated[path][0], f"{path} asserts recorded results")
    for path, (data, _) in generated.items():
        if path.endswith(".py") and not path.endswith("_recorded.py"):
            suite.check(b"# Recorded in cell" not in data, f"{path}: no recorded result outside the recorded file")
    if ORACLE:
        r = pytest(tmp)
        suite.equal(r.returncode, 0, f"pytest passes on the package:\n{r.stdout.decode()[-1500:]}")

    # 2. Strip them, as the git clean filter / `nbloop strip` does before a commit.
    r = run(["strip"] + names, cwd=tmp)
    suite.equal(r.returncode, 0, f"nbloop strip ({r.stderr.decode()[:300]})")
    suite.check(not any(has_outputs(os.path.join(tmp, n)) for n in names), "the notebooks have no outputs now")
    stripped = tree(tmp)

    # 3. CI: --check on the stripped notebooks is in sync and writes nothing.
    r = run(args + ["--check"], cwd=tmp, binary=NB2PY)
    suite.equal((r.returncode, r.stdout.decode()), (0, ""), f"--check on stripped notebooks: in sync ({r.stderr.decode()[-400:]})")
    suite.equal(tree(tmp), stripped, "--check writes nothing")
    r = run(["--check"], cwd=tmp, binary=NB2PY)
    suite.equal(r.returncode, 0, "bare --check (from the generated pyproject.toml): in sync")

    # 4. nb2py again on the stripped notebooks: nothing rewritten, the recorded files untouched.
    r = run(args, cwd=tmp, binary=NB2PY)
    suite.equal((r.returncode, r.stdout.decode()), (0, ""), f"nb2py on stripped notebooks: nothing listed ({r.stderr.decode()[-300:]})")
    suite.equal(tree(tmp), stripped, "nothing rewritten (bytes and mtimes), recorded files included")
    if ORACLE:
        r = pytest(tmp)
        suite.equal(r.returncode, 0, f"pytest still passes:\n{r.stdout.decode()[-1500:]}")

    # 5. A recorded file is regenerated and drift-checked like the others when outputs are back.
    for p in sources:
        shutil.copy(p, os.path.join(tmp, "notebooks", os.path.basename(p)))
    r = run(args + ["--check"], cwd=tmp, binary=NB2PY)
    suite.equal((r.returncode, r.stdout.decode()), (0, ""), "outputs back, same results: in sync")
    rec = os.path.join(tmp, "tests", "test_sales_summary_recorded.py")
    os.remove(rec)
    r = run(args + ["--check"], cwd=tmp, binary=NB2PY)
    suite.equal((r.returncode, r.stdout.decode()), (1, "tests/test_sales_summary_recorded.py: would be created\n"),
                "with outputs, a missing recorded file is drift")
    run(["strip", "notebooks/sales_summary.ipynb"], cwd=tmp)
    r = run(args + ["--check"], cwd=tmp, binary=NB2PY)
    suite.equal((r.returncode, r.stdout.decode()), (0, ""), "without outputs, a missing recorded file is not drift")
    r = run(args, cwd=tmp, binary=NB2PY)
    suite.check(r.returncode == 0 and not os.path.exists(rec), "without outputs, no recorded file is made")

    # 6. Outputs that no longer show a result: an earlier recorded file says so instead of going stale.
    shutil.copy(os.path.join(FIXTURES, "nb2py-pkg", "sales_summary.ipynb"), os.path.join(tmp, "notebooks"))
    run(args, cwd=tmp, binary=NB2PY)
    suite.check(os.path.exists(rec), "outputs back: the recorded file is made again")
    import json
    path = os.path.join(tmp, "notebooks", "sales_summary.ipynb")
    nb = json.load(open(path))
    for c in nb["cells"]:
        if c["cell_type"] == "code":
            c["outputs"] = [o for o in c.get("outputs", []) if o.get("output_type") == "stream"]
    json.dump(nb, open(path, "w"), indent=1)
    r = run(args, cwd=tmp, binary=NB2PY)
    suite.check(r.returncode == 0 and b"tests/test_sales_summary_recorded.py: updated" in r.stdout,
                f"outputs without results: the recorded file is updated ({r.stdout!r})")
    suite.check(b"records no results to assert" in open(rec, "rb").read(), "it now says there is nothing to assert")

suite.finish()
