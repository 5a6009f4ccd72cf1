"""nbloop diff: cell-aware diff of two notebooks or of one against git, JSON output, exit
codes, and --textconv (percent text, outputs summarised, never base64)."""
import json
import os
import subprocess

from harness import FIXTURES, Suite, run, scratch

suite = Suite("diff")
BASE = os.path.join(FIXTURES, "diff", "base.ipynb")
CHANGED = os.path.join(FIXTURES, "diff", "changed.ipynb")

r = run(["diff", BASE, BASE])
suite.equal((r.returncode, r.stdout), (0, b""), "same notebook: exit 0, no output")

r = run(["diff", BASE, CHANGED, "--color", "never"])
suite.equal(r.returncode, 1, "different: exit 1")
text = r.stdout.decode()
for expected in [
    "cell 2 (code): modified\n  @@ -1,2 +1,2 @@\n   import math\n  -x = math.pi\n  +x = math.tau\n",
    "cell 3 (markdown): added\n  +## A new section\n",
    "(code): deleted (numbered as in ",
    "  -print('gone')\n",
    "moved from cell",
    "+ metadata tags: [\"keep\"]\n",
    "  outputs:\n  - stream [stdout, 6 bytes]\n  + display_data [image/png, ",
]:
    suite.check(expected in text, f"text diff contains {expected!r}\n{text}")
suite.check("iVBOR" not in text, "never prints base64")
suite.check("\x1b[" not in text, "--color never: no escapes")
suite.check("\x1b[" in run(["diff", BASE, CHANGED, "--color", "always"]).stdout.decode(), "--color always: escapes")

report = json.loads(run(["diff", BASE, CHANGED, "--output-format", "json"]).stdout)
statuses = sorted(c["status"] for c in report["cells"])
suite.equal(report["different"], True, "json: different")
suite.check({"added", "deleted", "modified", "moved"} <= set(statuses), f"json statuses {statuses}")

tc = run(["diff", "--textconv", CHANGED])
suite.equal(tc.returncode, 0, "--textconv exit 0")
out = tc.stdout.decode()
suite.check("# %% tags=[\"keep\"]" in out, "--textconv writes the percent form")
suite.check("# [output] display_data [image/png, " in out, "--textconv summarises outputs")
suite.check("iVBOR" not in out, "--textconv never prints base64")

r = run(["diff", BASE, os.path.join(FIXTURES, "diff", "missing.ipynb")])
suite.equal(r.returncode, 2, "missing file: exit 2")

with scratch() as tmp:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@e", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@e")
    git = lambda *a: subprocess.run(["git", *a], cwd=tmp, env=env, capture_output=True, check=True)
    git("init", "-q")
    nb = os.path.join(tmp, "nb.ipynb")
    open(nb, "wb").write(open(BASE, "rb").read())
    git("add", "nb.ipynb")
    git("commit", "-q", "-m", "base")
    r = run(["diff", nb], cwd=tmp)
    suite.equal((r.returncode, r.stdout), (0, b""), "PATH unchanged against git: exit 0")
    open(nb, "wb").write(open(CHANGED, "rb").read())
    r = run(["diff", nb, "--color", "never"], cwd=tmp)
    suite.equal(r.returncode, 1, "PATH changed against git: exit 1")
    suite.check(b"--- index:nb.ipynb" in r.stdout and b"+x = math.tau" in r.stdout, "PATH diff names the index side")
    r = run(["diff", os.path.join(tmp, "untracked.ipynb")], cwd=tmp)
    suite.equal(r.returncode, 2, "untracked/missing PATH: exit 2")

suite.finish()
