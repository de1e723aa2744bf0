"""SARIF from every sample (and from a workload with hostile text) validates against the
official SARIF 2.1.0 schema, has one result per evidence item of the JSON report, and every
result points at a real line whose text is the snippet."""
import json
import os
import sys
import tempfile

import jsonschema

sys.path.insert(0, os.path.dirname(__file__))
from report_env import SOURCE_DIR, fail, make_injection_workload, run, sample_dirs  # noqa: E402

# The official OASIS SARIF 2.1.0 schema, kept beside this test.
SCHEMA = os.environ.get("LAMBDAFIT_SARIF_SCHEMA",
                        os.path.join(os.path.dirname(__file__), "schemas", "sarif-schema-2.1.0.json"))


def check_workload(path, validator):
    sarif = json.loads(run("assess", path, "--format", "sarif").stdout)
    report = json.loads(run("assess", path, "--format", "json").stdout)
    errors = sorted(validator.iter_errors(sarif), key=lambda e: list(e.path))
    if errors:
        fail(f"{path}: SARIF is not valid: " + "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5]))
    if len(sarif["runs"]) != 1:
        fail(f"{path}: expected one run")
    run0 = sarif["runs"][0]
    results = run0["results"]
    # Counted evidence, suppressed evidence, and evidence from files whose role does not count
    # (SARIF level "none", property counted: false).
    expected = (sum(f["evidence_count"] for f in report["facts"]) + len(report["scan"]["suppressed"])
                + len(report["scan"]["not_counted"]))
    # Plus the permission findings, each at the line a reviewer changes: one per template line
    # writing wildcard grants, one per line granting never-used actions, one per call of each
    # action not granted (functions whose template says what is granted).
    for fn in report.get("permissions", {}).get("functions", []):
        g = fn["granted"]
        if g is not None and fn["template"] is not None:
            expected += len({(w["path"], w["line"], w["column"]) for w in g["wildcards"]})
            expected += len(g["unused_by_grant"])
            expected += sum(len(n["calls"]) for n in g["not_granted"])
    if len(results) != expected:
        fail(f"{path}: {len(results)} results for {expected} evidence items")
    rules = run0["tool"]["driver"]["rules"]
    if not rules:
        fail(f"{path}: no rules in tool.driver.rules")
    prints = set()
    for r in results:
        rule = rules[r["ruleIndex"]]
        if rule["id"] != r["ruleId"]:
            fail(f"{path}: ruleIndex points at {rule['id']}, not {r['ruleId']}")
        loc = r["locations"][0]["physicalLocation"]
        if loc["artifactLocation"]["uriBaseId"] != "%SRCROOT%":
            fail(f"{path}: location not relative to %SRCROOT%")
        file = os.path.join(path, loc["artifactLocation"]["uri"])
        if not os.path.isfile(file):
            fail(f"{path}: result points at missing file {file}")
        region = loc.get("region")
        if region:
            with open(file, encoding="utf-8", errors="replace") as f:
                lines = f.read().split("\n")
            line = lines[region["startLine"] - 1]
            if "snippet" in region and region["snippet"]["text"].strip() != line.strip():
                fail(f"{path}: snippet {region['snippet']['text']!r} is not line {region['startLine']} of {file}")
        fp = r["partialFingerprints"]["lambdafit/v1"]
        if fp in prints:
            fail(f"{path}: duplicate fingerprint {fp}")
        prints.add(fp)
        if r.get("suppressions") and not r["suppressions"][0].get("justification"):
            fail(f"{path}: suppression without a reason")
    print(f"ok {os.path.basename(path)}: {len(results)} results, {len(rules)} rules, verdict "
          f"{run0['properties']['verdict']}")
    return len(results)


def check_suppression(root, validator):
    """A finding silenced by a lambdafit-ignore comment is a result with a suppression that
    carries the comment's reason; its unsilenced twin on the next line has none."""
    os.makedirs(root)
    with open(os.path.join(root, "job.py"), "w") as f:
        f.write("import subprocess\n"
                'subprocess.run(["sysctl", "-w", "net.core.somaxconn=4096"])  # lambdafit-ignore: tuned by the platform team\n'
                'subprocess.run(["sysctl", "-w", "vm.swappiness=10"])\n')
    check_workload(root, validator)
    sarif = json.loads(run("assess", root, "--format", "sarif").stdout)
    by_line = {r["locations"][0]["physicalLocation"]["region"]["startLine"]: r for r in sarif["runs"][0]["results"]}
    if 2 not in by_line or 3 not in by_line:
        fail(f"expected findings on lines 2 and 3 of job.py, got lines {sorted(by_line)}")
    sup = by_line[2].get("suppressions")
    if not sup or sup[0]["kind"] != "inSource" or sup[0]["justification"] != "tuned by the platform team":
        fail(f"line 2 should be suppressed with its reason: {by_line[2]}")
    if "suppressions" in by_line[3]:
        fail("line 3 is not suppressed")
    print("ok suppression: reason carried into the SARIF result")


def main():
    with open(SCHEMA) as f:
        schema = json.load(f)
    validator = jsonschema.Draft4Validator(schema)
    total = 0
    for d in sample_dirs():
        total += check_workload(d, validator)
    with tempfile.TemporaryDirectory() as tmp:
        root = make_injection_workload(os.path.join(tmp, "inject"))
        if check_workload(root, validator) < 1:
            fail("the injection workload produced no result; the test would prove nothing")
    with tempfile.TemporaryDirectory() as tmp:
        check_suppression(os.path.join(tmp, "suppressed"), validator)
    # The validator itself must reject a broken log, or the checks above prove nothing.
    if not list(validator.iter_errors({"version": "2.1.0", "runs": [{"tool": {}}]})):
        fail("the schema accepted a log without tool.driver")
    print(f"all SARIF valid ({total} sample results)")


if __name__ == "__main__":
    main()
