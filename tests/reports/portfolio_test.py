"""A portfolio of every sample plus one workload that cannot be assessed, in every summary
format: one row per workload, best candidates first, the failure as a row with its error."""
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import jsonschema

sys.path.insert(0, os.path.dirname(__file__))
import report_env  # noqa: E402
from report_env import SOURCE_DIR, fail, run, sample_dirs  # noqa: E402

RANK = {"good-fit": 0, "fit-with-caveats": 1, "undetermined": 2, "not-a-fit": 3}
ERROR_AT = re.compile(r"broken/lambdafit\.yaml:\d+:\d+: ")


def write_portfolio(tmp):
    broken = os.path.join(tmp, "broken")
    os.makedirs(broken)
    with open(os.path.join(broken, "lambdafit.yaml"), "w") as f:
        f.write("name: [unclosed\n")
    lines = ["# every sample, and one workload whose manifest is malformed", "workloads:"]
    for d in sample_dirs():
        lines.append(f"  - path: {d}")
    lines.append("  - path: broken")
    lines.append("    name: broken")
    path = os.path.join(tmp, "portfolio.yaml")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


def summary(fmt, *args):
    proc = run("assess", *args, "--format", fmt, check=False)
    # 3: the summary was written but a workload failed (2 is kept for usage errors).
    if proc.returncode != 3:
        fail(f"{fmt}: expected exit code 3 with a failed workload, got {proc.returncode}\n{proc.stderr}")
    if "workload 'broken' could not be assessed" not in proc.stderr:
        fail(f"{fmt}: the failure is not reported on stderr:\n{proc.stderr}")
    if "\x1b" in proc.stdout:
        fail(f"{fmt}: escape codes in piped output")
    return proc.stdout


def main():
    names = [os.path.basename(d) for d in sample_dirs()]
    schema = json.load(open(os.path.join(SOURCE_DIR, "docs", "schemas", "portfolio.schema.json")))
    with tempfile.TemporaryDirectory() as tmp:
        portfolio = write_portfolio(tmp)
        args = ("--portfolio", portfolio)

        doc = json.loads(summary("json", *args))
        jsonschema.Draft7Validator(schema).validate(doc)
        rows = doc["workloads"]
        if [r["name"] for r in rows if r["status"] == "assessed"] and rows[-1]["name"] != "broken":
            fail("the failed workload is not the last row")
        if sorted(r["name"] for r in rows) != sorted(names + ["broken"]):
            fail(f"rows {[r['name'] for r in rows]} are not the samples plus 'broken'")
        ranks = [(RANK[r["verdict"]], -r["score"]) for r in rows if r["status"] == "assessed"]
        if ranks != sorted(ranks):
            fail(f"rows are not best candidates first: {[(r['name'], r.get('verdict')) for r in rows]}")
        if not ERROR_AT.search(rows[-1]["error"]):
            fail(f"the failed row's error does not name file:line:col: {rows[-1]['error']}")
        print("ok json:", ", ".join(f"{r['name']}={r.get('verdict', 'failed')}" for r in rows))

        table = list(csv.reader(io.StringIO(summary("csv", *args), newline="")))
        if table[0][:4] != ["rank", "workload", "path", "status"] or len(table) != len(rows) + 1:
            fail(f"csv: unexpected shape {table[:2]}")
        if [t[1] for t in table[1:]] != [r["name"] for r in rows]:
            fail("csv: rows differ from the json order")
        if table[-1][3] != "failed" or not ERROR_AT.search(table[-1][10]):
            fail(f"csv: the failed row is wrong: {table[-1]}")
        print(f"ok csv: {len(table) - 1} rows")

        for fmt in ("text", "md", "html"):
            out = summary(fmt, *args)
            missing = [n for n in names + ["broken"] if n not in out]
            if missing:
                fail(f"{fmt}: rows missing for {missing}")
            if not ERROR_AT.search(" ".join(out.split())):  # the error may wrap
                fail(f"{fmt}: the failed row's error is not shown")
            print(f"ok {fmt}: {len(out)} bytes")

        # Several directories on the command line make a portfolio too.
        proc = run("assess", *sample_dirs(), "--format", "json")
        if len(json.loads(proc.stdout)["workloads"]) != len(names):
            fail("positional portfolio: wrong number of rows")
        print("ok positional directories")

        # -o DIR: the summary plus each workload's own report, linked from the summary.
        out_dir = os.path.join(tmp, "out")
        summary("html", *args, "-o", out_dir)
        written = sorted(os.listdir(out_dir))
        expected = sorted([f"{n}.html" for n in names] + ["portfolio.html"])
        if written != expected:
            fail(f"-o DIR wrote {written}, expected {expected}")
        html = open(os.path.join(out_dir, "portfolio.html")).read()
        for n in names:
            if f'href="{n}.html"' not in html:
                fail(f"the summary does not link to {n}.html")
        if 'id="verdict"' not in open(os.path.join(out_dir, f"{names[0]}.html")).read():
            fail("the per-workload report is not a full HTML report")
        print(f"ok -o DIR: {len(written)} files")

        # With csv, each workload's own report is JSON, valid against the report schema.
        report_schema_path = os.path.join(SOURCE_DIR, "docs", "schemas", "report.schema.json")
        csv_dir = os.path.join(tmp, "csv-out")
        summary("csv", *args, "-o", csv_dir)
        if sorted(os.listdir(csv_dir)) != sorted([f"{n}.json" for n in names] + ["portfolio.csv"]):
            fail(f"csv -o DIR wrote {sorted(os.listdir(csv_dir))}")
        if os.path.exists(report_schema_path):
            report_schema = json.load(open(report_schema_path))
            validator = jsonschema.validators.validator_for(report_schema)(report_schema)
            for n in names:
                validator.validate(json.load(open(os.path.join(csv_dir, f"{n}.json"))))
            print(f"ok csv -o DIR: {len(names)} JSON reports valid against report.schema.json")
        else:
            print("note: docs/schemas/report.schema.json not present; per-workload JSON not validated")

        # Errors in the portfolio file name file:line:col and suggest the near key.
        bad = os.path.join(tmp, "bad.yaml")
        with open(bad, "w") as f:
            f.write("workloads:\n  - path: a\n  - pth: b\n")
        proc = run("assess", "--portfolio", bad, check=False)
        if (proc.returncode != 2 or f"{bad}:3:5: error: unknown key 'pth'" not in proc.stderr
                or "did you mean 'path'?" not in proc.stderr):
            fail(f"bad portfolio file: exit {proc.returncode}, stderr:\n{proc.stderr}")
        print("ok portfolio file errors")

        proc = run("assess", sample_dirs()[0], "--format", "csv", check=False)
        if proc.returncode != 2 or "portfolio" not in proc.stderr:
            fail("csv for a single workload should be refused")
        print("ok csv needs a portfolio")

        check_platforms_and_files(tmp, names)


def check_platforms_and_files(tmp, names):
    """--platform all in every format, top blockers, paths as given, -o FILE versus -o DIR, and a
    portfolio rolled up from saved JSON reports."""
    # Paths as given: relative to the current directory, not made absolute.
    rel = [os.path.relpath(d) for d in sample_dirs()]
    doc = json.loads(run("assess", *rel, "--platform", "all", "--format", "json").stdout)
    if sorted(w["path"] for w in doc["workloads"]) != sorted(rel):
        fail(f"paths are not shown as given: {[w['path'] for w in doc['workloads']]}")
    platforms = len([l for l in run("platforms").stdout.splitlines()[1:] if l.strip()])
    for w in doc["workloads"]:
        if len(w["platforms"]) != platforms:
            fail(f"{w['name']}: {len(w['platforms'])} platform verdicts with --platform all, {platforms} platforms")
        best = min(w["platforms"], key=lambda p: (RANK[p["verdict"]], -p["score"]))
        if (RANK[best["verdict"]], best["score"]) != next((RANK[p["verdict"]], p["score"]) for p in w["platforms"]
                                                          if p["id"] == w["best_platform"]):
            fail(f"{w['name']}: best platform {w['best_platform']} is not the best verdict and score")
    blocked = {}
    for w in doc["workloads"]:
        for b in w["blocking"]:
            blocked[b] = blocked.get(b, 0) + 1
    if {b["id"]: b["workloads"] for b in doc["top_blockers"]} != blocked:
        fail(f"top blockers {doc['top_blockers']} do not count the workloads' blocking criteria {blocked}")
    counts = [b["workloads"] for b in doc["top_blockers"]]
    if counts != sorted(counts, reverse=True):
        fail("top blockers are not most common first")
    text = run("assess", *rel, "--platform", "all").stdout
    md = run("assess", *rel, "--platform", "all", "--format", "md").stdout
    html = run("assess", *rel, "--platform", "all", "--format", "html").stdout
    table = list(csv.reader(io.StringIO(run("assess", *rel, "--platform", "all", "--format", "csv").stdout, newline="")))
    if "Best platform per workload" not in text or "## By platform" not in md or 'id="platform-matrix"' not in html:
        fail("the platform view is missing from text, Markdown or HTML")
    if table[0][11:14] != ["best_platform", "best_verdict", "platform_verdicts"] or \
            any(len(r[13].split(";")) != platforms for r in table[1:]):
        fail(f"csv lacks the platform columns: {table[0]}")
    if blocked and ("Most common blockers" not in text or "## Most common blockers" not in md
                    or 'id="top-blockers"' not in html):
        fail("the top blockers are missing from text, Markdown or HTML")
    print(f"ok --platform all: {platforms} verdicts and the best platform per workload in every format; "
          f"top blockers {blocked}; paths as given")

    # -o FILE with a report extension is one file; other names are directories.
    csv_file = os.path.join(tmp, "estate.csv")
    run("assess", *sample_dirs(), "-o", csv_file)
    if not os.path.isfile(csv_file) or not open(csv_file).read().startswith("rank,workload"):
        fail("-o estate.csv did not write one CSV file")
    out_dir = os.path.join(tmp, "estate")
    run("assess", *sample_dirs(), "-o", out_dir)
    if not os.path.isfile(os.path.join(out_dir, "portfolio.txt")):
        fail(f"-o DIR without an extension did not fill a directory: {os.listdir(tmp)}")
    print("ok -o estate.csv is a file, -o estate is a directory")

    # Reports saved one per CI job roll up into the same summary.
    saved = []
    for d in sample_dirs():
        path = os.path.join(tmp, f"{os.path.basename(d)}.json")
        run("assess", d, "-o", path)
        saved.append(path)
    direct = json.loads(run("assess", *sample_dirs(), "--format", "json").stdout)
    rolled = json.loads(run("portfolio", *saved, "--format", "json").stdout)
    pick = lambda doc: [(w["name"], w["verdict"], w["score"], w["blocking"]) for w in doc["workloads"]]  # noqa: E731
    if pick(rolled) != pick(direct) or rolled["totals"] != direct["totals"]:
        fail(f"the portfolio from saved reports differs:\n{pick(rolled)}\n{pick(direct)}")
    broken = os.path.join(tmp, "broken.json")
    with open(broken, "w") as f:
        f.write('{"workload": {"name": "x"},\n "platforms": [}')
    proc = run("portfolio", *saved, broken, check=False)
    if proc.returncode != 3 or f"{broken}:2:" not in proc.stderr:
        fail(f"a broken saved report: exit {proc.returncode}, {proc.stderr}")
    html_file = os.path.join(tmp, "rolled.html")
    run("portfolio", *saved, "-o", html_file)
    if 'id="workloads"' not in open(html_file).read():
        fail("portfolio -o x.html did not write the HTML summary")
    print(f"ok portfolio from {len(saved)} saved JSON reports matches the direct portfolio")

    # A folder stands for the reports in it, '.' by default; other JSON files are passed over.
    folder = os.path.join(tmp, "saved")
    os.makedirs(folder)
    for path in saved:
        shutil.copy(path, folder)
    with open(os.path.join(folder, "package.json"), "w") as f:
        f.write('{"name": "not-a-report"}\n')
    here = subprocess.run([report_env.LAMBDAFIT, "portfolio", "--format", "json"], cwd=folder, capture_output=True,
                          text=True, timeout=600)
    if here.returncode != 0 or pick(json.loads(here.stdout)) != pick(rolled):
        fail(f"portfolio with no argument in the reports' folder: exit {here.returncode}, {here.stderr}")
    if pick(json.loads(run("portfolio", folder, "--format", "json").stdout)) != pick(rolled):
        fail("portfolio DIR differs from the reports listed one by one")
    empty = os.path.join(tmp, "empty")
    os.makedirs(empty)
    proc = run("portfolio", empty, check=False)
    if proc.returncode != 2 or "no lambdafit JSON reports" not in proc.stderr:
        fail(f"portfolio of a folder without reports: exit {proc.returncode}, {proc.stderr}")

    # -o DIR/ from saved reports writes each workload's report beside the summary: a JSON
    # report as it was saved, other formats rendered from it.
    for fmt, ext in (("json", "json"), ("md", "md")):
        out_dir = os.path.join(tmp, f"rolled-{fmt}")
        run("portfolio", *saved, "--format", fmt, "-o", out_dir + "/")
        summary_doc = os.path.join(out_dir, f"portfolio.{ext}")
        if not os.path.isfile(summary_doc):
            fail(f"portfolio -o DIR/ --format {fmt}: no summary in {os.listdir(out_dir)}")
        own = sorted(f for f in os.listdir(out_dir) if f != f"portfolio.{ext}")
        if len(own) != len(saved) or not all(f.endswith("." + ext) for f in own):
            fail(f"portfolio -o DIR/ --format {fmt}: workload reports {own}")
        if fmt == "json":
            doc = json.load(open(summary_doc))
            for w in doc["workloads"]:
                with open(os.path.join(out_dir, w["report"]), "rb") as a, open(
                        next(p for p in saved if json.load(open(p))["workload"]["name"] == w["name"]), "rb") as b:
                    if a.read() != b.read():
                        fail(f"{w['report']} is not the saved report as it was")
        else:
            text = open(os.path.join(out_dir, own[0])).read()
            if "**Verdict:" not in text:
                fail(f"{own[0]} is not a Markdown report: {text[:200]}")
    print("ok portfolio reads '.' and folders, and -o DIR/ writes each workload's report")

    # Scores as ranges: every workload carries score_range; an undetermined one shows it.
    for w in rolled["workloads"] + direct["workloads"]:
        lo, hi = w["score_range"]
        if not lo <= w["score"] <= hi:
            fail(f"{w['name']}: score {w['score']} outside {w['score_range']}")
        for c in w["platforms"]:
            if not c["score_range"][0] <= c["score"] <= c["score_range"][1]:
                fail(f"{w['name']} on {c['id']}: score outside its range")
    text = run("portfolio", *saved).stdout
    open_ranges = [w for w in rolled["workloads"] if w["verdict"] == "undetermined" and w["score_range"][0] < w["score_range"][1]]
    for w in open_ranges:
        if f"{w['score_range'][0]}\u2013{w['score_range'][1]}" not in text:
            fail(f"{w['name']}: the text summary does not show the range {w['score_range']}")
    print(f"ok score ranges ({len(open_ranges)} undetermined workloads show theirs)")


if __name__ == "__main__":
    main()
