"""The real binary on the deployment-descriptor samples: evidence from descriptors at real
lines, declared bounds shown with their place, host questions settled by a descriptor line,
servers found from how they start, and a malformed template noted while the scan goes on."""
import json
import os
import shutil
import tempfile

from support import check, evidence_of, finish, run, source, validate

FUNCTIONS = ["sam-python-orders", "sam-java-invoices", "sls-node-webhook", "sls-python-nightly",
             "lambda-cpp-checksum"]
HOST_CRITERIA = ["ssh-access", "heavy-machine-image", "immediate-patching", "compliance-snapshots",
                 "os-update-fragile", "optimized-instance"]
# Where each function sample declares its timeout and memory (path, line of the key).
DECLARED = {
    "sam-python-orders": {"runtime.max_seconds": (30, "template.yaml", 12),
                          "memory.peak_mb": (512, "template.yaml", 13)},
    "sam-java-invoices": {"runtime.max_seconds": (20, "template.yaml", 14),
                          "memory.peak_mb": (1024, "template.yaml", 13)},
    # provider sets 256 MB; `receive` sets 10 s; `settle` gets the framework's 6 s default.
    "sls-node-webhook": {"runtime.max_seconds": (10, "serverless.yml", 15),
                         "memory.peak_mb": (256, "serverless.yml", 8)},
    "sls-python-nightly": {"runtime.max_seconds": (6, "serverless.yml", 16),
                           "memory.peak_mb": (256, "serverless.yml", 18)},
    "lambda-cpp-checksum": {"runtime.max_seconds": (60, "template.yaml", 13),
                            "memory.peak_mb": (256, "template.yaml", 12)},
}
# The code-level handler each sample's function-handler strength must show.
HANDLER_DETECTOR = {
    "sam-python-orders": "python-function-handler",
    "sam-java-invoices": "java-function-handler",
    "sls-node-webhook": "node-function-handler",
    "sls-python-nightly": "python-function-handler",
    "lambda-cpp-checksum": "cpp-lambda-run-handler",
}
STRENGTHS = {
    "sam-python-orders": {"event-driven", "function-handler"},
    "sam-java-invoices": {"event-driven", "function-handler"},
    "sls-node-webhook": {"event-driven", "function-handler"},
    # scheduled-short-job also needs background-process clear, which waits for file roles
    # (scripts/invoke.sh's client-side loop still counts on this branch).
    "sls-python-nightly": {"function-handler"},
    "lambda-cpp-checksum": {"event-driven", "function-handler"},
}


def assess_json(path, *extra):
    code, out, err = run("assess", path, "--format", "json", *extra)
    if not check(code == 0, f"assess {path} exited {code}: {err}"):
        return None
    report = json.loads(out)
    validate(report, "report.schema.json", os.path.basename(path))
    return report


def line_of(root, path, line):
    with open(os.path.join(root, path), encoding="utf-8") as f:
        return f.read().split("\n")[line - 1]


def check_real_lines(name, root, report):
    """Every evidence item and every bound source points at its real line."""
    items = [e for c in report["criteria"] for e in evidence_of(report, c)]
    for f in report["facts"]:
        items += [f[k]["source"] for k in ("lower", "upper") if k in f]
    for e in items:
        if e["line"] > 0:
            check(line_of(root, e["path"], e["line"]) == e["snippet"],
                  f"{name}: {e['path']}:{e['line']} snippet does not match the file")


for name in FUNCTIONS:
    root = source("samples", name)
    report = assess_json(root)
    if report is None:
        continue
    check(report["platform"]["id"] == "aws-lambda", f"{name}: platform {report['platform']['id']}")
    check_real_lines(name, root, report)
    facts = {f["id"]: f for f in report["facts"]}
    crit = {c["id"]: c for c in report["criteria"]}
    # Deployed as a function, found in a descriptor.
    check(facts["deploy.function"]["value"] is True, f"{name}: not recognised as a function")
    # Declared timeout and memory are upper bounds with their place; their limits are clear.
    for fact, (value, path, line) in DECLARED[name].items():
        up = facts[fact].get("upper")
        if not check(up is not None, f"{name}: no declared bound for {fact}"):
            continue
        check(up["value"] == value and up["source"]["path"] == path and up["source"]["line"] == line,
              f"{name}: {fact} bound {up['value']} at {up['source']['path']}:{up['source']['line']}, "
              f"expected {value} at {path}:{line}")
    for cid in ("runtime-limit", "memory-limit"):
        check(crit[cid]["status"] == "clear", f"{name}: {cid} is {crit[cid]['status']}")
        check("declared up to" in crit[cid]["reason"], f"{name}: {cid} reason lacks the bound: {crit[cid]['reason']}")
    # Host questions settled by the descriptor line, not asked.
    for cid in HOST_CRITERIA:
        c = crit[cid]
        check(c["status"] == "clear" and "no host of its own" in c["reason"],
              f"{name}: {cid} is {c['status']}: {c['reason']}")
        fid = c["facts"][0]["id"]
        check(":" in facts[fid].get("settled_by", ""), f"{name}: {fid} has no settling line")
        check(all(q["fact"] != fid for q in report["open_questions"]), f"{name}: still asks about {fid}")
    handler = crit["function-handler"]
    check(any(HANDLER_DETECTOR[name] in e.get("detectors", [e["detector"]]) for e in evidence_of(report, handler)),
          f"{name}: no {HANDLER_DETECTOR[name]} evidence")
    check(facts["deploy.runtime"]["value"], f"{name}: no runtime read from the descriptor")
    check(set(report["strengths"]) >= STRENGTHS[name],
          f"{name}: strengths {report['strengths']} lack {STRENGTHS[name] - set(report['strengths'])}")
    # The text report shows the declared bound next to the limit it decides.
    code, text, _ = run("assess", root, "--format", "md")
    check(code == 0 and "declared up to" in text, f"{name}: markdown report does not show the declared bound")

# The nightly job's schedule comes from serverless.yml.
report = assess_json(source("samples", "sls-python-nightly"))
if report:
    sched = next(c for c in report["criteria"] if c["id"] == "scheduled-short-job")
    # One item per place: the schedule line may carry several detectors.
    check(any("sls-schedule" in e.get("detectors", [e["detector"]]) and e["path"] == "serverless.yml"
              and e["line"] == 20
              for e in evidence_of(report, sched)), "sls-python-nightly: the schedule event is not evidence")

# Servers found from how they start, with the adapter named in the advice.
report = assess_json(source("samples", "flask-gunicorn"))
if report:
    check_real_lines("flask-gunicorn", source("samples", "flask-gunicorn"), report)
    inbound = next(c for c in report["criteria"] if c["id"] == "inbound-network")
    check(inbound["status"] == "applies", f"flask-gunicorn: inbound-network {inbound['status']}")
    check(any("procfile-web" in e.get("detectors", [e["detector"]]) and e["path"] == "Procfile" and e["line"] == 1
              for e in evidence_of(report, inbound)), "flask-gunicorn: the Procfile web line is not evidence")
    check("WSGI" in inbound["advice"] and "Web Adapter" in inbound["advice"], "inbound advice names no adapter")
    bg = next(c for c in report["criteria"] if c["id"] == "background-process")
    check(not any(e["path"] == "Procfile" for e in evidence_of(report, bg)), "a Procfile release line counted as a worker")

report = assess_json(source("samples", "spring-boot-api"))
if report:
    check_real_lines("spring-boot-api", source("samples", "spring-boot-api"), report)
    inbound = next(c for c in report["criteria"] if c["id"] == "inbound-network")
    check(inbound["status"] == "applies", f"spring-boot-api: inbound-network {inbound['status']}")
    check(any("dockerfile-expose" in e.get("detectors", [e["detector"]]) and e["line"] == 4 for e in evidence_of(report, inbound)),
          "spring-boot-api: EXPOSE 8080 is not evidence")
    check("aws-serverless-java-container" in inbound["advice"], "advice lacks the Java container proxy")
    mem = next(f for f in report["facts"] if f["id"] == "memory.peak_mb")
    check(mem.get("upper", {}).get("value") == 768 and mem.get("lower", {}).get("value") == 256,
          f"spring-boot-api: heap flags not read as bounds: {mem}")

# Kubernetes: a 4 GiB limit alone leaves memory-limit unknown on the 3008 MB profile and shows
# the bound; a 3 GiB request as well makes it apply.
for name, status in (("k8s-worker", "unknown"), ("k8s-worker-req", "applies")):
    report = assess_json(source("samples", name))
    if not report:
        continue
    check(report["platform"]["id"] == "aws-lambda-2016", f"{name}: platform {report['platform']['id']}")
    mem = next(c for c in report["criteria"] if c["id"] == "memory-limit")
    check(mem["status"] == status, f"{name}: memory-limit {mem['status']}, expected {status}")
    check("declared" in mem["reason"] and "4096 MB (deploy/worker.yaml:" in mem["reason"],
          f"{name}: reason lacks the bound and its place: {mem['reason']}")
    bg = next(c for c in report["criteria"] if c["id"] == "background-process")
    check(bg["status"] == "applies" and any("k8s-long-running" in e.get("detectors", [e["detector"]]) for e in evidence_of(report, bg)),
          f"{name}: the Deployment is not found as long-running")
    if status == "applies":
        check("at least 3072 MB" in mem["reason"], f"{name}: reason lacks the request: {mem['reason']}")
        check("memory-limit" in report["blocking"], f"{name}: memory-limit does not block")
    code, text, _ = run("assess", source("samples", name))
    check(code == 0 and "declared" in text and "deploy/worker.yaml" in text,
          f"{name}: text report does not show the declared bound")

# A malformed template: a file:line:col note, and the rest of the scan goes on.
with tempfile.TemporaryDirectory() as tmp:
    shutil.copytree(source("samples", "sam-python-orders"), tmp, dirs_exist_ok=True)
    with open(os.path.join(tmp, "broken.yaml"), "w") as f:
        f.write("Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: {Timeout: [30\n")
    report = assess_json(tmp)
    if report:
        notes = report["scan"]["coverage_notes"]
        check(any(n.startswith("broken.yaml:") and "cannot read this yaml file" in n for n in notes),
              f"no note for the malformed template: {notes}")
        check(any(f["id"] == "deploy.function" and f["value"] is True for f in report["facts"]),
              "the good template was not read after the broken one")

finish("e2e.descriptor_samples")
