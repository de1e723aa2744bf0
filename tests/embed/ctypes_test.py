"""The C API from Python through ctypes (samples/embed/lambdafit_ctypes.py), error paths too."""
import json
import os
import sys
import threading

from embed_support import LIBRARY, check, finish, source, validate

sys.path.insert(0, source("samples", "embed"))
from lambdafit_ctypes import Library, LambdafitError  # noqa: E402

lib = Library(LIBRARY)
check(lib.version().count(".") == 2, f"version {lib.version()!r}")


def expect_error(call, status_name, text):
    try:
        call()
    except LambdafitError as e:
        check(e.status_name == status_name and text in str(e),
              f"expected {status_name} with {text!r}, got {e.status_name}: {e}")
        return
    fail_msg = f"expected {status_name} with {text!r}, got success"
    check(False, fail_msg)


# Loading.
expect_error(lambda: lib.load_rules("/nonexistent/rules"), "input error", "/nonexistent/rules")
pack = lib.load_rules(source("rules"))
info = pack.describe()
check("aws-lambda" in [p["id"] for p in info["platforms"]], "describe lists the platforms")
check(any(q["fact"] == "runtime.max_seconds" for q in info["questions"]), "describe lists the questions")

# A report, with answers and platform from the request.
S3 = source("samples", "s3-thumbnailer")
report = pack.assess({"workload": {"path": S3, "name": "thumbs"}, "platform": "aws-lambda",
                      "answers": {"runtime.max_seconds": 40, "gpu.required": False}})
validate(report, "report.schema.json", "ctypes report")
check(report["workload"]["name"] == "thumbs" and report["platform"]["id"] == "aws-lambda",
      f"report header: {report['workload']} {report['platform']['id']}")

# Error paths: bad path, bad answers JSON, unknown fact, bad request text.
expect_error(lambda: pack.assess({"workload": {"path": source("samples", "missing")}}), "input error", "does not exist")
expect_error(lambda: pack.assess_text('{"workload": {"path": "x"}, "answers": {"gpu.required": }}'),
             "request error", "<request>:1:")
expect_error(lambda: pack.assess({"workload": {"path": S3}, "answers": ["gpu.required"]}),
             "request error", "'answers' must be an object")
expect_error(lambda: pack.assess({"workload": {"path": S3}, "answers": {"gpu.required": {"who": "me"}}}),
             "request error", "has no 'value'")
expect_error(lambda: pack.assess({"workload": {"path": S3}, "answers": {"gpu.requird": True}}),
             "input error", "did you mean 'gpu.required'")
expect_error(lambda: pack.assess({"workload": {"path": S3}, "answers": {"runtime.max_seconds": "soon"}}),
             "input error", "bad answer for 'runtime.max_seconds'")

# Progress and cancellation from a Python callback.
stages = []
pack.assess({"workload": {"path": S3}}, progress=lambda stage, done, total, item: stages.append(stage))
check(stages and stages[0] == "walk" and stages[-1] == "evaluate", f"progress stages {stages}")
expect_error(lambda: pack.assess({"workload": {"path": S3}}, progress=lambda *a: True), "cancelled", "cancelled")

# One pack, several Python threads (ctypes releases the GIL during the call).
results = {}


def worker(i):
    results[i] = pack.assess({"workload": {"path": source("samples", "cron-report")}})["verdict"]


threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
check(len(set(results.values())) == 1 and len(results) == 4, f"verdicts from threads: {results}")

pack.close()
pack.close()  # twice is harmless
finish("embed.ctypes")
