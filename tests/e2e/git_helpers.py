"""Scratch git repositories for nbloop's real-git end-to-end tests.

Each test runs git 2.39 with an isolated HOME (no user or system config leaks in) and an
`nbloop` on PATH that is a small wrapper script: it appends one line per start to a log, so
tests can count how many nbloop processes git started, then execs the binary under test.
"""
import os
import stat
import subprocess

from harness import BIN


class GitSandbox:
    def __init__(self, root):
        self.root = root
        self.home = os.path.join(root, "home")
        self.bin = os.path.join(root, "bin")
        self.log = os.path.join(root, "starts.log")
        os.makedirs(self.home)
        os.makedirs(self.bin)
        wrapper = os.path.join(self.bin, "nbloop")
        with open(wrapper, "w") as f:
            f.write(f'#!/bin/sh\necho "$1" >> "{self.log}"\nexec "{os.path.abspath(BIN)}" "$@"\n')
        os.chmod(wrapper, 0o755)
        self.env = {
            "HOME": self.home,
            "XDG_CONFIG_HOME": os.path.join(self.home, ".config"),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "nbloop test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
            "GIT_COMMITTER_NAME": "nbloop test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
            "PATH": self.bin + os.pathsep + os.environ.get("PATH", "/usr/bin:/bin"),
            "LC_ALL": "C",
        }
        for key in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM"):
            os.environ.pop(key, None)

    def full_env(self, extra=None):
        env = dict(os.environ)
        env.update(self.env)
        if extra:
            env.update(extra)
        return env

    def git(self, args, cwd, check=True, input=None, env=None):
        p = subprocess.run(["git"] + list(args), cwd=cwd, env=self.full_env(env), input=input,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if check and p.returncode != 0:
            raise RuntimeError(f"git {' '.join(args)} failed ({p.returncode}): {p.stderr.decode(errors='replace')}")
        return p

    def nbloop(self, args, cwd, env=None, input=None):
        """Runs nbloop through the PATH wrapper (so it counts as a start)."""
        return subprocess.run(["nbloop"] + list(args), cwd=cwd, env=self.full_env(env), input=input,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def new_repo(self, name, branch="main"):
        path = os.path.join(self.root, name)
        os.makedirs(path)
        self.git(["init", "-q", "-b", branch], cwd=path)
        return path

    def starts(self):
        """The subcommands of every nbloop start logged so far, then clears the log."""
        if not os.path.exists(self.log):
            return []
        with open(self.log) as f:
            lines = [line.strip() for line in f]
        os.remove(self.log)
        return lines


def read(path, mode="rb"):
    with open(path, mode) as f:
        return f.read()


def write(path, data):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "wb" if isinstance(data, bytes) else "w") as f:
        f.write(data)
