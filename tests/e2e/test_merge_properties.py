"""Properties of nbloop merge over variants of every corpus notebook (generated here).

For each notebook B of ../shared/corpus/notebooks, two edited descendants are made with a
seeded random generator: OURS edits some cells, deletes one and inserts one; THEIRS edits
other cells, inserts one elsewhere and clears every output (as a stripped checkout would).
The edits never touch the same cell, so:
  1. merge(B, OURS, THEIRS) exits 0, parses, and is a valid notebook for nbformat (the
     oracle) whenever B itself is valid; every edit and insertion of both sides is in it,
     and the deleted cell is not;
  2. swapping OURS and THEIRS gives the same cells (as a multiset: same-place insertions
     keep "ours first");
  3. merge(B, X, X) == X, semantically (nbformat's in-memory form), for X = OURS.
A second, conflicting variant (both sides edit the same line of one cell) must exit 1,
stay valid, and hold the markers in exactly that cell.
"""
import json
import os
import random
import sys
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Suite, corpus_notebooks, run, scratch  # noqa: E402

import nbformat  # noqa: E402

warnings.simplefilter("ignore")


def cell_list(nb):
    if nb.get("nbformat", 4) >= 4:
        return nb["cells"]
    return nb["worksheets"][0]["cells"] if nb.get("worksheets") else []


def src_key(nb, cell):
    return "input" if nb.get("nbformat", 4) < 4 and cell.get("cell_type") == "code" else "source"


def text(v):
    return "".join(v) if isinstance(v, list) else (v or "")


def valid(data):
    try:
        nbformat.validate(nbformat.reads(data.decode("utf-8"), as_version=nbformat.NO_CONVERT))
        return True
    except Exception:  # noqa: BLE001
        return False


def semantic(data):
    """nbformat's in-memory form (sources joined, transient keys dropped), as plain data."""
    nb = nbformat.reads(data.decode("utf-8"), as_version=nbformat.NO_CONVERT)
    return json.loads(json.dumps(nb, sort_keys=True))


def dump(nb):
    # Compact (Python's C encoder; indent= would use the slow pure-Python one): the merge
    # must not care about the input's layout anyway.
    return json.dumps(nb, ensure_ascii=False).encode("utf-8")


def new_cell(nb, source, ident):
    c = {"cell_type": "code", "metadata": {}, "source": source}
    if nb.get("nbformat", 4) >= 4:
        c["execution_count"] = None
        c["outputs"] = []
        if nb.get("nbformat_minor", 0) >= 5:
            c["id"] = ident
    else:
        c = {"cell_type": "code", "metadata": {}, "input": source, "language": "python", "outputs": [],
             "collapsed": False}
    return c


def edit_line(nb, cell, line):
    key = src_key(nb, cell)
    old = text(cell.get(key))
    cell[key] = (old + "\n" if old and not old.endswith("\n") else old) + line


def variants(base, rng):
    """OURS and THEIRS with disjoint edits, plus what each side did, or None if too small."""
    cells = cell_list(base)
    editable = [i for i, c in enumerate(cells) if isinstance(c.get(src_key(base, c)), (str, list))]
    if len(editable) < 8:
        return None
    picks = rng.sample(editable, 7)
    ours_edit, theirs_edit, ours_delete = picks[:3], picks[3:6], picks[6]
    ours = json.loads(json.dumps(base))
    theirs = json.loads(json.dumps(base))
    marks = {"ours": [], "theirs": []}
    for i in ours_edit:
        line = f"# ours edit {i}"
        edit_line(ours, cell_list(ours)[i], line)
        marks["ours"].append(line)
    for i in theirs_edit:
        line = f"# theirs edit {i}"
        edit_line(theirs, cell_list(theirs)[i], line)
        marks["theirs"].append(line)
    for c in cell_list(theirs):
        if c.get("cell_type") == "code":
            c["outputs"] = []
            if "execution_count" in c:
                c["execution_count"] = None
            c.pop("prompt_number", None)
    deleted_source = text(cell_list(ours)[ours_delete].get(src_key(ours, cell_list(ours)[ours_delete])))
    oc = cell_list(ours)
    del oc[ours_delete]
    oc.insert(rng.randrange(len(oc) + 1), new_cell(ours, "print('inserted by ours')", "ours-inserted"))
    tc = cell_list(theirs)
    tc.insert(rng.randrange(len(tc) + 1), new_cell(theirs, "print('inserted by theirs')", "theirs-inserted"))
    marks["ours"].append("print('inserted by ours')")
    marks["theirs"].append("print('inserted by theirs')")
    return ours, theirs, marks, deleted_source


def merged_cells(data):
    nb = json.loads(data)
    return sorted((c.get("cell_type"), text(c.get(src_key(nb, c)))) for c in cell_list(nb))


def main():
    s = Suite("merge-properties")
    notebooks = corpus_notebooks()
    tried = 0
    with scratch() as tmp:
        paths = {k: os.path.join(tmp, k + ".ipynb") for k in ("base", "ours", "theirs", "x")}
        for path in notebooks:
            name = os.path.basename(path)
            raw = open(path, "rb").read()
            try:
                base = json.loads(raw)
            except ValueError:
                continue
            if base.get("nbformat") not in (3, 4) or (base.get("nbformat") == 3 and len(base.get("worksheets", [])) != 1):
                continue
            rng = random.Random(name)
            made = variants(base, rng)
            if made is None:
                continue
            tried += 1
            ours, theirs, marks, deleted_source = made
            base_valid = valid(raw)
            with open(paths["base"], "wb") as f:
                f.write(raw)
            ours_bytes = dump(ours)
            theirs_bytes = dump(theirs)

            # 1. A clean merge holding both sides' edits.
            for key, data in (("ours", ours_bytes), ("theirs", theirs_bytes)):
                with open(paths[key], "wb") as f:
                    f.write(data)
            p = run(["merge", paths["base"], paths["ours"], paths["theirs"], "-o", "-"])
            if not s.equal(p.returncode, 0, f"{name}: disjoint edits merge cleanly ({p.stderr.decode()[:300]})"):
                continue
            result = p.stdout
            if base_valid:
                s.check(valid(result), f"{name}: result valid for nbformat")
            nb = json.loads(result)
            all_text = "\n".join(text(c.get(src_key(nb, c))) for c in cell_list(nb))
            missing = [m for side in ("ours", "theirs") for m in marks[side] if m not in all_text]
            s.equal(missing, [], f"{name}: every edit of both sides is in the result")
            if deleted_source.strip() and sum(1 for c in cell_list(base) if text(c.get(src_key(base, c))) == deleted_source) == 1:
                s.check(all(text(c.get(src_key(nb, c))) != deleted_source for c in cell_list(nb)),
                        f"{name}: the deleted cell is gone")
            s.check(all(not c.get("outputs") for c in cell_list(nb) if c.get("cell_type") == "code"),
                    f"{name}: theirs' cleared outputs win over ours' untouched ones")

            # 2. Swapping the sides gives the same cells.
            p2 = run(["merge", paths["base"], paths["theirs"], paths["ours"], "-o", "-"])
            s.equal(p2.returncode, 0, f"{name}: swapped merge is clean")
            s.check(merged_cells(p2.stdout) == merged_cells(result), f"{name}: swapped merge has the same cells")

            # 3. merge(B, X, X) == X.
            with open(paths["x"], "wb") as f:
                f.write(ours_bytes)
            p3 = run(["merge", paths["base"], paths["x"], paths["ours"], "-o", "-"])
            s.equal(p3.returncode, 0, f"{name}: merge(B, X, X) is clean")
            try:
                same = semantic(p3.stdout) == semantic(ours_bytes)
            except Exception as e:  # noqa: BLE001
                same = False
                print(f"  {name}: {e}")
            s.check(same, f"{name}: merge(B, X, X) == X")

            # 4. A real conflict: both sides change the same line of one cell.
            cells = cell_list(base)
            target = next((i for i, c in enumerate(cells) if text(c.get(src_key(base, c))).strip()), None)
            if target is None:
                continue
            co = json.loads(json.dumps(base))
            ct = json.loads(json.dumps(base))
            for side, nbv in (("ours", co), ("theirs", ct)):
                c = cell_list(nbv)[target]
                k = src_key(nbv, c)
                lines = text(c[k]).split("\n")
                lines[0] = f"# changed by {side}"
                c[k] = "\n".join(lines)
            with open(paths["ours"], "wb") as f:
                f.write(dump(co))
            with open(paths["theirs"], "wb") as f:
                f.write(dump(ct))
            p4 = run(["merge", paths["base"], paths["ours"], paths["theirs"], "-o", "-"])
            s.equal(p4.returncode, 1, f"{name}: same-line edits conflict")
            if p4.returncode == 1:
                if base_valid:
                    s.check(valid(p4.stdout), f"{name}: conflicted result valid for nbformat")
                nb4 = json.loads(p4.stdout)
                holders = [i for i, c in enumerate(cell_list(nb4)) if "<<<<<<< ours\n" in text(c.get(src_key(nb4, c)))]
                s.equal(holders, [target], f"{name}: markers in exactly the edited cell")
    s.check(tried >= 150, f"enough corpus notebooks exercised: {tried}")
    print(f"notebooks exercised: {tried}")
    s.finish()


if __name__ == "__main__":
    main()
