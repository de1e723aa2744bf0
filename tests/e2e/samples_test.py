"""The real binary on every sample: golden verdicts, schema-valid JSON, platform comparison."""
import re
import json
import os
import shutil
import tempfile

from support import check, evidence_of, finish, run, source, validate

# The verdict each sample must get on its own platform (golden).
EXPECTED = {
    "s3-thumbnailer": "good-fit",
    "cron-report": "good-fit",
    "cuda-render": "not-a-fit",
    "legacy-daemon": "not-a-fit",
    "ops-toolkit": "fit-with-caveats",
    "k8s-worker": "not-a-fit",
    "k8s-worker-req": "not-a-fit",
    # Functions that already exist, with no answers at all: the templates settle the host
    # questions and bound run time and memory; helper scripts, layer builders and tests in
    # the tree are not counted.
    "sam-python-orders": "good-fit",
    "sam-java-invoices": "good-fit",
    "sls-node-webhook": "good-fit",
    "sls-python-nightly": "good-fit",
    "lambda-cpp-checksum": "fit-with-caveats",  # C++ needs the OS-only runtime
    # An S3-triggered function whose template over-grants (the permissions section shows it);
    # permissions do not change the verdict.
    "sam-python-media": "good-fit",
}
# Criteria that must block the not-a-fit samples, and strengths the good ones must show.
MUST_BLOCK = {"cuda-render": {"gpu", "runtime-limit", "memory-limit"},
              "legacy-daemon": {"runtime-limit"},
              "k8s-worker": {"background-process"},
              "k8s-worker-req": {"background-process", "memory-limit"}}
MUST_STRENGTH = {"cron-report": {"scheduled-short-job"}, "s3-thumbnailer": {"event-driven"},
                 "sam-python-orders": {"event-driven"}, "sam-java-invoices": {"event-driven"},
                 "sls-node-webhook": {"event-driven"}, "sls-python-nightly": {"scheduled-short-job"},
                 "lambda-cpp-checksum": {"event-driven"}, "sam-python-media": {"event-driven"}}


def assess_json(path, *extra):
    code, out, err = run("assess", path, "--format", "json", *extra)
    if not check(code == 0, f"assess {path} exited {code}: {err}"):
        return None
    report = json.loads(out)
    validate(report, "report.schema.json")
    return report


for name, verdict in EXPECTED.items():
    report = assess_json(source("samples", name))
    if report is None:
        continue
    check(report["verdict"] == verdict, f"{name}: verdict {report['verdict']}, expected {verdict}")
    check(set(report["blocking"]) >= MUST_BLOCK.get(name, set()),
          f"{name}: blocking {report['blocking']} lacks {MUST_BLOCK.get(name)}")
    check(set(report["strengths"]) >= MUST_STRENGTH.get(name, set()),
          f"{name}: strengths {report['strengths']} lack {MUST_STRENGTH.get(name)}")
    # Every evidence item points at a real line of the scanned tree.
    for c in report["criteria"]:
        for e in evidence_of(report, c):
            path = source("samples", name, e["path"])
            if not check(os.path.isfile(path), f"{name}: evidence path {e['path']} does not exist"):
                continue
            if e["line"] > 0:
                with open(path, encoding="utf-8", errors="replace") as f:
                    lines = f.read().split("\n")
                check(e["line"] <= len(lines) and lines[e["line"] - 1].rstrip("\r") == e["snippet"],
                      f"{name}: evidence {e['path']}:{e['line']} snippet does not match the file")
    code, text, err = run("assess", source("samples", name))
    # The header wraps when the workload's path is long, so look among the first lines.
    check(code == 0 and any(l.startswith(f"VERDICT: {verdict}") for l in text.splitlines()[:6]),
          f"{name}: text report lacks the verdict line")
    check("\x1b[" not in text, f"{name}: escape codes in piped text output")
    check(all(len(l) <= 80 for l in text.splitlines() if "[" not in l or "]" not in l),
          f"{name}: text report wider than 80 columns")

# A 400 s job: not a fit on the 2016 profile (300 s), fine on current Lambda (900 s).
slow = source("tests", "fixtures", "workloads", "slow-job")
report = assess_json(slow, "--platform", "all")
if report:
    by_id = {p["id"]: p for p in report["platforms"]}
    check(report["platform"]["id"] == "aws-lambda-2016", "default platform is not first")
    check(by_id["aws-lambda-2016"]["verdict"] == "not-a-fit", "400 s job fits the 300 s profile")
    check(by_id["aws-lambda-2016"]["blocking"] == ["runtime-limit"], f"blocking: {by_id['aws-lambda-2016']['blocking']}")
    check(by_id["aws-lambda"]["verdict"] != "not-a-fit", "400 s job blocked on the 900 s profile")
    check(len(by_id) == 7, f"expected 7 platforms, got {len(by_id)}")
    runtime = next(c for c in report["criteria"] if c["id"] == "runtime-limit")
    check("400 s, over the platform's timeout of 300 s" in runtime["reason"], f"reason: {runtime['reason']}")
    check(runtime["answer"]["by"] == "search-team@example.com", "the report does not say whose answer it is")
    check("Batch" in runtime["advice"], "runtime-limit advice missing")
code, text, _ = run("assess", slow, "--platform", "all")
check(code == 0 and "aws-lambda-2016" in text and "not-a-fit" in text and "good-fit" in text,
      "text comparison table missing")
check("runtime-limit" in text and "advice:" in text, "text report lacks the limit and its advice")

# The same answer through --answers, on a copy without a manifest.
with tempfile.TemporaryDirectory() as tmp:
    shutil.copy(os.path.join(slow, "job.py"), tmp)
    answers = os.path.join(tmp, "answers.yaml")
    with open(answers, "w") as f:
        f.write("answers:\n  runtime.max_seconds: 7m\n")
    code, out, err = run("assess", tmp, "--answers", answers, "--format", "json")
    if check(code == 0, f"--answers run failed: {err}"):
        r = json.loads(out)
        check(r["verdict"] == "not-a-fit", "7 minutes through --answers is not a runtime-limit")

# No answers at all: the report lists the questions that could change the verdict.
report = assess_json(source("tests", "fixtures", "workloads", "unanswered"))
if report:
    check(report["verdict"] == "undetermined", f"unanswered workload verdict {report['verdict']}")
    changing = [q for q in report["open_questions"] if "would_change_verdict_to" in q]
    check(len(changing) >= 2, f"only {len(changing)} verdict-changing questions")
    check(any(q["fact"] == "runtime.max_seconds" and q["if_answer"] == "over 300 s" for q in changing),
          "runtime question does not say what answer would change the verdict")
code, text, _ = run("assess", source("tests", "fixtures", "workloads", "unanswered"))
check("Open questions" in text and "would make it not-a-fit" in text, "text report lacks open questions")

# Evidence is stored once (schema 3): one top-level table, criteria of every platform and
# facts hold indices into it, each item is listed once and each is referenced.
report = assess_json(source("samples", "legacy-daemon"), "--platform", "all")
if report:
    table = report["evidence"]
    check(report["schema_version"] == 3, f"schema_version {report['schema_version']}")
    check(len(report["platforms"]) > 1 and len(table) > 0, f"{len(report['platforms'])} platforms, {len(table)} items")
    keys = [json.dumps(e, sort_keys=True) for e in table]
    check(len(set(keys)) == len(keys), "an evidence item is listed twice in the report's table")
    referenced = set()
    by_criterion = {}
    for p in report["platforms"]:
        for c in p["criteria"]:
            check(all(isinstance(i, int) and 0 <= i < len(table) for i in c["evidence"]),
                  f"{p['id']}/{c['id']}: evidence is not indices into the table: {c['evidence'][:5]}")
            check(by_criterion.setdefault(c["id"], c["evidence"]) == c["evidence"],
                  f"{p['id']}/{c['id']}: evidence differs between platforms")
            referenced.update(c["evidence"])
    for f in report["facts"]:
        check(len(f["evidence"]) == f["evidence_count"], f"{f['id']}: {len(f['evidence'])} refs, count {f['evidence_count']}")
        referenced.update(f["evidence"])
    check(referenced == set(range(len(table))), f"unreferenced items: {sorted(set(range(len(table))) - referenced)}")

# -o writes the file and prints nothing.
with tempfile.TemporaryDirectory() as tmp:
    out_file = os.path.join(tmp, "r.json")
    code, out, _ = run("assess", source("samples", "s3-thumbnailer"), "--format", "json", "-o", out_file)
    check(code == 0 and out == "" and json.load(open(out_file))["verdict"] == "good-fit", "-o did not write the report")

# rules and platforms subcommands.
code, out, _ = run("rules", "list")
check(code == 0 and "runtime-limit" in out and "packer-template" in out, "rules list")
check(re.search(r"^  schedule +sets: schedule.cron; reads: facts tagged host-coupling \(15\)$", out, re.M),
      f"rules list shows what the analyzers declare:\n{out}")
code, out, _ = run("rules", "show", "runtime-limit")
check(code == 0 and "advice:" in out and "runtime-limit.yaml" in out, "rules show")
code, out, _ = run("rules", "validate", source("rules"), "--alone")
check(code == 0 and ": ok" in out, f"rules validate: {out}")
code, out, _ = run("platforms")
check(code == 0 and "aws-lambda-2016" in out and "300 s" in out and "(default)" in out, "platforms")

finish("samples")
