"""File roles end to end: evidence in tests, examples, dev containers, helper and build scripts
is listed as not counted with its role and never makes a criterion apply; a Java package
folder named `example` stays deployed code; the score range of an undetermined verdict."""
import json
import os
import shutil
import tempfile

from support import check, evidence_of, finish, run, source, validate

SAM = source("tests", "fixtures", "workloads", "roles-sam")
JAVA = source("tests", "fixtures", "workloads", "roles-java")
CODEURI = source("tests", "fixtures", "workloads", "roles-codeuri")
AUTOMAKE = source("tests", "fixtures", "workloads", "roles-automake")

# Each helper file and the role the conventions must give it.
NOT_COUNTED = {
    "tests/unit/test_handler.py": "test",
    "examples/local_server.py": "example",
    ".devcontainer/Dockerfile": "tooling",
    "devtools/Dockerfile.dev": "tooling",
    "invoke.sh": "tooling",
    "build-layer.sh": "build",
}
# Criteria those files would make apply if they counted.
WOULD_APPLY = {"host-logs", "native-os", "setup-dependencies", "background-process", "inbound-network",
               "heavy-machine-image"}


def assess_json(path, *extra):
    code, out, err = run("assess", path, "--format", "json", "--platform", "aws-lambda", *extra)
    if not check(code == 0, f"assess {path} exited {code}: {err}"):
        return None
    report = json.loads(out)
    validate(report, "report.schema.json", path)
    return report


def line_of(root, path, line):
    with open(os.path.join(root, path), encoding="utf-8") as f:
        return f.read().split("\n")[line - 1]


report = assess_json(SAM)
if report:
    status = {c["id"]: c["status"] for c in report["criteria"]}
    for cid in WOULD_APPLY:
        check(status[cid] != "applies", f"roles-sam: {cid} applies from helper files")
    for c in report["criteria"]:
        for e in evidence_of(report, c):
            check(e["role"] == "deployed" and e["counted"], f"roles-sam: {c['id']} counts {e['path']}")
    nc = report["scan"]["not_counted"]
    seen = {}
    for e in nc:
        seen[e["path"]] = e["role"]
        check(not e["counted"], f"not counted item {e['path']} says counted")
        check(line_of(SAM, e["path"], e["line"]) == e["snippet"], f"{e['path']}:{e['line']} snippet differs")
    for path, role in NOT_COUNTED.items():
        check(seen.get(path) == role, f"roles-sam: {path} not listed as not counted {role} (got {seen.get(path)})")
    places = [(e["path"], e["line"]) for e in nc]
    check(len(places) == len(set(places)), f"not counted places repeat: {places}")
    # One line, two detectors (the uvicorn call both serves and never returns): one item.
    uvicorn = [e for e in nc if e["path"] == "examples/local_server.py"]
    check(len(uvicorn) == 1 and {"python-server-inbound", "python-server-forever"} <= set(uvicorn[0]["detectors"]),
          f"uvicorn line: {uvicorn}")
    roles = report["scan"]["roles"]
    check(roles == {"deployed": 4, "build": 1, "test": 1, "example": 1, "tooling": 3, "docs": 0, "vendored": 0},
          f"role counts: {roles}")
    check(report["verdict"] != "not-a-fit", f"roles-sam: verdict {report['verdict']}")
    low, high = report["score_range"]
    check(low <= report["score"] <= high, f"score {report['score']} outside {report['score_range']}")
    if report["verdict"] == "undetermined":
        check(low < high, f"undetermined with a closed range {report['score_range']}")

# Every human format and SARIF say what was not counted and why.
for fmt, needle in (("text", "Not counted: "), ("md", "## Not counted"), ("html", 'id="not-counted"'),
                    ("sarif", '"counted": false')):
    code, out, err = run("assess", SAM, "--platform", "aws-lambda", "--format", fmt)
    check(code == 0 and needle in out, f"{fmt} report lacks {needle!r}")
    check("invoke.sh" in out and "tooling" in out, f"{fmt} report lacks the invoke script and its role")

# Without its template the same tree leaves the host questions open: undetermined, and every
# human format shows the range the score could land in.
with tempfile.TemporaryDirectory() as tmp:
    bare = os.path.join(tmp, "sam")
    shutil.copytree(SAM, bare)
    os.remove(os.path.join(bare, "template.yaml"))
    report = assess_json(bare)
    if report:
        check(report["verdict"] == "undetermined", f"roles-sam without a template: {report['verdict']}")
        low, high = report["score_range"]
        for fmt in ("text", "md", "html"):
            code, out, err = run("assess", bare, "--platform", "aws-lambda", "--format", fmt)
            check(code == 0 and f"{low}\u2013{high}" in out,
                  f"{fmt} report of an undetermined verdict shows no score range {low}\u2013{high}")

# The same files count once the manifest says they are deployed: the evidence is real.
with tempfile.TemporaryDirectory() as tmp:
    copy = os.path.join(tmp, "sam")
    shutil.copytree(SAM, copy)
    with open(os.path.join(copy, "lambdafit.yaml"), "w") as f:
        f.write("roles:\n  deployed: ['**']\n")
    forced = assess_json(copy)
    if forced:
        status = {c["id"]: c["status"] for c in forced["criteria"]}
        for cid in WOULD_APPLY:
            check(status[cid] == "applies", f"with every file deployed, {cid} is {status[cid]}")
        check(forced["scan"]["not_counted"] == [], "manifest roles did not win over the conventions")
        check(forced["verdict"] == "not-a-fit", f"forced verdict {forced['verdict']}")
    with open(os.path.join(copy, "lambdafit.yaml"), "w") as f:
        f.write("roles:\n  deploy: ['**']\n")
    code, out, err = run("assess", copy)
    check(code == 2 and "lambdafit.yaml:2:3: error: unknown role 'deploy'; did you mean 'deployed'?" in err,
          f"bad role name: exit {code}, {err}")

# A Java app in a package named org.example is Java code, not an example.
report = assess_json(JAVA)
if report:
    langs = [l["language"] for l in report["languages"]]
    check(langs[:1] == ["java"], f"roles-java languages: {langs}")
    status = {c["id"]: c["status"] for c in report["criteria"]}
    check(status["runtime-language"] == "clear", f"runtime-language is {status['runtime-language']}")
    check(report["scan"]["roles"]["deployed"] == 1 and report["scan"]["roles"]["test"] == 1
          and report["scan"]["roles"]["build"] == 1, f"roles-java roles: {report['scan']['roles']}")

# A template's CodeUri under examples/ makes that code deployed: its evidence counts, and the
# report says which key made it so. An example no template names stays an example; a CodeUri
# computed at deploy time is noted, not guessed.
report = assess_json(CODEURI)
if report:
    logs = next(c for c in report["criteria"] if c["id"] == "host-logs")
    check(logs["status"] == "applies", f"roles-codeuri: host-logs is {logs['status']}")
    paths = {(e["path"], e["role"], e["counted"]) for e in evidence_of(report, logs)}
    check(("examples/resize/app.py", "deployed", True) in paths, f"roles-codeuri: host-logs evidence {paths}")
    nc = {e["path"]: e["role"] for e in report["scan"]["not_counted"]}
    check(nc.get("examples/other/tail.py") == "example", f"roles-codeuri: not counted {nc}")
    marks = {(d["path"], d["source"], d["rule"]) for d in report["scan"]["deployed_by"] if d["changed"] > 0}
    check(("examples/resize", "template.yaml:8:7", "sam-code-uri") in marks, f"roles-codeuri: deployed_by {marks}")
    notes = report["scan"]["coverage_notes"]
    check(any(n.startswith("template.yaml:16:7: note: '!Sub ${StageDir}/staged' is computed when deployed")
              for n in notes), f"roles-codeuri: no note for the computed CodeUri: {notes}")
    code, out, err = run("assess", CODEURI, "--platform", "aws-lambda")
    check(code == 0 and "deployed by deployment files: examples/resize (1 file, template.yaml:8:7)" in out,
          f"roles-codeuri text report lacks the deployed-by line: {out[-600:]}")

# Automake says what each C source is for: the installed daemon's sources and a convenience
# library's count, the check program's and the never-installed load generator's do not; a
# source the daemon shares with the test stays deployed.
report = assess_json(AUTOMAKE)
if report:
    image = next(c for c in report["criteria"] if c["id"] == "heavy-machine-image")
    counted = {(e["path"], e["role"], e["counted"]) for e in evidence_of(report, image)}
    check(counted == {("counter.c", "deployed", True)}, f"roles-automake: heavy-machine-image counts {counted}")
    logs = next(c for c in report["criteria"] if c["id"] == "host-logs")
    counted = {(e["path"], e["role"]) for e in evidence_of(report, logs)}
    check(("lib/store.c", "deployed") in counted, f"roles-automake: host-logs counts {counted}")
    nc = {e["path"]: e["role"] for e in report["scan"]["not_counted"]}
    check(nc == {"tallytest.c": "test", "bench.c": "tooling"}, f"roles-automake: not counted {nc}")
    marks = {(d["path"], d["source"], d["rule"], d["role"], d["files"], d["changed"])
             for d in report["scan"]["deployed_by"]}
    for m in [("tallyd", "Makefile.am:4:16", "automake-installed-program", "deployed", 4, 0),
              ("lib/libstore.la", "lib/Makefile.am:1:22", "automake-installed-program", "deployed", 2, 1),
              ("tallytest", "Makefile.am:6:18", "automake-check-program", "test", 4, 1),
              ("tally-bench", "Makefile.am:5:19", "automake-noinst-program", "tooling", 1, 1)]:
        check(m in marks, f"roles-automake: no deployed_by {m} in {marks}")
    code, out, err = run("assess", AUTOMAKE, "--platform", "aws-lambda")
    check(code == 0 and "tallytest (1 file, Makefile.am:6:18, as test)" in out,
          f"roles-automake text report lacks the Automake marks: {out[-600:]}")

finish("e2e.roles")
