#!/usr/bin/env python3
"""Benchmarks for issue "fast where it is used": CPU time of lambdafit against an anchor run
of another tool in the same script, as medians of paired runs (the two commands alternate, so
load from other processes hits both alike). Speed is measured here, never in timed tests;
nothing here runs in `.ci/run`.

  tests/bench/speed_bench.py [--lambdafit PATH] [--repeat N] [lint] [text] [cpp] [cpp-missing] [reassess] [reassess-cpp] [memory]

  lint      `lambdafit lint` of a ~300-byte shell script vs `/usr/bin/python3 -c pass`: just
            edited, unchanged (answered by the per-file cache), and a just-edited worker loop
  text      `lambdafit assess` of a Python tree (--tree, default the Python standard library)
            vs `rg` with the pack's text-kind regexes (skipped when rg is absent:
            `apt-get install ripgrep`)
  cpp       `lambdafit assess` of generated small TUs with heavy standard headers vs
            `clang-19 -fsyntax-only` on the same TUs at the same parallelism (skipped without
            clang-19)
  cpp-missing  the same corpus with an SDK's headers missing (included first) vs clang-19
            stopping at them and vs clang-19 given empty stand-ins for them
  reassess  `assess` of an unchanged tree (--tree) with the result cache warm vs `--no-cache`
            (text and tree-sitter results per file, C/C++ results per unit)
  reassess-cpp  the same on the generated C/C++ corpus of `cpp`
  memory    peak memory (max RSS) of `assess --no-cache` on an eighth, a quarter, half and all of
            --tree: whether it stays flat as the tree grows

CPU time is user+system of the child and its children (getrusage via os.wait4), so worker
processes count. Each line prints the medians and the ratio lambdafit/anchor.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[2]

SHELL_SCRIPT = """#!/bin/sh
# Rotate the nightly export and push it to the bucket.
set -eu
out=/var/tmp/export-$(date +%Y%m%d).csv
psql "$DATABASE_URL" -c "\\copy (select * from orders) to '$out' csv header"
gzip -9 "$out"
aws s3 cp "$out.gz" "s3://$BUCKET/exports/"
rm -f "$out.gz"
echo "done: $out"
"""

# A worker loop: the shape of script whose detectors once needed a compiled tree-sitter query
# (two captured child steps); measured as the second just-edited row.
SHELL_WORKER = """#!/bin/sh
# Drain the queue every half minute.
while true; do
  ./process-queue.sh || echo "queue run failed" >&2
  sleep 30
done
"""


def run_cpu(cmd, env=None, cwd=None):
    """Runs cmd, returns (cpu seconds of it and its children, wall seconds, exit status)."""
    start = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - start
    return ru.ru_utime + ru.ru_stime, wall, os.waitstatus_to_exitcode(status), ru.ru_maxrss


def paired(name, ours, anchor, repeat, env=None, ok_codes=(0, 1), cwd=None):
    a_cpu, b_cpu, a_wall, b_wall, a_rss = [], [], [], [], []
    for _ in range(repeat):
        c, w, rc, rss = run_cpu(ours, env=env, cwd=cwd)
        if rc not in ok_codes:
            print(f"{name}: lambdafit exited {rc}: {' '.join(map(str, ours))}", file=sys.stderr)
            return None
        a_cpu.append(c)
        a_wall.append(w)
        a_rss.append(rss)
        c, w, rc, _ = run_cpu(anchor, env=env)
        b_cpu.append(c)
        b_wall.append(w)
    ma, mb = statistics.median(a_cpu), statistics.median(b_cpu)
    # The spread of the pairs' own ratios: on a shared machine it shows how far apart two runs
    # of the same build can land, i.e. which differences between builds mean anything.
    ratios = sorted(a / b for a, b in zip(a_cpu, b_cpu) if b > 0)
    spread = f", pair ratios {ratios[0]:.2f}-{ratios[-1]:.2f}" if len(ratios) > 1 else ""
    print(f"{name}: lambdafit {ma * 1000:.1f} ms CPU ({statistics.median(a_wall) * 1000:.0f} ms wall, "
          f"max RSS {statistics.median(a_rss) / 1024:.0f} MB), anchor {mb * 1000:.1f} ms CPU "
          f"({statistics.median(b_wall) * 1000:.0f} ms wall): ratio {ma / mb:.2f}x  "
          f"[median of {repeat} pairs{spread}]")
    return ma / mb


def load_avg():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def bench_lint(exe, repeat, tmp):
    script = tmp / "nightly.sh"
    script.write_text(SHELL_SCRIPT)
    print(f"lint: script of {len(SHELL_SCRIPT)} bytes")
    # lint takes the working directory as the workload root. A pre-commit hook lints files just
    # edited, which no per-file result can answer; the other caches (the remembered rule
    # checks) stay on. A file stamped within 2 s of a run's start is never kept, so dating the
    # script an hour ahead makes every run meet it as just edited.
    anchor = ["/usr/bin/python3", "-c", "pass"]
    ahead = time.time() + 3600
    os.utime(script, (ahead, ahead))
    paired("lint (just edited)", [exe, "lint", script.name], anchor, repeat, cwd=tmp)
    worker = tmp / "worker.sh"
    worker.write_text(SHELL_WORKER)
    os.utime(worker, (ahead, ahead))
    paired("lint (worker loop, just edited)", [exe, "lint", worker.name], anchor, repeat, cwd=tmp)
    # An unchanged file answered from the per-file cache. A file stamped within 2 s of a run's
    # start is never kept (it could change again unseen), so the script is dated back first.
    past = time.time() - 60
    os.utime(script, (past, past))
    run_cpu([exe, "lint", script.name], cwd=tmp)
    paired("lint (unchanged, cache warm)", [exe, "lint", script.name], anchor, repeat, cwd=tmp)


def text_patterns():
    """Every regex of the pack's text-kind detectors, RE2 syntax as written."""
    import yaml  # only this part needs PyYAML
    pats = []
    for f in sorted((SRC / "rules").rglob("*.yaml")):
        try:
            doc = yaml.safe_load(f.read_text())
        except yaml.YAMLError:
            continue
        if not isinstance(doc, dict):
            continue
        for d in doc.get("detectors", []) or []:
            if isinstance(d, dict) and d.get("kind") == "text":
                for p in d.get("patterns", []) or []:
                    pats.append(p if isinstance(p, str) else p.get("regex", ""))
    return [p for p in pats if p]


def bench_text(exe, repeat, tmp, tree):
    rg = shutil.which("rg")
    if not rg:
        print("text: SKIPPED: ripgrep (rg) is not installed (apt-get install ripgrep)")
        return
    if not tree.is_dir():
        print(f"text: SKIPPED: no tree at {tree}")
        return
    pats = []
    for p in text_patterns():  # keep the ones rg's syntax accepts too
        if subprocess.run([rg, "-q", "-e", p, "/dev/null"], stderr=subprocess.DEVNULL).returncode != 2:
            pats.append(p)
    pat_file = tmp / "patterns.txt"
    pat_file.write_text("\n".join(pats) + "\n")
    size = sum(f.stat().st_size for f in tree.rglob("*") if f.is_file() and not f.is_symlink())
    print(f"text: {tree} ({size / 1e6:.0f} MB), {len(pats)} regexes")
    anchor = [rg, "-c", "--no-ignore", "-j2", "-f", str(pat_file), str(tree)]
    # --no-cache: every run scans (a warm result cache would answer from it; see reassess).
    paired("text (whole pack)", [exe, "assess", str(tree), "--no-cache", "--format", "json", "-o", str(tmp / "text.json")],
           anchor, repeat)
    # The same pack without the parser-based kinds (tree-sitter, Clang): the text kind's own cost.
    text_rules = text_only_pack(tmp / "text-rules")
    paired("text (text detectors only)", [exe, "assess", str(tree), "--no-cache", "--format", "json", "-o", str(tmp / "text2.json")],
           anchor, repeat, env=dict(os.environ, LAMBDAFIT_RULES_DIR=str(text_rules)))


def text_only_pack(dest):
    """A copy of the rule pack whose detectors are only the text, descriptor and file kinds."""
    import yaml
    shutil.copytree(SRC / "rules", dest, ignore=shutil.ignore_patterns("*.test"))
    for f in dest.rglob("*.yaml"):
        doc = yaml.safe_load(f.read_text())
        if isinstance(doc, dict) and isinstance(doc.get("detectors"), list):
            doc["detectors"] = [d for d in doc["detectors"]
                                if d.get("kind") not in ("tree-sitter", "clang", "include", "token")]
            f.write_text(yaml.safe_dump(doc, sort_keys=False))
    return dest


def clang_script(tmp, name, root, srcs, extra=()):
    """A script running clang-19 -fsyntax-only on `srcs` two at a time (as `assess -j 2`)."""
    from cpp_scan_bench import clang_args
    lines = ["#!/bin/sh"]
    for i in range(0, len(srcs), 2):
        pair = [" ".join(["'%s'" % a for a in [shutil.which("clang-19")] + list(extra) + clang_args(root, s)[1:]])
                for s in srcs[i:i + 2]]
        lines.append(" & ".join(pair) + " & wait")
    script = tmp / name
    script.write_text("\n".join(lines) + "\n")
    return ["sh", str(script)]


def bench_cpp(exe, repeat, tmp, tus, missing=False):
    if not shutil.which("clang-19"):
        print("cpp: SKIPPED: clang-19 is not installed")
        return
    sys.path.insert(0, str(Path(__file__).parent))
    from cpp_scan_bench import MISSING, generate, sources  # the same generated corpus
    name = "cpp-missing" if missing else "cpp"
    root = tmp / name
    generate(root, tus, missing)
    srcs = sources(root)
    anchor = clang_script(tmp, name + ".sh", root, srcs)
    ours = [exe, "assess", str(root), "-j", "2", "--no-cache", "--format", "json", "-o", str(tmp / (name + ".json"))]
    if not missing:
        print(f"cpp: {len(srcs)} generated TUs with heavy standard headers")
        # --no-cache: every run parses (a warm result cache would answer from it).
        paired("cpp", ours, anchor, repeat)
        return root
    # clang stops instantiating templates after the fatal "file not found", so the anchor is
    # cheap; lambdafit parses on (the evidence in std::vector<std::thread>, std::ofstream and
    # user templates needs it). Second anchor: the same clang given empty stand-ins for the
    # missing headers, so it parses what lambdafit parses.
    stand_ins = tmp / "stand-ins"
    for h in MISSING:
        (stand_ins / h).parent.mkdir(parents=True, exist_ok=True)
        (stand_ins / h).write_text("")
    print(f"cpp-missing: {len(srcs)} generated TUs whose first two headers (an SDK) are missing")
    paired("cpp-missing vs clang stopping at the missing header", ours, anchor, repeat)
    paired("cpp-missing vs clang parsing on (empty stand-ins)", ours,
           clang_script(tmp, name + "-stand-ins.sh", root, srcs, ["-I" + str(stand_ins)]), repeat)
    return root


def bench_reassess(exe, repeat, tmp, tree, name="reassess"):
    """A run over an unchanged tree with the result cache warm vs one that parses every unit
    again (--no-cache); both in a private cache directory, warmed by one run first."""
    out = str(tmp / "re.json")
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp / "xdg"))
    env.pop("LAMBDAFIT_NO_CACHE", None)
    cmd = [exe, "assess", str(tree), "--format", "json", "-o", out]
    run_cpu(cmd, env=env)
    paired(f"{name} (cache warm vs --no-cache)", cmd, cmd[:2] + ["--no-cache"] + cmd[2:], repeat, env=env)


def bench_memory(exe, repeat, tmp, tree):
    """Peak memory of `assess --no-cache` (whole pack) on an eighth, a quarter, half and all
    of the tree's files: flat as the tree grows, or by how much it is not."""
    files = sorted(f for f in tree.rglob("*") if f.is_file() and not f.is_symlink())
    print(f"memory: {tree}, {len(files)} files")
    base = None
    for part in (8, 4, 2, 1):
        sub = tree
        if part > 1:
            sub = tmp / f"part{part}"
            for f in files[: len(files) // part]:
                dest = sub / f.relative_to(tree)
                dest.parent.mkdir(parents=True, exist_ok=True)
                try:
                    shutil.copyfile(f, dest)
                except OSError:
                    pass
        size = sum(f.stat().st_size for f in sub.rglob("*") if f.is_file() and not f.is_symlink())
        rss = []
        for _ in range(repeat):
            _, _, rc, r = run_cpu([exe, "assess", str(sub), "--no-cache", "--format", "json", "-o", str(tmp / "m.json")])
            rss.append(r / 1024)
        m = statistics.median(rss)
        base = base or m
        print(f"memory: {size / 1e6:5.1f} MB of files -> max RSS {m:.0f} MB ({m / base:.2f}x the eighth)  "
              f"[median of {repeat}]")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lambdafit", default=str(SRC / "build/tools/lambdafit/lambdafit"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--tree", type=Path, default=Path(f"/usr/lib/python3.{sys.version_info.minor}"))
    ap.add_argument("--tus", type=int, default=8)
    ap.add_argument("which", nargs="*", default=["lint", "text", "cpp", "reassess", "reassess-cpp"])
    a = ap.parse_args()
    if not Path("/usr/lib/python3.11").is_dir() and a.tree == Path(f"/usr/lib/python3.{sys.version_info.minor}"):
        a.tree = Path("/usr/lib/python3.11")
    exe = str(Path(a.lambdafit).resolve())
    if not os.access(exe, os.X_OK):
        sys.exit(f"no lambdafit binary at {exe} (build it or pass --lambdafit)")
    print(f"load average before: {load_avg()}")
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        for w in a.which:
            if w == "lint":
                bench_lint(exe, a.repeat, tmp)
            elif w == "text":
                bench_text(exe, a.repeat, tmp, a.tree)
            elif w == "cpp":
                bench_cpp(exe, a.repeat, tmp, a.tus)
            elif w == "cpp-missing":
                bench_cpp(exe, a.repeat, tmp, a.tus, missing=True)
            elif w == "reassess":
                bench_reassess(exe, a.repeat, tmp, a.tree)
            elif w == "memory":
                bench_memory(exe, a.repeat, tmp, a.tree)
            elif w == "reassess-cpp":
                root = tmp / "cpp"
                if not root.exists():
                    sys.path.insert(0, str(Path(__file__).parent))
                    from cpp_scan_bench import generate
                    generate(root, a.tus)
                bench_reassess(exe, a.repeat, tmp, root, "reassess-cpp")
            else:
                sys.exit(f"unknown benchmark '{w}'")
    print(f"load average after: {load_avg()}")


if __name__ == "__main__":
    main()
