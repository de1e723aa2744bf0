"""Shared helpers for the end-to-end tests: run the real binary, load JSON, check schemas."""
import json
import os
import subprocess
import sys

LAMBDAFIT = os.environ["LAMBDAFIT"]
SOURCE_DIR = os.environ["LAMBDAFIT_SOURCE_DIR"]
FAILURES = []


def run_command(cmd, stdin=None, cwd=None, env=None, timeout=600):
    """Runs any command; returns (exit code, stdout, stderr). A crash is a test failure."""
    e = dict(os.environ)
    e.update(env or {})
    proc = subprocess.run(cmd, input=stdin, capture_output=True, text=True, cwd=cwd, env=e,
                          timeout=timeout)
    if proc.returncode < 0:
        fail(f"{' '.join(cmd)} crashed with signal {-proc.returncode}\n{proc.stderr}")
    return proc.returncode, proc.stdout, proc.stderr


def run(*args, stdin=None, cwd=None, env=None):
    """Runs lambdafit with `args`."""
    return run_command([LAMBDAFIT, *args], stdin=stdin, cwd=cwd, env=env)


def source(*parts):
    return os.path.join(SOURCE_DIR, *parts)


def fail(message):
    FAILURES.append(message)
    print("FAIL:", message, file=sys.stderr)


def check(condition, message):
    if not condition:
        fail(message)
    return condition


def schema(name):
    with open(source("docs", "schemas", name)) as f:
        return json.load(f)


def schema_errors(instance, name):
    """Messages for every way `instance` breaks docs/schemas/`name`."""
    import jsonschema  # Debian's python3-jsonschema
    errors = sorted(jsonschema.Draft7Validator(schema(name)).iter_errors(instance), key=lambda e: list(e.path))
    return [f"{'/'.join(map(str, e.path)) or '(top)'}: {e.message}" for e in errors]


def validate(instance, schema_file, what=""):
    errors = schema_errors(instance, schema_file)
    for e in errors[:5]:
        fail(f"{what + ': ' if what else ''}{schema_file}: {e}")
    return not errors


def finish(name):
    checks = "all checks passed" if not FAILURES else f"{len(FAILURES)} check(s) failed"
    print(f"{name}: {checks}")
    sys.exit(1 if FAILURES else 0)


def evidence_of(report, item):
    """The evidence items of a criterion or fact of a JSON report: since schema version 3 they
    are indices into the report's top-level `evidence` array (stored once)."""
    return [report["evidence"][i] for i in item.get("evidence", [])]
