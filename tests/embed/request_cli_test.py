"""`lambdafit assess --request`: JSON in on stdin (or a file), the report out; the request
and report schemas agree with what the tool accepts and writes."""
import json
import os
import tempfile

from embed_support import LAMBDAFIT, check, finish, run, schema_errors, source, validate

S3 = source("samples", "s3-thumbnailer")


def request(req, *extra):
    text = req if isinstance(req, str) else json.dumps(req)
    return run([LAMBDAFIT, "assess", "--request", "-", *extra], stdin=text)


def report_of(req, what):
    if not check(not schema_errors(req, "request.schema.json"), f"{what}: request breaks its schema"):
        return None
    code, out, err = request(req)
    if not check(code == 0, f"{what}: exited {code}: {err}"):
        return None
    report = json.loads(out)
    validate(report, "report.schema.json", what)
    return report


def without_timing(report):
    # Timing and what the result cache served differ from run to run, not the findings.
    for key in ("duration_ms", "tu_reused", "file_results_reused"):
        report["scan"].pop(key, None)
    return report


def criterion(report, cid):
    return next(c for c in report["criteria"] if c["id"] == cid)


# The minimal request gives the same report as the command line.
r = report_of({"workload": {"path": S3}}, "minimal")
code, out, err = run([LAMBDAFIT, "assess", S3, "--format", "json"])
check(code == 0, f"assess on the command line exited {code}: {err}")
if r and code == 0:
    check(without_timing(r) == without_timing(json.loads(out)), "request and command line reports differ")

# Name, platform and answers from the request.
for platform, status in (("aws-lambda-2016", "applies"), ("aws-lambda", "clear")):
    r = report_of({"workload": {"path": S3, "name": "thumbs"}, "platform": platform,
                   "answers": {"runtime.max_seconds": 600,
                               "memory.peak_mb": {"value": "512 MB", "by": "planner", "note": "load test"}}},
                  f"answers on {platform}")
    if r:
        check(r["workload"]["name"] == "thumbs", f"workload name: {r['workload']['name']}")
        check(r["platform"]["id"] == platform, f"platform: {r['platform']['id']}")
        check(criterion(r, "runtime-limit")["status"] == status,
              f"runtime-limit on {platform}: {criterion(r, 'runtime-limit')['status']}")
        facts = {f["id"]: f for f in r["facts"]}
        check(facts["runtime.max_seconds"]["value"] == 600, f"runtime fact: {facts['runtime.max_seconds']}")
        answers = [a for c in r["criteria"] for a in c.get("answers", []) if a["fact"] == "memory.peak_mb"]
        check(answers and answers[0].get("by") == "planner" and answers[0].get("note") == "load test",
              f"memory answer as reported: {answers[:1]}")

r = report_of({"workload": {"path": S3}, "platform": "all"}, "all platforms")
if r:
    code, out, _ = run([LAMBDAFIT, "platforms"])
    count = len([line for line in out.splitlines()[1:] if line.strip()])
    check(len(r["platforms"]) == count, f"{len(r['platforms'])} platforms evaluated, {count} listed")

# Another format, from a request file, written with -o.
with tempfile.TemporaryDirectory() as tmp:
    req_file = os.path.join(tmp, "req.json")
    out_file = os.path.join(tmp, "report.md")
    with open(req_file, "w") as f:
        json.dump({"workload": {"path": S3}, "formats": ["md"], "jobs": 1}, f)
    code, out, err = run([LAMBDAFIT, "assess", "--request", req_file, "-o", out_file])
    check(code == 0 and out == "", f"request file with -o: exit {code}, stdout {out[:80]!r}, {err}")
    if code == 0:
        with open(out_file) as f:
            text = f.read()
        check("s3-thumbnailer" in text and not text.lstrip().startswith("{"),
              f"markdown report: {text[:120]!r}")

# Requests that break the schema are refused by the tool too (exit 2, a message on stderr).
BAD = [
    ({}, "missing 'workload'"),
    ({"workload": {}}, "missing 'workload.path'"),
    ({"workload": {"path": ""}}, "'workload.path' is empty"),
    ({"workload": {"path": S3}, "platfrom": "aws-lambda"}, "did you mean 'platform'?"),
    ({"workload": {"path": S3, "nmae": "x"}}, "did you mean 'name'?"),
    ({"workload": {"path": S3}, "formats": ["json", "json"]}, "listed twice"),
    ({"workload": {"path": S3}, "formats": ["pdf"]}, "unknown format \"pdf\""),
    ({"workload": {"path": S3}, "answers": {"gpu.required": None}}, "bad answer for 'gpu.required'"),
    ({"workload": {"path": S3}, "answers": {"gpu.required": {"by": "me"}}}, "has no 'value'"),
    ({"workload": {"path": S3}, "answers": []}, "'answers' must be an object"),
    ({"workload": {"path": S3}, "platform": 7}, "'platform' must be"),
    ({"workload": {"path": S3}, "jobs": -1}, "'jobs' must be a whole number"),
    (["not", "an", "object"], "must be a JSON object"),
]
for req, message in BAD:
    check(schema_errors(req, "request.schema.json"), f"the schema accepts {req}")
    code, out, err = request(req)
    check(code == 2 and message in err and out == "",
          f"request {req}: exit {code}, stderr {err.strip()!r}, expected {message!r}")

# Broken JSON: the position of the problem.
code, _, err = request('{"workload": {"path": "x"},\n "platform": aws-lambda}')
check(code == 2 and err.startswith("<stdin>:2:14: error: invalid JSON"), f"broken JSON: {code} {err!r}")
code, _, err = request("")
check(code == 2 and "the request is empty" in err, f"empty request: {code} {err!r}")

# Several formats from one assessment: {"reports": {format: report}}.
code, out, err = request({"workload": {"path": S3}, "formats": ["json", "md", "sarif"]})
if check(code == 0, f"several formats: exit {code}, {err}"):
    reports = json.loads(out).get("reports", {})
    check(sorted(reports) == ["json", "md", "sarif"], f"several formats: {sorted(reports)}")
    check(isinstance(reports.get("json"), dict) and not schema_errors(reports["json"], "report.schema.json"),
          "several formats: the JSON report is an object that fits its schema")
    check(isinstance(reports.get("md"), str) and reports["md"].startswith("# lambdafit report"),
          "several formats: the Markdown report is text")
    check(reports.get("sarif", {}).get("version") == "2.1.0", "several formats: the SARIF log is an object")

# Answers refused against the rules point at their place in the request read from stdin.
code, _, err = request('{"workload": {"path": "%s"},\n "answers": {"runtime.max_secs": 4}}' % S3)
check(code == 2 and err.startswith("<stdin>:2:14: error: answer for unknown fact 'runtime.max_secs'"),
      f"unknown fact on stdin: {code} {err!r}")
code, _, err = request('{"workload": {"path": "%s"},\n "answers": {\n  "runtime.max_seconds": "soon"}}' % S3)
check(code == 2 and err.startswith("<stdin>:3:3: error: bad answer for 'runtime.max_seconds'"),
      f"bad answer on stdin: {code} {err!r}")

# Valid by the schema, refused by the assessment: clear messages, exit 2.
for req, message in [({"workload": {"path": source("samples", "nope")}}, "does not exist"),
                     ({"workload": {"path": S3}, "answers": {"runtime.max_secs": 4}}, "did you mean 'runtime.max_seconds'"),
                     ({"workload": {"path": S3}, "answers": {"runtime.max_seconds": "soon"}}, "bad answer"),
                     ({"workload": {"path": S3}, "platform": "aws-lamda"}, "unknown platform 'aws-lamda'")]:
    check(not schema_errors(req, "request.schema.json"), f"the schema refuses {req}")
    code, out, err = request(req)
    check(code == 2 and message in err and out == "", f"request {req}: exit {code}, stderr {err.strip()!r}")

# The command line around --request.
code, _, err = run([LAMBDAFIT, "assess", S3, "--request", "-"], stdin="{}")
check(code == 2 and "excludes" in err, f"--request with a path: {code} {err!r}")
# Without a path, assess works on the current directory, like every command.
code, out, err = run([LAMBDAFIT, "assess", "--format", "json"], cwd=S3)
check(code == 0 and json.loads(out)["workload"]["name"] == "s3-thumbnailer", f"assess without a path: {code} {err!r}")
code, _, err = run([LAMBDAFIT, "assess", "--request", "/nonexistent/req.json"])
check(code == 2 and "cannot read request '/nonexistent/req.json'" in err, f"missing request file: {code} {err!r}")
code, out, err = run([LAMBDAFIT, "platforms"])
check(code == 0, f"another command still parses: {code} {err!r}")

finish("embed.request_cli")
