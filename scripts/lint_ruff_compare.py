#!/usr/bin/env python3
"""Development oracle (docs/lint.md): compares nbloop on the corpus notebooks' code cells with
ruff-wasm 0.17.4 on the same cells concatenated (IPython lines replaced by `0`), mapping ruff's
lines back to cell:line. Needs `npm install @astral-sh/ruff-wasm-nodejs@0.17.4` in RUFF_WASM_DIR
(default /tmp/ruffwasm) and a built nbloop (NBLOOP_BIN). Usage: scripts/lint_ruff_compare.py [CODE]
prints counts, and with CODE the differing findings of that code."""
import collections
import json
import os
import re
import subprocess
import sys
import tempfile
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(os.environ.get("NBLOOP_CORPUS") or os.path.join(ROOT, "..", "shared", "corpus"), "notebooks")
NBLOOP = os.environ.get("NBLOOP_BIN") or os.path.join(ROOT, "build", "release", "src", "cli", "nbloop")
RUFF_DIR = os.environ.get("RUFF_WASM_DIR", "/tmp/ruffwasm")
WORK = tempfile.mkdtemp(prefix="nbloop-ruffcmp-")
CODES = {"E401","E711","E712","E721","E722","E731","E741","E999","F401","F403","F405","F541","F601","F602","F632","F811","F821","F841","B006"}
AUTOMAGIC = {"cd","pip","conda","ls","run","time","timeit","pycat","load_ext","matplotlib","prun","env","mkdir","rm","cp","mv","cat","pwd"}
def mask(line):
    s = line.lstrip(); ind = line[:len(line)-len(s)]
    if s.startswith(("%", "!", "?")) or (s.rstrip().endswith("?") and re.match(r"^[\w.\[\]()*]+\?+$", s.rstrip())):
        return ind + "0"
    m = re.match(r"^([\w., ]+=\s*)[!%]", s)
    if m: return ind + m.group(1) + "0"
    w = s.split(" ", 1)
    if len(w) == 2 and w[0] in AUTOMAGIC and w[1][:1] and w[1][0] not in "=([,:+*/%<>|" : return ind + "0"
    return line
src_files = sorted(f for f in os.listdir(CORPUS) if f.endswith(".ipynb"))
ruff_input = {}
for f in src_files:
    nb = json.load(open(os.path.join(CORPUS, f)))
    cells = nb["cells"] if "cells" in nb else [c for ws in nb.get("worksheets", []) for c in ws["cells"]]
    lang = (nb.get("metadata", {}).get("kernelspec", {}) or {}).get("language") or (nb.get("metadata", {}).get("language_info", {}) or {}).get("name") or "python"
    if not lang.lower().startswith("python"): continue
    lines, mapping = [], []
    for i, c in enumerate(cells, 1):
        if c["cell_type"] != "code": continue
        s = c.get("source", c.get("input", ""))
        s = "".join(s) if isinstance(s, list) else s
        if s.lstrip().startswith("%%"):
            first = s.split("\n",1)[0].strip()[2:].split()[0] if s.strip() else ""
            if first not in ("time","timeit","capture","prun","debug","memit"): continue
        cl = s.split("\n")
        inside = False
        for j, l in enumerate(cl, 1):
            if l.count('"""') % 2 == 1 or l.count("'''") % 2 == 1: inside = not inside
            lines.append(l if inside else mask(l)); mapping.append((i, j))
    ruff_input[f] = ("\n".join(lines) + "\n", mapping)
os.makedirs(os.path.join(WORK, "src"), exist_ok=True)
with open(os.path.join(RUFF_DIR, "ruff_check.js"), "w") as js:
    js.write("const {Workspace, PositionEncoding} = require('@astral-sh/ruff-wasm-nodejs');\n"
             "const fs = require('fs');\n"
             "const ws = new Workspace({lint: {select: process.argv[2].split(',')}}, PositionEncoding.Utf32);\n"
             "for (const f of process.argv.slice(3)) { for (const d of ws.check(fs.readFileSync(f, 'utf8'))) {\n"
             "  console.log(`${f}:${d.start_location.row}:${d.start_location.column}: ${d.code} ${d.message}`); } }\n")
paths = []
for f, (text, mapping) in ruff_input.items():
    p = os.path.join(WORK, "src", f + ".py"); open(p, "w").write(text); paths.append(p)
out = subprocess.run(["node", os.path.join(RUFF_DIR, "ruff_check.js"), "E4,E7,E9,F,B006"] + paths, capture_output=True, text=True, cwd=RUFF_DIR).stdout
ruff = set()
for line in out.splitlines():
    m = re.match(r"^.*/src/(.*)\.py:(\d+):(\d+): (\w+) (.*)$", line)
    if not m: continue
    f, row, col, code, msg = m.group(1), int(m.group(2)), int(m.group(3)), m.group(4), m.group(5)
    if code not in CODES: continue
    cell, l = ruff_input[f][1][row-1]
    ruff.add((f, cell, l, col, code))
ours_json = json.loads(subprocess.run([NBLOOP, "lint", "--isolated", "--output-format", "json", "--select", ",".join(sorted(CODES)), CORPUS], capture_output=True, text=True).stdout)
ours = set()
for d in ours_json:
    ours.add((os.path.basename(d["path"]), d["cell"], d["line"], d["column"], d["code"]))
ours = {o for o in ours if o[0] in ruff_input}
bad = {o[0] for o in ours if o[4] == "E999"} | {m.group(1) for m in re.finditer(r"^.*/src/(.*)\.py:\d+:\d+: (None|undefined|invalid-syntax) ", out, re.M)}
print("notebooks with syntax errors (excluded):", len(bad), "compared:", len(ruff_input) - len(bad))
ours = {o for o in ours if o[0] not in bad}
ruff = {o for o in ruff if o[0] not in bad}
print("ruff", len(ruff), "nbloop", len(ours), "both", len(ruff & ours))
only_r = collections.Counter(x[4] for x in ruff - ours); only_o = collections.Counter(x[4] for x in ours - ruff)
print("only ruff:", dict(only_r)); print("only nbloop:", dict(only_o))
if len(sys.argv) > 1:
    for x in sorted(ruff - ours):
        if x[4] == sys.argv[1]: print("R", x)
    for x in sorted(ours - ruff):
        if x[4] == sys.argv[1]: print("N", x)
