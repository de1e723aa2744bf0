#!/usr/bin/env python3
"""Benchmark for evidence-heavy reports (issue 12, item 4): one ~1.1 MB sysctl file whose
20,000 lines each match the text detector `sysctl-setting` (fact os.changes_settings), assessed
for every platform of the pack with `--format json`. It prints the CPU time (user + system of
lambdafit and its children), peak RSS and output size, as medians of paired runs against an
anchor in the same script: the same workload with `--format text`, which lists only a few
evidence items per criterion, so the ratio is what evidence costs the JSON report.

It is a script, not a timed test; nothing here runs in `.ci/run`.

  tests/bench/evidence_bench.py [--lambdafit PATH] [--repeat N] [--matches N]
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[2]


def make_workload(root: Path, matches: int) -> int:
    """Writes the workload; returns the size of the evidence-heavy file in bytes."""
    d = root / "etc" / "sysctl.d"
    d.mkdir(parents=True)
    # ~55 bytes a line: 20,000 lines make ~1.1 MB. Distinct keys so no two lines are alike.
    lines = [f"net.ipv4.tuning_knob_{i:06d}.value = {4096 + i} 87380 6291456\n"
             for i in range(matches)]
    path = d / "99-tuning.conf"
    path.write_text("".join(lines))
    (root / "handler.py").write_text("def handler(event, context):\n    return {'ok': True}\n")
    return path.stat().st_size


def run(cmd, out_path):
    """Runs cmd with stdout to out_path; returns (cpu s, wall s, exit code, max RSS kB, bytes)."""
    start = time.monotonic()
    with open(out_path, "wb") as out:
        p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL)
        _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - start
    return (ru.ru_utime + ru.ru_stime, wall, os.waitstatus_to_exitcode(status), ru.ru_maxrss,
            os.path.getsize(out_path))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lambdafit", default=str(SRC / "build" / "tools" / "lambdafit" / "lambdafit"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--matches", type=int, default=20000)
    args = ap.parse_args()
    exe = args.lambdafit
    if not os.access(exe, os.X_OK):
        sys.exit(f"no lambdafit at {exe}: build it first or pass --lambdafit")
    with tempfile.TemporaryDirectory(prefix="lambdafit-evidence-bench-") as tmp:
        tmp = Path(tmp)
        root = tmp / "workload"
        size = make_workload(root, args.matches)
        base = [exe, "assess", str(root), "--platform", "all", "--jobs", "1"]
        cmds = {"json": base + ["--format", "json"], "text": base + ["--format", "text"]}
        got = {k: [] for k in cmds}
        for _ in range(args.repeat):
            for k, cmd in cmds.items():  # alternate, so load from other processes hits both
                r = run(cmd, tmp / f"out.{k}")
                if r[2] not in (0, 1):
                    sys.exit(f"{k}: lambdafit exited {r[2]}: {' '.join(cmd)}")
                got[k].append(r)
        import json
        report = json.loads((tmp / "out.json").read_text())
        print(f"workload: one {size / 1e6:.2f} MB sysctl file, {args.matches} lines matching sysctl-setting; "
              f"{len(report['platforms'])} platforms; load average {os.getloadavg()[0]:.1f}")
        med = {k: {"cpu": statistics.median(r[0] for r in v), "wall": statistics.median(r[1] for r in v),
                   "rss": statistics.median(r[3] for r in v) / 1024, "out": v[-1][4]} for k, v in got.items()}
        for k in ("json", "text"):
            m = med[k]
            print(f"--format {k:4}: {m['cpu'] * 1000:7.0f} ms CPU ({m['wall'] * 1000:.0f} ms wall), "
                  f"peak RSS {m['rss']:6.1f} MB, output {m['out'] / 1e3:9.1f} kB")
        j, t = med["json"], med["text"]
        print(f"json/text: CPU {j['cpu'] / t['cpu']:.2f}x, peak RSS {j['rss'] / t['rss']:.2f}x, "
              f"output {j['out'] / t['out']:.0f}x")


if __name__ == "__main__":
    main()
