"""nbloop strip options, one by one, on fixtures/strip (semantic checks on the output JSON),
plus [tool.nbloop.strip] in pyproject.toml, --dry-run/--verify, stdin mode and file selection."""
import json
import os
import shutil

from harness import FIXTURES, Suite, run, scratch

suite = Suite("strip-options")
OPTIONS = os.path.join(FIXTURES, "strip", "options.ipynb")


def strip(args, path=OPTIONS, cwd=None):
    r = run(["strip", "--stdout"] + args + [path], cwd=cwd)
    if not suite.check(r.returncode == 0, f"strip {args} failed: {r.stderr.decode(errors='replace')}"):
        return None
    return json.loads(r.stdout)


def cell(nb, cell_id):
    return next((c for c in nb["cells"] if c.get("id") == cell_id), None)


def outputs(nb, cell_id):
    return cell(nb, cell_id).get("outputs")


# Default: all outputs and counts gone, except cells that ask to keep theirs.
nb = strip([])
suite.equal(outputs(nb, "plain"), [], "default strips outputs")
suite.equal(cell(nb, "plain")["execution_count"], None, "execution_count becomes null (not deleted)")
suite.equal(sorted(cell(nb, "plain")["metadata"]), ["custom_cell"], "default metadata keys removed")
suite.equal(len(outputs(nb, "tagkeep")), 1, "keep_output tag keeps outputs")
suite.equal(len(outputs(nb, "metakeep")), 1, "keep_output metadata keeps outputs")
suite.equal(len(outputs(nb, "init")), 1, "init_cell keeps outputs")
suite.equal(cell(nb, "tagkeep")["execution_count"], None, "kept cell still loses its count")
suite.check("widgets" not in nb["metadata"] and "signature" not in nb["metadata"], "notebook widgets/signature removed")
suite.equal([c["id"] for c in nb["cells"]][:3], ["plain", "tagkeep", "metakeep"], "ids kept by default")

nb = strip(["--renumber-ids"])
suite.equal([c["id"] for c in nb["cells"]], [str(i) for i in range(len(nb["cells"]))], "--renumber-ids gives 0..n-1")

nb = strip(["--keep-output"])
suite.equal(len(outputs(nb, "plain")), 1, "--keep-output keeps outputs")
suite.equal(outputs(nb, "big")[0]["execution_count"], None, "--keep-output nulls counts inside outputs")

nb = strip(["--keep-count"])
suite.equal(cell(nb, "plain")["execution_count"], 1, "--keep-count keeps counts")
nb = strip(["--keep-output", "--keep-count"])
suite.equal(outputs(nb, "big")[0]["execution_count"], 7, "--keep-output --keep-count keeps output counts")

nb = strip(["--strip-init-cells"])
suite.equal(outputs(nb, "init"), [], "--strip-init-cells")

nb = strip(["--extra-keys", "metadata.custom.drop cell.metadata.custom_cell.a"])
suite.equal(nb["metadata"]["custom"], {"keep": 2}, "--extra-keys nested notebook key")
suite.equal(cell(nb, "plain")["metadata"]["custom_cell"], {"c": 3}, "--extra-keys nested cell key")

nb = strip(["--keep-metadata-keys", "cell.metadata.scrolled metadata.widgets"])
suite.equal(cell(nb, "plain")["metadata"].get("scrolled"), True, "--keep-metadata-keys keeps a cell key")
suite.check("widgets" in nb["metadata"], "--keep-metadata-keys keeps a notebook key")

nb = strip(["--drop-empty-cells"])
ids = [c["id"] for c in nb["cells"]]
suite.check("blank" not in ids and "blankmd" not in ids, "--drop-empty-cells drops whitespace-only cells")
suite.check("plain" in ids, "--drop-empty-cells keeps others")

# Every tag given counts (nbstripout applies only the last one, a late-binding bug).
nb = strip(["--drop-tagged-cells", "scratch debug"])
ids = [c["id"] for c in nb["cells"]]
suite.check("dropa" not in ids and "dropb" not in ids, f"--drop-tagged-cells drops every tag given: {ids}")
nb = strip(["--drop-tagged-cells", "scratch", "--drop-tagged-cells", "debug"])
ids = [c["id"] for c in nb["cells"]]
suite.check("dropa" not in ids and "dropb" not in ids, "--drop-tagged-cells repeated")

nb = strip(["--max-size", "50"])
suite.equal(len(outputs(nb, "streams")), 2, "--max-size keeps small outputs")
suite.equal(outputs(nb, "big"), [], "--max-size drops large outputs")
nb = strip(["--max-size", "1k"])
suite.equal(len(outputs(nb, "big")), 1, "--max-size 1k keeps the 100-char output")

nb = strip(["--keep-output-type", "stream:stderr"])
suite.equal([o.get("name") for o in outputs(nb, "streams")], ["stderr"], "--keep-output-type TYPE:name")
nb = strip(["--keep-output", "--drop-output-type", "stream:stderr"])
suite.equal([o.get("name") for o in outputs(nb, "streams")], ["stdout"], "--drop-output-type TYPE:name")
nb = strip(["--keep-output", "--drop-output-type", "execute_result"])
suite.equal([o["output_type"] for o in outputs(nb, "progress")], ["stream"], "--drop-output-type TYPE")

nb = strip(["--keep-output", "--strip-regex", "tqdm"])
suite.equal([o["output_type"] for o in outputs(nb, "progress")], ["stream"], "--strip-regex drops matching text/plain")
suite.equal(len(outputs(nb, "plain")), 1, "--strip-regex keeps others")

nb = strip([], path=os.path.join(FIXTURES, "strip", "notebook_keep_output.ipynb"))
suite.equal(len(nb["cells"][0]["outputs"]), 1, "notebook metadata keep_output: true keeps outputs")

r = run(["strip", "--stdout", os.path.join(FIXTURES, "strip", "contradiction.ipynb")])
suite.equal(r.returncode, 2, "contradicting keep_output metadata and tag: exit 2")
suite.check(b"cell 1: cell metadata contradicts tags" in r.stderr, f"contradiction message: {r.stderr!r}")

# nbformat 3: prompt_number nulled, outputs removed, non-ASCII written as \\u escapes.
r = run(["strip", "--stdout", os.path.join(FIXTURES, "strip", "nbformat3.ipynb")])
suite.equal(r.returncode, 0, "nbformat 3 strip")
v3 = json.loads(r.stdout)
code = [c for c in v3["worksheets"][0]["cells"] if c["cell_type"] == "code"]
suite.check(all(c["outputs"] == [] and c["prompt_number"] is None for c in code), "v3 outputs and prompt numbers")
suite.check(b"caf\\u00e9" in r.stdout, "v3 is written with ensure_ascii like nbformat's v3 writer")

# stdin -> stdout, and the stripped result is itself a fixed point.
with open(OPTIONS, "rb") as f:
    data = f.read()
r = run(["strip"], input=data)
suite.equal(r.returncode, 0, "stdin mode")
suite.equal(run(["strip"], input=r.stdout).stdout, r.stdout, "stdin mode is idempotent")

with scratch() as tmp:
    # pyproject.toml configuration; the command line wins.
    with open(os.path.join(tmp, "pyproject.toml"), "w") as f:
        f.write('[tool.nbloop.strip]\nkeep-count = true\ndrop-tagged-cells = ["scratch"]\nkeep-id = false\n')
    os.makedirs(os.path.join(tmp, "sub"))
    nb = strip([], cwd=os.path.join(tmp, "sub"))
    suite.equal(cell(nb, "plain") if cell(nb, "plain") else None, None, "keep-id = false in config renumbers ids")
    suite.equal(nb["cells"][0]["execution_count"], 1, "config keep-count from the nearest pyproject.toml")
    suite.equal(len(nb["cells"]), 10, "config drop-tagged-cells")
    nb = strip(["--keep-id"], cwd=tmp)
    suite.equal(nb["cells"][0]["id"], "plain", "--keep-id on the command line wins over the config")
    with open(os.path.join(tmp, "pyproject.toml"), "w") as f:
        f.write('[tool.nbloop.strip]\nkeep-cont = true\n')
    r = run(["strip", "--stdout", OPTIONS], cwd=tmp)
    suite.equal(r.returncode, 2, "unknown config key is an error")
    suite.equal(r.stderr.decode(), f"{os.path.realpath(tmp)}/pyproject.toml:2:1: error: tool.nbloop.strip.keep-cont: unknown setting\n",
                "unknown config key message")
    os.remove(os.path.join(tmp, "pyproject.toml"))

    # --dry-run and --verify list what would change and write nothing.
    a = os.path.join(tmp, "a.ipynb")
    b = os.path.join(tmp, "b.ipynb")
    shutil.copy(OPTIONS, a)
    b_bytes = run(["strip", "--stdout", OPTIONS]).stdout
    with open(b, "wb") as f:
        f.write(b_bytes)
    before = os.stat(a).st_mtime_ns
    r = run(["strip", "--dry-run", a, b])
    suite.equal((r.returncode, r.stdout.decode()), (0, f"Dry run: would have stripped {a}\n"), "--dry-run lists only changes")
    r = run(["strip", "--verify", a, b])
    suite.equal((r.returncode, r.stdout.decode()), (1, f"Dry run: would have stripped {a}\n"), "--verify exits 1")
    suite.equal(os.stat(a).st_mtime_ns, before, "--dry-run/--verify write nothing")
    r = run(["strip", a, b])
    suite.equal(r.returncode, 0, "in place")
    suite.equal(open(a, "rb").read(), b_bytes, "in place equals --stdout")

    # Only .ipynb unless --force.
    txt = os.path.join(tmp, "notes.json")
    shutil.copy(OPTIONS, txt)
    r = run(["strip", txt])
    suite.check(r.returncode == 0 and b"skipped" in r.stderr and open(txt, "rb").read() == open(OPTIONS, "rb").read(),
                "non-.ipynb skipped with a warning")
    r = run(["strip", "--force", txt])
    suite.equal(open(txt, "rb").read(), b_bytes, "--force strips other extensions")

    # CRLF files keep CRLF unless --unix-newlines.
    crlf = os.path.join(tmp, "crlf.ipynb")
    with open(crlf, "wb") as f:
        f.write(data.replace(b"\n", b"\r\n"))
    r = run(["strip", "--stdout", crlf])
    suite.equal(r.stdout, b_bytes.replace(b"\n", b"\r\n"), "CRLF preserved")
    r = run(["strip", "--stdout", "--unix-newlines", crlf])
    suite.equal(r.stdout, b_bytes, "--unix-newlines")

r = run(["--version"])
suite.check(r.returncode == 0 and b"tree-sitter 0.25.1" in r.stdout and b"tree-sitter-python 0.25.0" in r.stdout,
            f"--version names the grammar: {r.stdout!r}")
nb2py = os.path.join(os.path.dirname(os.environ.get("NBLOOP_BIN", "")) or ".", "nb2py")
suite.check(os.path.exists(nb2py), "nb2py is built next to nbloop")

suite.finish()
