"""nbloop merge as git's merge driver, in scratch repositories with real git.

The driver is configured by hand (`git config merge.nbloop.driver "nbloop merge %O %A %B %L
%P"` plus a `.gitattributes` line), as `nbloop init` will. Checks: disjoint edits on two
branches merge and commit without help; same-line edits stop the merge with a valid
conflicted notebook (markers sized by the `conflict-marker-size` attribute, the path named
on stderr); removing the markers by hand and committing completes the merge; a broken
notebook on one branch makes the driver fail (exit 2) without touching the work tree copy;
and the same merges in a repository set up by `nbloop init`.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import BIN, FIXTURES, Suite, scratch  # noqa: E402

import nbformat  # noqa: E402

CASES = os.path.join(FIXTURES, "merge")


def git(repo, *args, check=True):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.com", GIT_CONFIG_NOSYSTEM="1", HOME=repo, GIT_EDITOR="true")
    p = subprocess.run(["git", "-C", repo] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    if check and p.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)} failed: {p.stderr.decode()}")
    return p


def valid(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            nbformat.validate(nbformat.read(path, as_version=nbformat.NO_CONVERT))
            return True
        except Exception as e:  # noqa: BLE001
            print(f"  invalid: {e}")
            return False


def sources(path):
    nb = json.load(open(path, encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"]]


def make_repo(root, name, attributes):
    repo = os.path.join(root, name)
    os.makedirs(repo)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "merge.nbloop.name", "nbloop notebook merge")
    git(repo, "config", "merge.nbloop.driver", f"{BIN} merge %O %A %B %L %P")
    with open(os.path.join(repo, ".gitattributes"), "w") as f:
        f.write(attributes)
    return repo


def branch_and_merge(repo, case, nb_path="nb/analysis.ipynb"):
    """Commits the case's base on main, theirs on branch 'feature', ours on main; merges."""
    target = os.path.join(repo, nb_path)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    shutil.copy(os.path.join(CASES, case, "base.ipynb"), target)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "checkout", "-q", "-b", "feature")
    shutil.copy(os.path.join(CASES, case, "theirs.ipynb"), target)
    git(repo, "commit", "-q", "-am", "theirs")
    git(repo, "checkout", "-q", "main")
    shutil.copy(os.path.join(CASES, case, "ours.ipynb"), target)
    git(repo, "commit", "-q", "-am", "ours")
    return git(repo, "merge", "--no-edit", "feature", check=False), target


def main():
    s = Suite("merge-git")
    with scratch() as tmp:
        # Disjoint edits: git merges and commits on its own.
        repo = make_repo(tmp, "clean", "*.ipynb merge=nbloop\n")
        p, target = branch_and_merge(repo, "different-cells")
        s.equal(p.returncode, 0, f"disjoint edits: git merge succeeds ({p.stdout.decode()} {p.stderr.decode()})")
        s.equal(open(target, "rb").read(), open(os.path.join(CASES, "different-cells", "expected.ipynb"), "rb").read(),
                "disjoint edits: the committed notebook is the driver's merge")
        s.equal(git(repo, "status", "--porcelain").stdout, b"", "disjoint edits: clean work tree")
        s.check(b"Merge" in git(repo, "log", "-1", "--format=%s").stdout, "disjoint edits: merge commit made")
        s.check(valid(target), "disjoint edits: valid notebook")

        # Same-line edits: the merge stops; the notebook is valid and holds 9-char markers.
        repo = make_repo(tmp, "conflict", "*.ipynb merge=nbloop conflict-marker-size=9\n")
        p, target = branch_and_merge(repo, "same-line")
        s.equal(p.returncode, 1, "same-line edits: git merge stops")
        s.check(b"CONFLICT" in p.stdout, f"git reports the conflict: {p.stdout!r}")
        s.check(b"nb/analysis.ipynb:cell 3: conflict: " in p.stderr + p.stdout,
                f"the driver names the path (%P) and cell: {p.stderr!r}")
        s.check(valid(target), "conflicted notebook is valid")
        src = sources(target)[2]
        s.check(re.search(r"^<{9} ours\n", src, re.M) and re.search(r"^={9}\n", src, re.M) and re.search(r"^>{9} theirs\n", src, re.M),
                f"markers of conflict-marker-size 9: {src!r}")
        s.check(b"UU nb/analysis.ipynb" in git(repo, "status", "--porcelain").stdout, "path is unmerged")

        # Resolve by hand: keep our line, drop the markers, commit.
        nb = json.load(open(target, encoding="utf-8"))
        cell = nb["cells"][2]
        lines = "".join(cell["source"]).split("\n")
        out, skip = [], False
        for line in lines:
            if line.startswith("<" * 9):
                continue
            if line == "=" * 9:
                skip = True
                continue
            if line.startswith(">" * 9):
                skip = False
                continue
            if not skip:
                out.append(line)
        cell["source"] = "\n".join(out)
        with open(target, "w", encoding="utf-8") as f:
            json.dump(nb, f, indent=1, sort_keys=True, ensure_ascii=False)
            f.write("\n")
        git(repo, "add", "nb/analysis.ipynb")
        p = git(repo, "commit", "-q", "--no-edit", check=False)
        s.equal(p.returncode, 0, f"resolved merge commits: {p.stderr.decode()}")
        s.equal(git(repo, "status", "--porcelain").stdout, b"", "clean after resolving")
        s.equal(sources(target)[2], "df = pd.read_csv('data.csv', sep=';')\ndf = df.dropna()\nprint(df.shape)",
                "our line kept, markers gone")
        s.check(valid(target), "resolved notebook is valid")
        s.equal(len(git(repo, "log", "-1", "--format=%P").stdout.split()), 2, "a two-parent merge commit")

        # Delete vs edit at the cell level, through git.
        repo = make_repo(tmp, "delete", "*.ipynb merge=nbloop\n")
        p, target = branch_and_merge(repo, "delete-vs-edit")
        s.equal(p.returncode, 1, "delete vs edit: git merge stops")
        s.check(valid(target) and sources(target)[-1].startswith("<<<<<<< deleted in ours but edited in theirs"),
                "delete vs edit: marker line in the kept cell")

        # The same through `nbloop init` (filters, textconv and driver as users get them).
        repo = os.path.join(tmp, "init")
        os.makedirs(repo)
        git(repo, "init", "-q", "-b", "main")
        p = subprocess.run([BIN, "init"], cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        s.equal(p.returncode, 0, f"nbloop init: {p.stderr.decode()}")
        s.check(b"merge %O %A %B %L %P" in git(repo, "config", "merge.nbloop.driver").stdout, "init configures the driver")
        p, target = branch_and_merge(repo, "different-cells")
        s.equal(p.returncode, 0, f"after init, disjoint edits merge ({p.stderr.decode()})")
        s.equal(sources(target), sources(os.path.join(CASES, "different-cells", "expected.ipynb")),
                "after init: the driver's merge")
        def set_cell(index, text):
            nb = json.load(open(target, encoding="utf-8"))
            nb["cells"][index]["source"] = text
            with open(target, "w", encoding="utf-8") as f:
                json.dump(nb, f, indent=1, sort_keys=True, ensure_ascii=False)
                f.write("\n")
        git(repo, "checkout", "-q", "-b", "other")
        set_cell(2, "df = load('other')")
        git(repo, "commit", "-q", "-am", "other edit")
        git(repo, "checkout", "-q", "main")
        set_cell(2, "df = load('main')")
        git(repo, "commit", "-q", "-am", "main edit")
        p = git(repo, "merge", "--no-edit", "other", check=False)
        s.equal(p.returncode, 1, "after init, conflicting edits stop the merge")
        s.check(valid(target) and any(x.startswith("<<<<<<< ours\n") for x in sources(target)),
                "after init: valid conflicted notebook with markers")

        # A broken notebook on the other branch: the driver fails with exit 2, git stops,
        # and our copy of the file is what we committed.
        repo = make_repo(tmp, "broken", "*.ipynb merge=nbloop\n")
        target = os.path.join(repo, "nb.ipynb")
        shutil.copy(os.path.join(CASES, "different-cells", "base.ipynb"), target)
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "base")
        git(repo, "checkout", "-q", "-b", "feature")
        with open(target, "w") as f:
            f.write('{"cells": [')
        git(repo, "commit", "-q", "-am", "broken")
        git(repo, "checkout", "-q", "main")
        shutil.copy(os.path.join(CASES, "different-cells", "ours.ipynb"), target)
        git(repo, "commit", "-q", "-am", "ours")
        p = git(repo, "merge", "--no-edit", "feature", check=False)
        s.check(p.returncode != 0, "broken theirs: git merge stops")
        s.check(b": error: " in p.stderr + p.stdout, f"broken theirs: the driver's error shown: {p.stderr!r}")
        s.equal(open(target, "rb").read(), open(os.path.join(CASES, "different-cells", "ours.ipynb"), "rb").read(),
                "broken theirs: our version left as it was")
    s.finish()


if __name__ == "__main__":
    main()
