"""Shared helpers for the lint end-to-end tests: temporary git repositories and C sources."""
import atexit
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.environ["LAMBDAFIT_SOURCE_DIR"], "tests", "e2e"))
from support import check, fail, finish, run, validate  # noqa: E402,F401

GIT_ENV = {
    "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
    "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}

# A C source calling setrlimit at line 5, column 3 (the Clang detector cpp-resource-limit).
LIMITS_C = """#include <sys/resource.h>

int raise_limit(void) {
  struct rlimit rl = {4096, 4096};
  return setrlimit(RLIMIT_NOFILE, &rl);
}
"""
CLEAN_C = """int add(int a, int b) {
  return a + b;
}
"""


class Repo:
    """A temporary directory, optionally a git repository, with helpers to write and commit."""

    def __init__(self, git=True):
        self.path = tempfile.mkdtemp(prefix="lambdafit-lint-")
        atexit.register(shutil.rmtree, self.path, True)
        self.env = dict(os.environ, HOME=self.path, **GIT_ENV)
        if git:
            self.git("init", "-q", "-b", "main")

    def write(self, rel, text):
        p = os.path.join(self.path, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as f:
            f.write(text)

    def remove(self, rel):
        os.remove(os.path.join(self.path, rel))

    def git(self, *args, check_ok=True):
        p = subprocess.run(["git", *args], cwd=self.path, env=self.env, capture_output=True, text=True)
        if check_ok and p.returncode != 0:
            fail(f"git {' '.join(args)} failed: {p.stderr}")
        return p

    def commit(self, message="c", *paths):
        self.git("add", *(paths or ["-A"]))
        self.git("commit", "-q", "-m", message)

    def lint(self, *args):
        return run("lint", *args, cwd=self.path)


def expect(result, code, *needles, absent=(), where=""):
    """Checks an exit code and that stdout+stderr contain (or lack) some texts."""
    got, out, err = result
    both = out + err
    ok = check(got == code, f"{where}: exit {got}, expected {code}\n{both}")
    for n in needles:
        ok = check(n in both, f"{where}: output lacks {n!r}:\n{both}") and ok
    for n in absent:
        ok = check(n not in both, f"{where}: output has {n!r}:\n{both}") and ok
    return ok
