"""Shared helpers for nbloop's end-to-end tests (run by ctest with Debian's python3).

Each test script builds a Suite, runs the real binary ($NBLOOP_BIN) on fixtures and on the
shared corpus, and ends with suite.finish(), which prints "N passed, N failed" and exits
non-zero on any failure. Tests that need the corpus call corpus_dir(), which exits with
code 77 (ctest's SKIP_RETURN_CODE) and a visible message when the corpus is absent.
"""
import os
import subprocess
import sys
import tempfile

SOURCE_DIR = os.environ.get("NBLOOP_SOURCE_DIR", os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
BIN = os.environ.get("NBLOOP_BIN", os.path.join(SOURCE_DIR, "build", "dev", "src", "cli", "nbloop"))
FIXTURES = os.path.join(SOURCE_DIR, "fixtures")
SKIP = 77


def corpus_dir():
    """The shared corpus folder, or exit 77 (skipped) with a message when it is absent."""
    path = os.environ.get("NBLOOP_CORPUS") or os.path.join(SOURCE_DIR, "..", "shared", "corpus")
    path = os.path.abspath(path)
    if not os.path.isdir(os.path.join(path, "notebooks")):
        print(f"SKIP: corpus not found at {path} (set NBLOOP_CORPUS to run the corpus tests)")
        sys.exit(SKIP)
    return path


def corpus_notebooks():
    base = os.path.join(corpus_dir(), "notebooks")
    return [os.path.join(base, n) for n in sorted(os.listdir(base)) if n.endswith(".ipynb")]


def run(args, input=None, cwd=None, env=None, binary=None):
    """Runs nbloop with args; returns CompletedProcess with bytes stdout/stderr."""
    full_env = dict(os.environ)
    full_env.pop("NO_COLOR", None)
    if env:
        full_env.update(env)
    return subprocess.run([binary or BIN] + list(args), input=input, cwd=cwd, env=full_env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def scratch():
    """A temporary folder removed at exit."""
    return tempfile.TemporaryDirectory(prefix="nbloop-e2e-")


class Suite:
    def __init__(self, name):
        self.name = name
        self.passed = 0
        self.failed = 0

    def check(self, condition, message):
        if condition:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL [{self.name}] {message}")
        return condition

    def equal(self, actual, expected, message):
        ok = actual == expected
        if not ok:
            a = actual if len(repr(actual)) < 400 else repr(actual)[:400] + "..."
            e = expected if len(repr(expected)) < 400 else repr(expected)[:400] + "..."
            message = f"{message}\n  expected: {e!r}\n  actual:   {a!r}"
        return self.check(ok, message)

    def finish(self):
        print(f"{self.name}: {self.passed} passed, {self.failed} failed")
        sys.exit(1 if self.failed else 0)
