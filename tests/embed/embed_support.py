"""Helpers for the embedding tests: run programs, check, validate against the schemas."""
import json
import os
import subprocess
import sys

SOURCE_DIR = os.environ["LAMBDAFIT_SOURCE_DIR"]
BUILD_DIR = os.environ["LAMBDAFIT_BUILD_DIR"]
LAMBDAFIT = os.environ["LAMBDAFIT"]
LIBRARY = os.environ["LAMBDAFIT_LIBRARY"]
FAILURES = []


def source(*parts):
    return os.path.join(SOURCE_DIR, *parts)


def fail(message):
    FAILURES.append(message)
    print("FAIL:", message, file=sys.stderr)


def check(condition, message):
    if not condition:
        fail(message)
    return condition


def run(cmd, stdin=None, cwd=None, env=None, timeout=600):
    """Runs a command; returns (exit code, stdout, stderr). A crash is a failure."""
    e = dict(os.environ)
    e.update(env or {})
    proc = subprocess.run(cmd, input=stdin, capture_output=True, text=True, cwd=cwd, env=e,
                          timeout=timeout)
    if proc.returncode < 0:
        fail(f"{' '.join(cmd)} crashed with signal {-proc.returncode}\n{proc.stderr}")
    return proc.returncode, proc.stdout, proc.stderr


def must_run(cmd, **kw):
    """Runs a command that has to succeed; its failure ends the test with its output."""
    code, out, err = run(cmd, **kw)
    if code != 0:
        fail(f"{' '.join(cmd)} exited {code}\n{out}\n{err}")
        finish("aborted")
    return out


def schema(name):
    with open(source("docs", "schemas", name)) as f:
        return json.load(f)


def schema_errors(instance, name):
    import jsonschema  # Debian's python3-jsonschema
    v = jsonschema.Draft7Validator(schema(name))
    return [f"{'/'.join(map(str, e.path)) or '(top)'}: {e.message}" for e in v.iter_errors(instance)]


def validate(instance, name, what):
    errors = schema_errors(instance, name)
    for e in errors[:5]:
        fail(f"{what}: {name}: {e}")
    return not errors


def finish(name):
    print(f"{name}: " + ("all checks passed" if not FAILURES else f"{len(FAILURES)} check(s) failed"))
    sys.exit(1 if FAILURES else 0)
