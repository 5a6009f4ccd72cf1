"""The nb2py generator's golden files work as Python: every generated module and test file
compiles, the generated tests pass under pytest (python3-pytest, python3-numpy), importing
a module prints nothing, and main() prints what the notebook's cells printed.

The goldens themselves are checked against the generator by the unit test
tests/convert/package/golden_test.cpp; this script proves that what they hold runs.
"""
import json
import os
import py_compile
import shutil
import subprocess
import sys

from harness import FIXTURES, Suite, scratch

NB2PY = os.path.join(FIXTURES, "nb2py")
# Cases whose every code cell goes to the module's main(), so main() must print what the
# notebook printed.
MAIN_CASES = ["basics", "magics", "parameters", "shared_state"]


def notebook_stdout(case):
    with open(os.path.join(NB2PY, case + ".ipynb"), encoding="utf-8") as f:
        nb = json.load(f)
    text = ""
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and out.get("name") == "stdout":
                text += "".join(out["text"])
    return text


def main():
    suite = Suite("nb2py-generate-goldens")
    try:
        import pytest  # noqa: F401
        import numpy  # noqa: F401
    except ImportError as e:
        print(f"SKIP: {e} (install python3-pytest and python3-numpy)")
        sys.exit(77)
    with scratch() as tmp:
        package = os.path.join(tmp, "demo")
        tests = os.path.join(tmp, "tests")
        os.makedirs(package)
        os.makedirs(tests)
        open(os.path.join(package, "__init__.py"), "w").close()
        count = 0
        for case in sorted(os.listdir(NB2PY)):
            folder = os.path.join(NB2PY, case)
            if not os.path.isdir(folder) or case == "__pycache__":
                continue
            for name in sorted(os.listdir(folder)):
                if not name.endswith(".py"):
                    continue
                source = os.path.join(folder, name)
                try:
                    py_compile.compile(source, cfile=os.path.join(tmp, "compiled.pyc"), doraise=True)
                    suite.check(True, "")
                except py_compile.PyCompileError as e:
                    suite.check(False, f"{case}/{name} does not compile: {e.msg}")
                target = tests if name.startswith("test_") else package
                shutil.copy(source, os.path.join(target, name))
                count += 1
        suite.check(count >= 12, f"only {count} golden .py files found")
        env = dict(os.environ, PYTHONPATH=tmp, PYTHONDONTWRITEBYTECODE="1")
        r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs", tests],
                           cwd=tmp, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        suite.check(r.returncode == 0, "generated tests fail under pytest:\n" + r.stdout)
        summary = r.stdout.strip().splitlines()[-1] if r.stdout.strip() else ""
        print("pytest:", summary)
        suite.check(" passed" in summary and "failed" not in summary, "pytest summary: " + summary)
        for case in MAIN_CASES:
            r = subprocess.run([sys.executable, "-c", f"from demo import {case}; {case}.main()"], cwd=tmp, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            suite.check(r.returncode == 0, f"{case}.main() fails: {r.stderr}")
            suite.check(r.stdout == notebook_stdout(case),
                        f"{case}.main() printed {r.stdout!r}, the notebook printed {notebook_stdout(case)!r}")
        # The command line made from the parameters cell.
        r = subprocess.run([sys.executable, "-m", "demo.parameters", "--label", "cli", "--dry-run", "--n-points", "5"],
                           cwd=tmp, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        suite.check(r.returncode == 0 and r.stdout == "cli 1.5\n", f"parameters CLI: {r.returncode} {r.stdout!r} {r.stderr}")
        r = subprocess.run([sys.executable, "-m", "demo.parameters", "--no-verbose"], cwd=tmp, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        suite.check(r.returncode == 0 and r.stdout == "output: None\n", f"parameters --no-verbose: {r.stdout!r} {r.stderr}")
    suite.finish()


if __name__ == "__main__":
    main()
