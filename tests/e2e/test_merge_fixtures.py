"""nbloop merge on the fixture quadruples in fixtures/merge/<case>/.

Each case holds base/ours/theirs.ipynb, `exit` (expected status), optional `args` and
expected.ipynb (golden; NBLOOP_UPDATE_GOLDEN=1 rewrites it). For every case: the exit
status; OURS untouched on bad input (exit 2) with a one-line error; otherwise the result
is valid for nbformat (the oracle), matches the golden file, holds conflict markers exactly
when the exit status is 1, and passes the case's own assertions below.
"""
import json
import os
import re
import shutil
import sys
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import FIXTURES, Suite, run, scratch  # noqa: E402

import nbformat  # noqa: E402  (python3-nbformat, the oracle)

CASES = os.path.join(FIXTURES, "merge")
UPDATE = os.environ.get("NBLOOP_UPDATE_GOLDEN") == "1"
MARKER = re.compile(r"^(<{7,}|>{7,})( |$)", re.M)


def sources(nb):
    return [c["source"] if isinstance(c["source"], str) else "".join(c["source"]) for c in nb["cells"]]


def validate(data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nb = nbformat.reads(data.decode("utf-8"), as_version=nbformat.NO_CONVERT)
        nbformat.validate(nb)
    return nb


# Assertions per case on the merged notebook (a dict from json.loads).
def expect_different_cells(s, nb):
    s.check("import scipy" in sources(nb)[1] and "print(coef)" in sources(nb)[4], "both edits kept")


def expect_different_lines(s, nb):
    s.equal(sources(nb)[3], "def fit(df):\n    x = df[['a', 'b', 'c']]\n    y = df['y']\n    return np.polyfit(x['a'], y, 2)",
            "both line edits merged into one cell")


def expect_same_edit(s, nb):
    s.equal(sources(nb)[2], "df = pd.read_parquet('data.parquet')\ndf = df.dropna()\nprint(df.shape)", "the common edit, once")


def expect_same_line(s, nb):
    src = sources(nb)[2]
    s.check(src.startswith("<<<<<<< ours\ndf = pd.read_csv('data.csv', sep=';')\n=======\ndf = pd.read_csv('data_v2.csv')\n>>>>>>> theirs\n"),
            f"git markers around the conflicting line: {src!r}")
    s.equal(len(nb["cells"]), 5, "no cell added or lost")


def expect_same_line_labels(s, nb):
    src = sources(nb)[2]
    s.check(src.startswith("<<<<<<<<<< HEAD\n") and "\n>>>>>>>>>> feature\n" in src and "\n==========\n" in src,
            f"marker size 10 and labels: {src!r}")


def expect_strategy(side):
    def check(s, nb):
        want = {"ours": "df = pd.read_csv('data.csv', sep=';')\n",
                "theirs": "df = pd.read_csv('data_v2.csv')\n",
                "union": "df = pd.read_csv('data.csv', sep=';')\ndf = pd.read_csv('data_v2.csv')\n"}[side]
        s.equal(sources(nb)[2], want + "df = df.dropna()\nprint(df.shape)", f"strategy {side}")
    return check


def expect_insert_same_place(s, nb):
    s.equal(sources(nb)[3:5], ["df.describe()", "## Model"], "both insertions kept, ours first")
    s.equal(sources(nb)[-1], "# done", "theirs' append kept")
    s.equal(len(nb["cells"]), 8, "cell count")


def expect_insert_identical(s, nb):
    s.equal(sources(nb).count("df.head()"), 1, "an identical insertion appears once")
    s.equal(len(nb["cells"]), 6, "cell count")


def expect_delete_vs_edit(s, nb):
    src = sources(nb)[-1]
    s.check(src.startswith("<<<<<<< deleted in ours but edited in theirs"), f"marker line: {src!r}")
    s.check(src.endswith("print('coefficients:', coef)"), "theirs' edit kept under the marker")


def expect_delete_untouched(s, nb):
    s.equal(len(nb["cells"]), 4, "the untouched cell is deleted")
    s.equal(sources(nb)[-1], "coef = fit(df)\nprint(coef)", "theirs' edit kept")


def expect_reordered(s, nb):
    src = sources(nb)
    s.check(src[-1].startswith("def fit(df, degree=1):"), f"moved cell at its new place with theirs' edit: {src[-1]!r}")
    s.equal(sum(1 for x in src if x.startswith("def fit")), 1, "the moved cell appears once")


def expect_reordered_no_ids(s, nb):
    src = sources(nb)
    s.check(src[-1].startswith("def fit(df):"), "moved cell at its new place")
    s.equal(src[-2], "coef = fit(df)\nprint(coef)", "theirs' edit kept")
    s.equal(len(src), 5, "cell count")


def expect_no_ids(s, nb):
    src = sources(nb)
    s.check("import scipy" in src[1] and src[3] == "df.describe()" and src[4].endswith("y, 3)"), f"all changes: {src!r}")
    s.equal(nb["nbformat_minor"], 4, "minor version kept")
    s.check(all("id" not in c for c in nb["cells"]), "no ids added to a 4.4 notebook")


def expect_ids_on_one_side(s, nb):
    s.equal(nb["nbformat_minor"], 5, "the larger minor version")
    ids = [c.get("id") for c in nb["cells"]]
    s.check(all(ids) and len(set(ids)) == len(ids), f"every cell has a unique id: {ids}")
    s.check(sources(nb)[4].endswith("y, 3)") and sources(nb)[3] == "df.describe()", "both sides' changes")


def expect_metadata(s, nb):
    m = nb["metadata"]
    s.check(m.get("authors") == [{"name": "Ada"}] and m.get("title") == "Model fit", "notebook metadata from both sides")
    s.equal(m["language_info"]["version"], "3.12.1", "the changed side's language_info")
    s.equal(nb["cells"][2]["metadata"].get("tags"), ["parameters"], "ours' cell tags")
    s.equal(nb["cells"][3]["metadata"].get("jupyter"), {"source_hidden": True}, "theirs' cell metadata")


def expect_metadata_conflict(s, nb):
    src = sources(nb)
    s.equal(nb["cells"][0]["cell_type"], "markdown", "a note cell at the top")
    s.check(src[0].startswith("<<<<<<< conflict in notebook metadata.kernelspec.display_name (kept ours; theirs: \"Python (venv)\")"),
            f"notebook metadata conflict named: {src[0]!r}")
    s.check(src[3].startswith("<<<<<<< conflict in metadata.tags (kept ours; theirs: [\"skip\"])\n"), f"cell conflict: {src[3]!r}")
    s.equal(nb["cells"][3]["metadata"]["tags"], ["parameters"], "ours kept")
    s.equal(nb["metadata"]["kernelspec"]["display_name"], "Python 3 (ipykernel)", "ours kept")


def expect_outputs_one_side(s, nb):
    s.equal(nb["cells"][4]["execution_count"], 3, "ours' count kept")
    s.equal(len(nb["cells"][4]["outputs"]), 1, "ours' outputs kept")
    s.check("import scipy" in sources(nb)[1], "theirs' edit")


def expect_outputs_both_sides(s, nb):
    s.equal(nb["cells"][4]["outputs"], [], "outputs changed on both sides are cleared")
    s.equal(nb["cells"][4]["execution_count"], None, "and the count")
    s.equal(len(nb["cells"][2]["outputs"]), 1, "ours' other outputs kept")


def expect_crlf(s, nb):
    s.equal(sources(nb)[3], "def fit(df):\r\n    x = df[['a', 'b', 'c']]\r\n    y = df['y']\r\n    return np.polyfit(x['a'], y, 2)",
            "CRLF sources merged line by line")


def expect_crlf_conflict(s, nb):
    src = sources(nb)[2]
    s.check(src.startswith("<<<<<<< ours\r\ndf = pd.read_csv('a.csv')\r\n=======\r\n"), f"markers keep CRLF: {src!r}")


def expect_add_add(s, nb):
    s.equal(sources(nb), ["x = 1", "y = 2", "z = 3"], "identical first cell once, both second cells")


EXPECT = {
    "different-cells": expect_different_cells,
    "different-lines": expect_different_lines,
    "same-edit": expect_same_edit,
    "same-line": expect_same_line,
    "same-line-labels": expect_same_line_labels,
    "strategy-ours": expect_strategy("ours"),
    "strategy-theirs": expect_strategy("theirs"),
    "strategy-union": expect_strategy("union"),
    "insert-same-place": expect_insert_same_place,
    "insert-identical": expect_insert_identical,
    "delete-vs-edit": expect_delete_vs_edit,
    "delete-untouched": expect_delete_untouched,
    "reordered": expect_reordered,
    "reordered-no-ids": expect_reordered_no_ids,
    "no-ids": expect_no_ids,
    "ids-on-one-side": expect_ids_on_one_side,
    "metadata": expect_metadata,
    "metadata-conflict": expect_metadata_conflict,
    "outputs-one-side": expect_outputs_one_side,
    "outputs-both-sides": expect_outputs_both_sides,
    "crlf": expect_crlf,
    "crlf-conflict": expect_crlf_conflict,
    "add-add": expect_add_add,
}


def main():
    s = Suite("merge-fixtures")
    cases = sorted(d for d in os.listdir(CASES) if os.path.isdir(os.path.join(CASES, d)))
    s.check(len(cases) >= 20, f"fixture cases found: {len(cases)}")
    with scratch() as tmp:
        for case in cases:
            src = os.path.join(CASES, case)
            work = os.path.join(tmp, case)
            os.makedirs(work)
            for name in ("base", "ours", "theirs"):
                shutil.copy(os.path.join(src, name + ".ipynb"), work)
            want_exit = int(open(os.path.join(src, "exit")).read())
            args_path = os.path.join(src, "args")
            extra = open(args_path).read().split("\n")[:-1] if os.path.exists(args_path) else []
            ours_path = os.path.join(work, "ours.ipynb")
            before = open(ours_path, "rb").read()
            p = run(["merge", "base.ipynb", "ours.ipynb", "theirs.ipynb"] + extra, cwd=work)
            if not s.equal(p.returncode, want_exit, f"{case}: exit status (stderr: {p.stderr.decode()!r})"):
                continue
            after = open(ours_path, "rb").read()
            if want_exit == 2:
                s.equal(after, before, f"{case}: OURS untouched on bad input")
                lines = p.stderr.decode().splitlines()
                s.check(len(lines) == 1 and re.match(r"^[\w.-]+\.ipynb(:\d+:\d+)?: error: ", lines[0]) is not None,
                        f"{case}: one located error line: {lines}")
                s.equal(sorted(os.listdir(work)), ["base.ipynb", "ours.ipynb", "theirs.ipynb"], f"{case}: no temp file left")
                continue
            try:
                validate(after)
                valid = True
            except Exception as e:  # noqa: BLE001 - report any oracle failure
                valid = False
                s.check(False, f"{case}: result is not a valid notebook: {e}")
            if not valid:
                continue
            s.check(True, f"{case}: valid")
            nb = json.loads(after)
            has_markers = any(MARKER.search(x) for x in sources(nb))
            s.equal(has_markers, want_exit == 1, f"{case}: conflict markers present exactly when exit is 1")
            if want_exit == 1:
                s.check(b": conflict: " in p.stderr, f"{case}: conflicts reported on stderr")
            golden = os.path.join(src, "expected.ipynb")
            if UPDATE:
                with open(golden, "wb") as f:
                    f.write(after)
            elif s.check(os.path.exists(golden), f"{case}: golden file exists"):
                s.equal(after, open(golden, "rb").read(), f"{case}: matches expected.ipynb")
            check = EXPECT.get(case)
            if s.check(check is not None, f"{case}: has its own assertions"):
                check(s, nb)
            # Re-merging the result with itself over the base changes nothing.
            if want_exit == 0:
                shutil.copy(ours_path, os.path.join(work, "again.ipynb"))
                p2 = run(["merge", "base.ipynb", "again.ipynb", "ours.ipynb", "-o", "-"], cwd=work)
                s.equal((p2.returncode, p2.stdout), (0, after), f"{case}: merge(X, X) == X")

        # -o writes elsewhere and leaves OURS alone; "-" is standard output.
        work = os.path.join(tmp, "o-flag")
        shutil.copytree(os.path.join(CASES, "different-cells"), work)
        before = open(os.path.join(work, "ours.ipynb"), "rb").read()
        p = run(["merge", "base.ipynb", "ours.ipynb", "theirs.ipynb", "-o", "out.ipynb"], cwd=work)
        s.equal(p.returncode, 0, "-o: exit")
        s.equal(open(os.path.join(work, "ours.ipynb"), "rb").read(), before, "-o: OURS untouched")
        s.equal(open(os.path.join(work, "out.ipynb"), "rb").read(),
                open(os.path.join(CASES, "different-cells", "expected.ipynb"), "rb").read(), "-o: result")
        # git's positional form: %O %A %B %L %P.
        p = run(["merge", "base.ipynb", "ours.ipynb", "theirs.ipynb", "9", "nb/analysis.ipynb", "-o", "-"],
                cwd=os.path.join(CASES, "same-line"))
        s.equal(p.returncode, 1, "positional %L %P: exit")
        s.check(b"\n=========\n" in p.stdout.replace(b'\\n', b'\n') or b'"=========\\n"' in p.stdout,
                "positional %L: marker size 9")
        s.check(p.stderr.startswith(b"nb/analysis.ipynb:cell 3: conflict: "), f"%P names the file: {p.stderr!r}")
        # Missing input file.
        p = run(["merge", "nope.ipynb", "ours.ipynb", "theirs.ipynb"], cwd=work)
        s.equal(p.returncode, 2, "missing base: exit 2")
        s.check(p.stderr.startswith(b"nope.ipynb: error: "), f"missing base: message {p.stderr!r}")
        # Bad marker size: usage error.
        p = run(["merge", "base.ipynb", "ours.ipynb", "theirs.ipynb", "--marker-size", "1"], cwd=work)
        s.equal(p.returncode, 2, "bad marker size: exit 2")
    s.finish()


if __name__ == "__main__":
    main()
