"""nbloop convert on fixtures: golden text forms, bad input (one line, exit 2, nothing
written), --update, output naming, and `convert` without --to (and nb2py) building a package."""
import json
import os
import shutil

from harness import FIXTURES, SOURCE_DIR, Suite, run, scratch

suite = Suite("convert-cli")
CONVERT = os.path.join(FIXTURES, "convert")
FEATURES = os.path.join(CONVERT, "features.ipynb")
UPDATE = os.environ.get("NBLOOP_UPDATE_GOLDEN") == "1"


def golden(name, actual):
    path = os.path.join(CONVERT, name)
    if UPDATE:
        with open(path, "wb") as f:
            f.write(actual)
    with open(path, "rb") as f:
        suite.equal(actual, f.read(), f"golden {name}")


golden("features.expected.py", run(["convert", "--to", "percent", FEATURES, "-o", "-"]).stdout)
golden("features.databricks.expected.py", run(["convert", "--to", "databricks", FEATURES, "-o", "-"]).stdout)

original = json.load(open(FEATURES))
for flags in ([], ["--keep-ids"]):
    py = run(["convert", "--to", "percent", FEATURES, "-o", "-"] + flags).stdout
    back = json.loads(run(["convert", "--to", "ipynb", "-o", "-", "-"], input=py).stdout)
    for a, b in zip(original["cells"][1:], back["cells"][1:]):
        suite.equal(b["source"], a["source"], f"{flags}: source of {a['id']}")
        suite.equal(b["cell_type"], a["cell_type"], f"{flags}: type of {a['id']}")
        if flags:
            suite.equal(b["id"], a["id"], "--keep-ids keeps the id")
    suite.equal(back["cells"][0]["source"], original["cells"][0]["source"], f"{flags}: YAML front matter cell")

# `convert` without --to, `--to package` and nb2py are the package builder (tests/e2e/test_nb2py*.py);
# without a package name they say how to give one, exit 2 and write nothing.
nb2py = os.path.join(os.path.dirname(os.environ.get("NBLOOP_BIN", "")), "nb2py")
for args, binary in ((["convert", FEATURES], None), (["convert", "--to", "package", FEATURES], None), ([FEATURES], nb2py)):
    if binary and not os.path.exists(binary):
        continue
    with scratch() as tmp:
        r = run(args, binary=binary, cwd=tmp)
        suite.equal(r.returncode, 2, f"{args}: exit 2")
        suite.check(b"no package to put it in: give --package NAME" in r.stderr, f"{args}: says how to name the package")
        suite.equal(os.listdir(tmp), [], f"{args}: nothing written")
r = run(["convert", "--to", "percent", "--package", "p", FEATURES, "-o", "-"])
suite.equal(r.returncode, 2, "--package with a text form: exit 2")
suite.check(b"apply to --to package" in r.stderr, "--package with a text form: says why")
r = run(["convert", "--keep-ids", FEATURES])
suite.equal(r.returncode, 2, "--keep-ids with a package: exit 2")

with scratch() as tmp:
    # Default output names, and the file is written where asked.
    nb = os.path.join(tmp, "nb.ipynb")
    shutil.copy(FEATURES, nb)
    r = run(["convert", "--to", "percent", nb])
    suite.equal(r.returncode, 0, "convert in place")
    suite.check(os.path.exists(os.path.join(tmp, "nb.py")), "nb.ipynb → nb.py")
    os.remove(nb)
    r = run(["convert", "--to", "ipynb", os.path.join(tmp, "nb.py")])
    suite.equal(r.returncode, 0, "convert back")
    suite.check(os.path.exists(nb), "nb.py → nb.ipynb")

    # --update: outputs and ids come back for unchanged cells; an edited cell loses them.
    with_outputs = json.load(open(FEATURES))
    for c in with_outputs["cells"]:
        if c["cell_type"] == "code":
            c["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["hello\n"]}]
            c["execution_count"] = 7
            c["metadata"]["scrolled"] = True
    executed = os.path.join(tmp, "executed.ipynb")
    json.dump(with_outputs, open(executed, "w"), indent=1)
    py = run(["convert", "--to", "percent", executed, "-o", "-"]).stdout
    py = py.replace(b"f(1)\n", b"f(2)\n")
    src = os.path.join(tmp, "edited.py")
    open(src, "wb").write(py)
    out = os.path.join(tmp, "updated.ipynb")
    r = run(["convert", "--to", "ipynb", src, "--update", executed, "-o", out])
    suite.equal(r.returncode, 0, "--update")
    updated = {c["id"]: c for c in json.load(open(out))["cells"]}
    suite.equal(updated["magics"]["outputs"], with_outputs["cells"][2]["outputs"], "--update keeps outputs")
    suite.equal(updated["magics"]["execution_count"], 7, "--update keeps the count")
    suite.equal(updated["magics"]["metadata"].get("scrolled"), True, "--update keeps text-excluded metadata")
    suite.check("call" not in updated, "the edited cell gets a new id")
    edited = [c for c in json.load(open(out))["cells"] if "".join(c["source"]).rstrip() == "f(2)"]
    suite.check(len(edited) == 1 and edited[0]["outputs"] == [], "the edited cell has no outputs")
    suite.equal(json.load(open(out))["metadata"].get("language_info"), with_outputs["metadata"]["language_info"],
                "--update keeps notebook metadata the text does not carry")

    # Bad input: one line with the location, exit 2, nothing written.
    cases = {
        "neither.py": (b"print('hello')\n", ":1:1: error: neither a percent script"),
        "broken_yaml.py": (b"# ---\n# jupyter:\n#   kernelspec: {name: [x\n# ---\n\n# %%\nx = 1\n", ":3:1: error: unclosed '['"),
        "string.py": (b"# %%\ns = '''\n# %%\nx = 1\n", ":3:1: error: cell marker inside a string literal that never closes"),
        "sql.py": (b"-- Databricks notebook source\nselect 1\n", ":1:1: error: a Databricks SQL source notebook"),
        "bad_encoding.py": (b"# -*- coding: latin-1 -*-\n# %%\nx\n", ":1:1: error: encodings other than utf-8"),
    }
    for name, (content, message) in cases.items():
        path = os.path.join(tmp, name)
        open(path, "wb").write(content)
        target = path[:-3] + ".ipynb"
        r = run(["convert", "--to", "ipynb", path])
        suite.equal(r.returncode, 2, f"{name}: exit 2")
        line = r.stderr.decode()
        suite.check(line.startswith(path + message) and line.count("\n") == 1, f"{name}: one located line, got {line!r}")
        suite.check(not os.path.exists(target), f"{name}: nothing written")
        suite.equal(open(path, "rb").read(), content, f"{name}: input untouched")
    r = run(["convert", "--to", "percent", os.path.join(FIXTURES, "convert", "features.expected.py")])
    suite.equal(r.returncode, 2, "--to percent on a .py: exit 2")
    r = run(["convert", "--to", "latex", FEATURES])
    suite.equal(r.returncode, 2, "unknown --to: exit 2")

suite.finish()
