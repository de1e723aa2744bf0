"""Helpers for the embedding tests, on top of the shared end-to-end helpers."""
import os
import sys

sys.path.insert(0, os.path.join(os.environ["LAMBDAFIT_SOURCE_DIR"], "tests", "e2e"))
from support import (FAILURES, LAMBDAFIT, SOURCE_DIR, check, fail, finish, schema,  # noqa: E402,F401
                     schema_errors, source, validate)
from support import run_command as run  # noqa: E402

BUILD_DIR = os.environ["LAMBDAFIT_BUILD_DIR"]
LIBRARY = os.environ["LAMBDAFIT_LIBRARY"]


def must_run(cmd, **kw):
    """Runs a command that has to succeed; its failure ends the test with its output."""
    code, out, err = run(cmd, **kw)
    if code != 0:
        fail(f"{' '.join(cmd)} exited {code}\n{out}\n{err}")
        finish("aborted")
    return out
