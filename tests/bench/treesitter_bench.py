#!/usr/bin/env python3
"""Tree-sitter kind vs the previous text kind vs ripgrep on a large Python tree.

Usage: tests/bench/treesitter_bench.py [BUILD_DIR] [TREE]   (defaults: build, /usr/lib/python3.11)

Runs over the same .py files, each timed in CPU seconds (user + sys of the child):
  tree-sitter  `lambdafit assess` with a pack whose only detectors are rules/python/*.yaml
  text         the same pack with the Python text rules these replaced (from git, BASE_REV)
  parse only   a tree-sitter query with no literal, which parses every file and matches nothing
  ripgrep      `rg` with the text rules' patterns (the nearest equivalent a grep can do)
Prints MB of Python source per CPU-second for each. Not run in CI (it needs ripgrep and a
Python tree, and takes a minute); the figure in the README comes from here.
"""
import glob
import os
import resource
import shutil
import subprocess
import sys
import tempfile

import yaml

SOURCE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = sys.argv[1] if len(sys.argv) > 1 else os.path.join(SOURCE, "build")
TREE = sys.argv[2] if len(sys.argv) > 2 else "/usr/lib/python3.11"
# The last commit with the Python text rules, before they moved to tree-sitter.
BASE_REV = "1d1630b"
OLD_RULES = ["python-background", "python-gpu", "python-host-tools", "python-os", "python-polling",
             "python-servers"]


# Parses every file and matches nothing: the cost of parsing alone.
PARSE_ONLY = """detectors:
  - id: parse-only
    kind: tree-sitter
    fact: process.background
    language: python
    query: '((comment) @c (#match? @c "^#.{999}x$"))'
    message: never matches
"""


def cpu_seconds(cmd, env=None):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"{cmd[0]} failed ({done.returncode}): {done.stderr[:2000]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), done.stdout


def pack_with_only(detector_files, dest):
    """A copy of rules/ whose detectors are only those in `detector_files` (name -> text)."""
    shutil.copytree(os.path.join(SOURCE, "rules"), dest, ignore=shutil.ignore_patterns("*.test"))
    for path in glob.glob(os.path.join(dest, "**", "*.yaml"), recursive=True):
        with open(path) as f:
            doc = yaml.safe_load(f) or {}
        if "detectors" in doc:
            doc.pop("detectors")
            with open(path, "w") as f:
                yaml.safe_dump(doc, f)
    for name, text in detector_files.items():
        with open(os.path.join(dest, name), "w") as f:
            f.write(text)


def evidence_count(report_json):
    import json
    report = json.loads(report_json)
    return sum(len(c.get("evidence", [])) for c in report.get("criteria", []))


def main():
    lambdafit = os.path.join(BUILD, "tools", "lambdafit", "lambdafit")
    files = [p for p in glob.glob(os.path.join(TREE, "**", "*.py"), recursive=True) if os.path.isfile(p)]
    mb = sum(os.path.getsize(p) for p in files) / (1024 * 1024)
    print(f"tree: {TREE}: {len(files)} Python files, {mb:.1f} MB")

    new = {f"ts-{os.path.basename(p)}": open(p).read()
           for p in glob.glob(os.path.join(SOURCE, "rules", "python", "*.yaml"))}
    old = {}
    for name in OLD_RULES:
        old[f"{name}.yaml"] = subprocess.run(["git", "-C", SOURCE, "show", f"{BASE_REV}:rules/text/{name}.yaml"],
                                             check=True, stdout=subprocess.PIPE, text=True).stdout
    patterns = []
    for text in old.values():
        for d in yaml.safe_load(text)["detectors"]:
            patterns += d["patterns"]

    with tempfile.TemporaryDirectory() as tmp:
        # Scan a copy so the workload is exactly the .py files (no manifest, no other files).
        tree = os.path.join(tmp, "tree")
        for p in files:
            dst = os.path.join(tree, os.path.relpath(p, TREE))
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copyfile(p, dst)
        results = {}
        parse_only = {"parse-only.yaml": PARSE_ONLY}
        for label, detectors in (("tree-sitter", new), ("text", old), ("parse only", parse_only)):
            rules = os.path.join(tmp, f"rules-{label}")
            pack_with_only(detectors, rules)
            env = dict(os.environ, LAMBDAFIT_RULES_DIR=rules)
            cmd = [lambdafit, "assess", tree, "--format", "json", "-j", "1"]
            cpu, out = cpu_seconds(cmd, env)
            results[label] = (cpu, evidence_count(out))
        rg = shutil.which("rg")
        if rg:
            cmd = [rg, "-c", "--no-messages", "-j", "1", "-t", "py"]
            for p in patterns:
                cmd += ["-e", p]
            cpu, out = cpu_seconds(cmd + [tree])
            results["ripgrep"] = (cpu, sum(int(l.rsplit(":", 1)[1]) for l in out.splitlines() if l))
        else:
            print("ripgrep not installed (apt-get install ripgrep): skipped")
    for label, (cpu, found) in results.items():
        print(f"{label:12} {cpu:7.2f} CPU s  {mb / cpu:7.1f} MB/CPU-s  {found} matches")


if __name__ == "__main__":
    main()
