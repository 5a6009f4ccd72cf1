"""nbloop strip against nbstripout 0.9.1's own output on all 252 corpus notebooks.

--stdout equals expected/nbstripout-keep-id byte for byte, --renumber-ids equals
expected/nbstripout-default; strip is idempotent; in place over a folder rewrites exactly the
files that change (atomically, mode kept) and a second run touches nothing.
"""
import os
import shutil

from harness import Suite, corpus_dir, corpus_notebooks, run, scratch

suite = Suite("strip-corpus")
corpus = corpus_dir()
notebooks = corpus_notebooks()
suite.equal(len(notebooks), 252, "corpus notebook count")

for mode, expected_dir in (([], "nbstripout-keep-id"), (["--renumber-ids"], "nbstripout-default")):
    same = 0
    for path in notebooks:
        name = os.path.basename(path)
        with open(os.path.join(corpus, "expected", expected_dir, name), "rb") as f:
            expected = f.read()
        r = run(["strip", "--stdout"] + mode + [path])
        ok = r.returncode == 0 and r.stdout == expected
        same += ok
        suite.check(ok, f"{expected_dir}: {name} differs (exit {r.returncode}, {r.stderr.decode(errors='replace').strip()})")
        if expected_dir == "nbstripout-keep-id":
            # Idempotent: stripping the stripped notebook (through stdin) changes nothing.
            again = run(["strip"] + mode, input=expected)
            suite.check(again.returncode == 0 and again.stdout == expected, f"not idempotent: {name}")
    print(f"{expected_dir}: {same}/{len(notebooks)} byte-identical")

# In place over a folder (the walk), atomic, mode kept, untouched files keep their mtime.
with scratch() as tmp:
    work = os.path.join(tmp, "nbs")
    shutil.copytree(os.path.join(corpus, "notebooks"), work)
    for name in os.listdir(work):
        os.chmod(os.path.join(work, name), 0o640)
    os.makedirs(os.path.join(work, ".ipynb_checkpoints"))
    shutil.copy(notebooks[0], os.path.join(work, ".ipynb_checkpoints", "skipped.ipynb"))
    checkpoint_before = open(os.path.join(work, ".ipynb_checkpoints", "skipped.ipynb"), "rb").read()
    r = run(["strip", work])
    suite.equal(r.returncode, 0, f"in-place strip exit ({r.stderr.decode(errors='replace')[:300]})")
    mtimes = {}
    for path in notebooks:
        name = os.path.basename(path)
        target = os.path.join(work, name)
        with open(target, "rb") as f:
            got = f.read()
        with open(os.path.join(corpus, "expected", "nbstripout-keep-id", name), "rb") as f:
            suite.check(got == f.read(), f"in place: {name} differs from nbstripout --keep-id")
        suite.equal(os.stat(target).st_mode & 0o777, 0o640, f"mode kept for {name}")
        mtimes[name] = os.stat(target).st_mtime_ns
    suite.equal(open(os.path.join(work, ".ipynb_checkpoints", "skipped.ipynb"), "rb").read(), checkpoint_before,
                ".ipynb_checkpoints is skipped")
    leftovers = [n for n in os.listdir(work) if n.endswith(".tmp")]
    suite.equal(leftovers, [], "no temp files left behind")
    r = run(["strip", work])
    suite.equal(r.returncode, 0, "second in-place run exit")
    changed = [n for n in mtimes if os.stat(os.path.join(work, n)).st_mtime_ns != mtimes[n]]
    suite.equal(changed, [], "second run rewrites nothing (mtimes unchanged)")
    r = run(["strip", "--verify", work])
    suite.equal((r.returncode, r.stdout), (0, b""), "--verify on stripped notebooks: exit 0, nothing listed")

suite.finish()
