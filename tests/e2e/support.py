"""Shared helpers for the end-to-end tests: run the real binary, load JSON, check schemas."""
import json
import os
import subprocess
import sys

LAMBDAFIT = os.environ["LAMBDAFIT"]
SOURCE_DIR = os.environ["LAMBDAFIT_SOURCE_DIR"]
FAILURES = []


def run(*args, stdin=None, cwd=None, env=None):
    """Runs lambdafit; returns (exit code, stdout, stderr). A crash is a test failure."""
    e = dict(os.environ)
    e.update(env or {})
    proc = subprocess.run([LAMBDAFIT, *args], input=stdin, capture_output=True, text=True,
                          cwd=cwd, env=e, timeout=600)
    if proc.returncode < 0:
        fail(f"lambdafit {' '.join(args)} crashed with signal {-proc.returncode}\n{proc.stderr}")
    return proc.returncode, proc.stdout, proc.stderr


def source(*parts):
    return os.path.join(SOURCE_DIR, *parts)


def fail(message):
    FAILURES.append(message)
    print("FAIL:", message, file=sys.stderr)


def check(condition, message):
    if not condition:
        fail(message)
    return condition


def validate(instance, schema_file):
    import jsonschema  # Debian's python3-jsonschema
    with open(source("docs", "schemas", schema_file)) as f:
        schema = json.load(f)
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(instance), key=lambda e: list(e.path))
    for e in errors[:5]:
        fail(f"{schema_file}: {'/'.join(map(str, e.path))}: {e.message}")
    return not errors


def finish(name):
    checks = "all checks passed" if not FAILURES else f"{len(FAILURES)} check(s) failed"
    print(f"{name}: {checks}")
    sys.exit(1 if FAILURES else 0)
