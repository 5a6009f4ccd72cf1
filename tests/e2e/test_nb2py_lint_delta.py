"""The lint findings nb2py's generated modules add to their notebooks', on the real corpus.

Every notebook of ../shared/corpus/notebooks is converted on its own (nb2py NOTEBOOK --package
corpus_pkg --out DIR); `nbloop lint --isolated` with the default rules runs on the converted
notebooks and on the generated package files (modules and __init__.py; tests/ are checked by
the golden tests). For each notebook and rule code, the generator-introduced findings are the
generated files' count beyond the notebook's own.

tests/e2e/nb2py_lint_allowed.txt lists the ones that remain, `NOTEBOOK CODE COUNT`, each kind
explained in its header: the test fails on any notebook/code whose count differs from the list
(a new finding, or one fixed: lower the count), so the list only ever shrinks on purpose.
NBLOOP_UPDATE_GOLDEN=1 rewrites the list's entries (review the diff). Prints the totals per
code, the figure docs/convert.md quotes. Skips (exit 77) when the corpus is absent."""
import collections
import concurrent.futures
import json
import os
import subprocess

from harness import BIN, Suite, corpus_notebooks, run, scratch

suite = Suite("nb2py-lint-delta")
NB2PY = os.path.join(os.path.dirname(BIN), "nb2py")
ALLOWED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "nb2py_lint_allowed.txt")
notebooks = corpus_notebooks()

header, allowed = [], {}
for line in open(ALLOWED, encoding="utf-8"):
    fields = line.split("#", 1)[0].split()
    if len(fields) == 3:
        allowed[(fields[0], fields[1])] = int(fields[2])
    elif line.startswith("#") or not line.strip():
        if not allowed:
            header.append(line)
    else:
        suite.check(False, f"{ALLOWED}: malformed line {line!r}")


def lint(paths):
    findings = []
    for i in range(0, len(paths), 200):
        r = run(["lint", "--isolated", "--output-format", "json", "--exit-zero"] + paths[i:i + 200])
        suite.equal(r.returncode, 0, f"nbloop lint ran ({r.stderr.decode()[:300]})")
        findings += json.loads(r.stdout or b"[]")
    return findings


with scratch() as tmp:
    def convert(i_path):
        i, path = i_path
        out = os.path.join(tmp, f"{i:03d}")
        return path, out, run([path, "--package", "corpus_pkg", "--out", out], binary=NB2PY, cwd=tmp)

    converted = []
    for path, out, r in concurrent.futures.ThreadPoolExecutor(max_workers=2).map(convert, enumerate(notebooks)):
        if r.returncode == 0:
            converted.append((path, out))
    owner = {}
    for path, out in converted:
        for d, dirs, files in os.walk(out):
            dirs[:] = [x for x in dirs if x != "tests"]
            owner.update({os.path.join(d, f): path for f in files if f.endswith(".py")})
    before = collections.defaultdict(collections.Counter)
    for f in lint([p for p, _ in converted]):
        before[f["path"]][f["code"]] += 1
    after = collections.defaultdict(collections.Counter)
    for f in lint(sorted(owner)):
        after[owner[f["path"]]][f["code"]] += 1

added = {}
for path, _ in converted:
    for code, n in after[path].items():
        if n > before[path][code]:
            added[(os.path.basename(path), code)] = n - before[path][code]
totals = collections.Counter()
for (_, code), n in added.items():
    totals[code] += n
suite.check(len(converted) > 150, f"most corpus notebooks convert ({len(converted)} of {len(notebooks)})")
print(f"{len(converted)} converted corpus notebooks; generator-introduced findings per rule (default rules): "
      + (" ".join(f"{c} +{n}" for c, n in sorted(totals.items())) or "none"))

if os.environ.get("NBLOOP_UPDATE_GOLDEN"):
    with open(ALLOWED, "w", encoding="utf-8") as f:
        f.writelines(header)
        for (name, code), n in sorted(added.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            f.write(f"{name} {code} {n}\n")
    print(f"rewrote {ALLOWED} ({len(added)} entries)")
else:
    for key in sorted(set(added) | set(allowed)):
        have, listed = added.get(key, 0), allowed.get(key, 0)
        if have > listed:
            suite.check(False, f"{key[0]}: {have - listed} new {key[1]} finding(s) in the generated code "
                               f"({have} beyond the notebook's, {listed} allowed in {os.path.basename(ALLOWED)})")
        elif have < listed:
            suite.check(False, f"{key[0]}: {key[1]} down to {have} from {listed}: fixed, lower its count in "
                               f"{os.path.basename(ALLOWED)}")
        else:
            suite.check(True, "")

suite.finish()
