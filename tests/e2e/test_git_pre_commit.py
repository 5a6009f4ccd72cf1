"""The hooks of .pre-commit-hooks.yaml, run for real by Debian's `pre-commit` in a scratch
repository that takes them from a local `repo:` path (a git repository holding this
checkout's hook file). Skips, saying so, when pre-commit is not installed."""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import SKIP, SOURCE_DIR, Suite, corpus_notebooks, run, scratch  # noqa: E402
from git_helpers import GitSandbox, read, write  # noqa: E402

if shutil.which("pre-commit") is None:
    print("SKIP: pre-commit is not installed (scripts/setup installs Debian's package)")
    sys.exit(SKIP)

suite = Suite("git-pre-commit")
notebook = next(nb for nb in corpus_notebooks() if run(["strip", "--verify", nb]).returncode == 1)

with scratch() as tmp:
    box = GitSandbox(tmp)
    env = {"PRE_COMMIT_HOME": os.path.join(tmp, "pre-commit-cache"), "PRE_COMMIT_COLOR": "never"}

    def pre_commit(args, cwd):
        return subprocess.run(["pre-commit"] + args, cwd=cwd, env=box.full_env(env),
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)

    hooks = box.new_repo("hooks")
    shutil.copyfile(os.path.join(SOURCE_DIR, ".pre-commit-hooks.yaml"), os.path.join(hooks, ".pre-commit-hooks.yaml"))
    box.git(["add", "."], cwd=hooks)
    box.git(["commit", "-q", "-m", "hooks"], cwd=hooks)
    rev = box.git(["rev-parse", "HEAD"], cwd=hooks).stdout.decode().strip()

    project = box.new_repo("project")
    has_lint = any(line.split()[:1] == ["lint"] for line in run(["--help"]).stdout.decode().splitlines())
    ids = ["nbloop-strip", "nbloop-check"] + (["nbloop-lint"] if has_lint else [])
    write(os.path.join(project, ".pre-commit-config.yaml"),
          f"repos:\n- repo: {hooks}\n  rev: {rev}\n  hooks:\n" + "".join(f"  - id: {i}\n" for i in ids))
    write(os.path.join(project, "mod.py"), "def f(x):\n    return x\n")
    box.git(["add", ".pre-commit-config.yaml", "mod.py"], cwd=project)
    box.git(["commit", "-q", "-m", "config"], cwd=project)
    p = pre_commit(["install"], cwd=project)
    suite.equal(p.returncode, 0, f"pre-commit install: {p.stdout!r}")

    # An unstripped notebook: the commit is refused, and nbloop-strip strips the file.
    shutil.copyfile(notebook, os.path.join(project, "nb.ipynb"))
    box.git(["add", "nb.ipynb"], cwd=project)
    p = box.git(["commit", "-m", "add notebook"], cwd=project, check=False)
    out = (p.stdout + p.stderr).decode(errors="replace")
    suite.check(p.returncode != 0, f"the commit of an unstripped notebook is refused:\n{out}")
    suite.check("nbloop strip" in out and "files were modified by this hook" in out, "nbloop-strip modified the file")
    suite.check("nbloop check" in out and "[not-stripped]" in out and "nb.ipynb:" in out,
                "nbloop-check reports the staged, unstripped bytes")
    suite.equal(read(os.path.join(project, "nb.ipynb")), run(["strip", "--stdout", notebook]).stdout,
                "the work-tree file is now stripped")
    # Staging the stripped file lets the commit through.
    box.git(["add", "nb.ipynb"], cwd=project)
    p = box.git(["commit", "-q", "-m", "add notebook"], cwd=project, check=False)
    out = (p.stdout + p.stderr).decode(errors="replace")
    suite.equal(p.returncode, 0, f"the commit of the stripped notebook passes:\n{out}")
    suite.check("nbloop check" in out and "Passed" in out, "nbloop-check passed in that commit")
    if has_lint:
        suite.check("nbloop lint" in out, "nbloop-lint ran")
    else:
        print("SKIP: `nbloop lint` does not exist in this build; the nbloop-lint hook was not run")
    p = pre_commit(["run", "nbloop-check", "--all-files"], cwd=project)
    suite.equal(p.returncode, 0, f"pre-commit run nbloop-check --all-files: {p.stdout!r}")

suite.finish()
