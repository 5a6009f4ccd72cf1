"""`nbloop check` on real repositories: the stripped check over paths, --staged (index bytes)
and --changed-since (only what a branch changed), its four output formats, exit codes, the
lint seam while unconnected, and clear errors where libgit2 1.5.1 cannot go."""
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Suite, corpus_notebooks, run, scratch  # noqa: E402
from git_helpers import GitSandbox, read, write  # noqa: E402

suite = Suite("git-check")
notebooks = corpus_notebooks()


def has_outputs(path):
    return b'"outputs": [\n' in read(path) or b'"prompt_number": ' in read(path)


unstripped = [nb for nb in notebooks if run(["strip", "--verify", nb]).returncode == 1][:5]
stripped_text = run(["strip", "--stdout", unstripped[0]]).stdout

with scratch() as tmp:
    box = GitSandbox(tmp)
    # A repository without nbloop's filter, so unstripped notebooks get committed as they are.
    repo = box.new_repo("repo")
    names = [os.path.basename(nb) for nb in unstripped]
    for nb in unstripped[:3]:
        shutil.copyfile(nb, os.path.join(repo, os.path.basename(nb)))
    write(os.path.join(repo, "clean.ipynb"), stripped_text)
    write(os.path.join(repo, "mod.py"), "x = 1\n")
    box.git(["add", "."], cwd=repo)
    box.git(["commit", "-q", "-m", "base"], cwd=repo)

    # --- paths: the files on disk.
    p = box.nbloop(["check", "--no-lint", names[0], "clean.ipynb"], cwd=repo)
    out = p.stdout.decode()
    suite.equal(p.returncode, 1, f"an unstripped notebook is a finding: {out} {p.stderr!r}")
    suite.check(out.startswith(names[0] + ":") and "[not-stripped]" in out, f"text finding line: {out}")
    suite.check("clean.ipynb" not in out.split("nbloop check:")[0], "the stripped notebook has no finding")
    suite.check("2 file(s) checked (2 notebook(s)), 1 finding(s)" in out, f"summary: {out}")
    p = box.nbloop(["check", "--no-lint", "clean.ipynb", "mod.py"], cwd=repo)
    suite.equal(p.returncode, 0, "clean files exit 0")
    # The lint check runs the lint engine on notebooks and .py files alike.
    write(os.path.join(repo, "lintme.py"), "import os\n")
    p = box.nbloop(["check", "--lint", "--no-stripped", "lintme.py", "mod.py"], cwd=repo)
    suite.equal(p.returncode, 1, f"a lint finding fails the check: {p.stdout!r} {p.stderr!r}")
    suite.check(p.stdout.decode().startswith("lintme.py:1:8: warning: `os` imported but unused [F401]"),
                f"lint finding in check's text output: {p.stdout!r}")
    p = box.nbloop(["check", "--lint", "--no-stripped", "--output-format", "sarif", "lintme.py"], cwd=repo)
    result = json.loads(p.stdout)["runs"][0]["results"][0]
    suite.check(result["ruleId"] == "F401" and result["locations"][0]["physicalLocation"]["region"]["startLine"] == 1,
                f"lint finding in SARIF: {result}")
    os.remove(os.path.join(repo, "lintme.py"))
    # Unresolved merge-conflict markers, in any cell (here a markdown one) or a .py file.
    conflicted = {"cells": [
        {"cell_type": "code", "execution_count": None, "id": "a", "metadata": {}, "outputs": [], "source": ["x = 1\n"]},
        {"cell_type": "markdown", "id": "b", "metadata": {},
         "source": ["# Title\n", "<<<<<<< ours\n", "mine\n", "=======\n", "theirs\n", ">>>>>>> theirs\n"]}],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    text = json.dumps(conflicted, sort_keys=True, indent=1) + "\n"
    write(os.path.join(repo, "conflict.ipynb"), text)
    marker_line = text.splitlines().index('    "<<<<<<< ours\\n",') + 1
    write(os.path.join(repo, "conflict.py"), "a = 1\n<<<<<<< HEAD\nb = 2\n=======\nb = 3\n>>>>>>> other\n")
    p = box.nbloop(["check", "--no-lint", "conflict.ipynb", "conflict.py"], cwd=repo)
    out = p.stdout.decode()
    suite.equal(p.returncode, 1, f"leftover conflict markers fail the check: {out} {p.stderr!r}")
    suite.check(f"conflict.ipynb:{marker_line}:1:cell 2:2:1: error: unresolved merge conflict in cell 2" in out
                or f"conflict.ipynb:cell 2:2:1: error: unresolved merge conflict in cell 2" in out,
                f"marker finding in the markdown cell: {out}")
    suite.check("conflict.py:2:1: error: unresolved merge conflict (remove the markers) [conflict-markers]" in out,
                f"marker finding in the .py file: {out}")
    p = box.nbloop(["check", "--no-lint", "--output-format", "json", "conflict.ipynb"], cwd=repo)
    lines = sorted(f["line"] for f in json.loads(p.stdout) if f["code"] == "conflict-markers")
    suite.equal(lines, [marker_line], "the marker finding points at the .ipynb line of the marker")
    p = box.nbloop(["check", "--no-lint", "--no-markers", "conflict.py"], cwd=repo)
    suite.equal(p.returncode, 0, "--no-markers skips the check")
    os.remove(os.path.join(repo, "conflict.ipynb"))
    os.remove(os.path.join(repo, "conflict.py"))

    # --- --changed-since: only what the branch changed, read from HEAD.
    box.git(["checkout", "-q", "-b", "feature"], cwd=repo)
    shutil.copyfile(unstripped[3], os.path.join(repo, names[3]))  # added, unstripped
    text = read(os.path.join(repo, names[1]))
    write(os.path.join(repo, names[1]), text.replace(b'"cells": [', b'"cells": [', 1) + b"\n")  # modified
    write(os.path.join(repo, "clean2.ipynb"), stripped_text)  # added, stripped
    os.remove(os.path.join(repo, names[2]))  # deleted: nothing to check
    box.git(["add", "-A"], cwd=repo)
    box.git(["commit", "-q", "-m", "feature"], cwd=repo)
    write(os.path.join(repo, "clean2.ipynb"), read(unstripped[4]))  # uncommitted: not seen
    p = box.nbloop(["check", "--no-lint", "--changed-since", "main", "--output-format", "json"], cwd=repo)
    suite.equal(p.returncode, 1, f"changed-since exit code: {p.stderr!r}")
    found = sorted({f["path"] for f in json.loads(p.stdout)})
    suite.equal(found, sorted([names[1], names[3]]), "changed-since reports only the notebooks the branch changed")
    p = box.nbloop(["check", "--no-lint", "--changed-since", "main", names[3]], cwd=repo)
    suite.check("1 file(s) checked" in p.stdout.decode(), f"a path narrows --changed-since: {p.stdout!r}")
    box.git(["checkout", "-q", "--", "clean2.ipynb"], cwd=repo)
    p = box.nbloop(["check", "--no-lint", "--changed-since", "no-such-ref"], cwd=repo)
    suite.equal((p.returncode, p.stderr.decode()), (2, "nbloop: error: unknown revision 'no-such-ref'\n"),
                "unknown ref: one line, exit 2")

    # --- --staged: the index's bytes, not the work tree's.
    write(os.path.join(repo, "staged.ipynb"), read(unstripped[4]))
    box.git(["add", "staged.ipynb"], cwd=repo)
    write(os.path.join(repo, "staged.ipynb"), stripped_text)  # work tree clean, index not
    p = box.nbloop(["check", "--no-lint", "--staged", "--output-format", "github"], cwd=repo)
    lines = p.stdout.decode().splitlines()
    suite.equal(p.returncode, 1, "--staged finds the unstripped staged bytes")
    suite.equal(len(lines), 1, f"exactly one annotation: {lines}")
    suite.check(lines and lines[0].startswith("::error title=nbloop (not-stripped),file=staged.ipynb,line="),
                f"github annotation: {lines}")
    box.git(["add", "staged.ipynb"], cwd=repo)
    p = box.nbloop(["check", "--no-lint", "--staged"], cwd=repo)
    suite.equal(p.returncode, 0, "after staging the stripped bytes, --staged is clean")
    write(os.path.join(repo, "broken.ipynb"), "{\n")
    box.git(["add", "broken.ipynb"], cwd=repo)
    p = box.nbloop(["check", "--no-lint", "--staged"], cwd=repo)
    suite.equal(p.returncode, 2, "an unreadable staged notebook exits 2")
    suite.check(p.stderr.decode().startswith("broken.ipynb:2:1: error:"), f"located error: {p.stderr!r}")
    box.git(["rm", "-q", "--cached", "broken.ipynb"], cwd=repo)

    # --- SARIF: the fields GitHub code scanning requires.
    p = box.nbloop(["check", "--no-lint", names[0], "--output-format", "sarif"], cwd=repo)
    sarif = json.loads(p.stdout)
    run0 = sarif["runs"][0]
    suite.equal((sarif["version"], run0["tool"]["driver"]["name"]), ("2.1.0", "nbloop"), "sarif header")
    rule = run0["tool"]["driver"]["rules"][0]
    suite.check(all(rule[k]["text"] for k in ("shortDescription", "fullDescription", "help")), "rule descriptions")
    result = run0["results"][0]
    region = result["locations"][0]["physicalLocation"]["region"]
    suite.check(result["ruleId"] == "not-stripped" and result["message"]["text"] and region["startLine"] >= 1,
                f"sarif result: {result}")
    line_text = read(os.path.join(repo, names[0]), "r").splitlines()[region["startLine"] - 1]
    suite.check(line_text.strip() != "", f"the region points at a real line of the .ipynb: {line_text!r}")
    p = box.nbloop(["check", "--no-lint", "--output-format", "xml"], cwd=repo)
    suite.equal(p.returncode, 2, "unknown format exits 2")

    # --- outside a repository; repositories libgit2 1.5.1 cannot read.
    outside = os.path.join(tmp, "outside")
    os.makedirs(outside)
    p = box.nbloop(["check", "--no-lint", "--staged"], cwd=outside)
    suite.equal((p.returncode, p.stderr.decode()), (2, "nbloop: error: not inside a git repository\n"), "outside a repo")
    sha = os.path.join(tmp, "sha256")
    box.git(["init", "-q", "--object-format=sha256", sha], cwd=tmp)
    p = box.nbloop(["check", "--no-lint", "--staged"], cwd=sha)
    suite.check(p.returncode == 2 and b"SHA-256 object names" in p.stderr and p.stderr.count(b"\n") == 1,
                f"SHA-256 repository: {p.stderr!r}")
    split = box.new_repo("split")
    write(os.path.join(split, "a.ipynb"), stripped_text)
    box.git(["add", "a.ipynb"], cwd=split)
    box.git(["update-index", "--split-index"], cwd=split)
    p = box.nbloop(["check", "--no-lint", "--staged"], cwd=split)
    suite.check(p.returncode == 2 and b"split index" in p.stderr and b"git update-index --no-split-index" in p.stderr,
                f"split index: {p.stderr!r}")
    box.git(["update-index", "--no-split-index"], cwd=split)
    p = box.nbloop(["check", "--no-lint", "--staged"], cwd=split)
    suite.equal(p.returncode, 0, "after --no-split-index the same repository works")
    sparse = box.new_repo("sparse")
    write(os.path.join(sparse, "a", "a.ipynb"), stripped_text)
    write(os.path.join(sparse, "b", "b.ipynb"), stripped_text)
    box.git(["add", "."], cwd=sparse)
    box.git(["commit", "-q", "-m", "base"], cwd=sparse)
    box.git(["sparse-checkout", "init", "--cone", "--sparse-index"], cwd=sparse)
    box.git(["sparse-checkout", "set", "a"], cwd=sparse)
    p = box.nbloop(["check", "--no-lint", "--staged"], cwd=sparse)
    suite.check(p.returncode == 2 and b"sparse index" in p.stderr and b"--no-sparse-index" in p.stderr,
                f"sparse index: {p.stderr!r}")
    if os.geteuid() == 0:
        foreign = box.new_repo("foreign")
        write(os.path.join(foreign, "a.ipynb"), read(unstripped[0]))
        box.git(["add", "a.ipynb"], cwd=foreign)
        subprocess.run(["chown", "-R", "nobody", foreign], check=True)
        p = box.nbloop(["check", "--no-lint", "--staged"], cwd=foreign)
        suite.check(p.returncode == 2 and b"owned by another user" in p.stderr and b"safe.directory" in p.stderr,
                    f"another user's repository: {p.stderr!r}")
        box.git(["config", "--global", "--add", "safe.directory", "*"], cwd=tmp)
        p = box.nbloop(["check", "--no-lint", "--staged"], cwd=foreign)
        suite.equal(p.returncode, 1, f"safe.directory=* is honoured as git does: {p.stderr!r}")
    else:
        print("SKIP: not root, cannot make a repository owned by another user")

suite.finish()
