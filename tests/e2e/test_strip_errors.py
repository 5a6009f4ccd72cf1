"""Bad input to nbloop strip: one clear line `PATH[:LINE:COL]: error: WHAT`, exit 2, the file
left exactly as it was, and the other files of the batch still processed."""
import os
import shutil
import stat

from harness import FIXTURES, Suite, run, scratch

suite = Suite("strip-errors")
BAD = os.path.join(FIXTURES, "bad")
GOOD = os.path.join(FIXTURES, "strip", "options.ipynb")

CASES = {
    "empty.ipynb": "1:1: error: invalid JSON: expecting value",
    "invalid_json.ipynb": "3:24: error: invalid JSON: expecting property name enclosed in double quotes",
    "not_a_notebook.ipynb": ": error: not a notebook: no 'nbformat' field",
    "json_list.ipynb": ": error: not a notebook: the top level is not a JSON object",
    "nbformat_99.ipynb": ": error: unsupported nbformat 99 (nbloop reads nbformat 3 and 4)",
    "invalid_utf8.ipynb": "1:69: error: invalid UTF-8",
    "bom.ipynb": "1:1: error: starts with a UTF-8 byte order mark (BOM), which Jupyter never writes",
    "deep_nesting.ipynb": "1:1034: error: nesting deeper than the limit of 1000 levels",
    "cell_without_metadata.ipynb": ": error: not a notebook: cell 1: no 'metadata' object",
}


with scratch() as tmp:
    good = os.path.join(tmp, "good.ipynb")
    stripped = run(["strip", "--stdout", GOOD]).stdout
    for name, message in CASES.items():
        target = os.path.join(tmp, name)
        shutil.copy(os.path.join(BAD, name), target)
        shutil.copy(GOOD, good)
        before = open(target, "rb").read()
        r = run(["strip", target, good])
        line = f"{target}:{message}\n" if message[0].isdigit() else f"{target}{message}\n"
        suite.equal(r.stderr.decode(), line, f"{name}: error line")
        suite.equal(r.returncode, 2, f"{name}: exit 2")
        suite.equal(open(target, "rb").read(), before, f"{name}: left untouched")
        suite.equal(open(good, "rb").read(), stripped, f"{name}: the other file of the batch is still stripped")
        # stdin mode: nothing on stdout.
        r = run(["strip"], input=before)
        suite.equal((r.returncode, r.stdout), (2, b""), f"{name}: stdin mode writes nothing to stdout")
        suite.equal(r.stderr.decode(), f"<stdin>:{message}\n" if message[0].isdigit() else f"<stdin>{message}\n",
                    f"{name}: stdin error line")

    # A folder where a notebook is expected.
    folder = os.path.join(tmp, "folder.ipynb")
    os.mkdir(folder)
    r = run(["strip", folder])
    suite.equal((r.returncode, r.stderr.decode()), (2, f"{folder}: error: is a directory, expected a notebook file\n"),
                "directory where a file is expected")

    # A file that is gone by the time it is processed.
    missing = os.path.join(tmp, "vanished.ipynb")
    shutil.copy(GOOD, good)
    r = run(["strip", missing, good])
    suite.equal((r.returncode, r.stderr.decode()), (2, f"{missing}: error: no such file\n"), "missing file")
    suite.equal(open(good, "rb").read(), stripped, "missing file: the rest of the batch is processed")

    # A read-only file is refused (even for root) and left exactly as it was.
    ro = os.path.join(tmp, "readonly.ipynb")
    shutil.copy(GOOD, ro)
    os.chmod(ro, 0o444)
    before = open(ro, "rb").read()
    r = run(["strip", ro])
    suite.equal((r.returncode, r.stderr.decode()), (2, f"{ro}: error: file is read-only; left unchanged\n"), "read-only file")
    suite.equal(open(ro, "rb").read(), before, "read-only file untouched")
    suite.equal(stat.S_IMODE(os.stat(ro).st_mode), 0o444, "read-only file keeps its mode")
    suite.equal([n for n in os.listdir(tmp) if n.endswith(".tmp")], [], "no temp file left")

    # An unreadable file: run as an unprivileged user when we are root (root reads anything).
    secret = os.path.join(tmp, "secret.ipynb")
    shutil.copy(GOOD, secret)
    os.chmod(secret, 0o000)
    prefix = []
    if os.geteuid() == 0:
        os.chmod(tmp, 0o755)
        prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    if prefix and shutil.which("setpriv") is None:
        print("SKIP unreadable-file case: setpriv not available")
    else:
        import subprocess
        r = subprocess.run(prefix + [os.environ.get("NBLOOP_BIN"), "strip", secret], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        suite.equal((r.returncode, r.stderr.decode()), (2, f"{secret}: error: cannot open: Permission denied\n"), "unreadable file")
    os.chmod(secret, 0o644)

suite.finish()
