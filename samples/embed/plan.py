#!/usr/bin/env python3
"""lambdafit-plan in Python: ranks workloads by their fit for serverless functions and prints
a migration plan, through the C API (ctypes). Same table as plan.cpp.

    plan.py [--lib PATH] [--platform ID] [--rules DIR] WORKLOAD...
"""
import argparse
import concurrent.futures
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lambdafit_ctypes import Library, LambdafitError  # noqa: E402

RANK = {"good-fit": 0, "fit-with-caveats": 1, "undetermined": 2, "not-a-fit": 3}


def join(items, limit=4):
    out = ", ".join(items[:limit])
    return out + ", …" if len(items) > limit else out


def next_step(report):
    verdict = report["verdict"]
    if verdict == "good-fit":
        return "migrate now"
    if verdict == "fit-with-caveats":
        work = [c["id"] for c in report["criteria"] if c["status"] == "applies" and c["kind"] != "strength"]
        return "migrate after: " + join(work)
    if verdict == "undetermined":
        return "answer first: " + join([q["id"] for q in report["open_questions"]])
    return "keep on servers: " + join(report.get("blocking", []))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lib", help="path to liblambdafit.so (default: $LAMBDAFIT_LIBRARY, then the system)")
    ap.add_argument("--platform")
    ap.add_argument("--rules", action="append", default=[])
    ap.add_argument("workloads", nargs="+")
    args = ap.parse_args()

    lib = Library(args.lib)
    try:
        pack = lib.load_rules(*args.rules)
    except LambdafitError as e:
        print(e, file=sys.stderr)
        return 2

    def run(path):
        request = {"workload": {"path": path}}
        if args.platform:
            request["platform"] = args.platform
        return pack.assess(request)

    rows, failed, platform = [], False, "-"
    with pack, concurrent.futures.ThreadPoolExecutor() as pool:  # one pack, parallel calls
        futures = [pool.submit(run, w) for w in args.workloads]
        for path, future in zip(args.workloads, futures):
            try:
                r = future.result()
            except LambdafitError as e:
                failed = True
                print(e, file=sys.stderr)
                message = str(e).splitlines()[0].split("error: ", 1)[-1]
                rows.append((4, 0, 0, path, "error", message))
                continue
            platform = r["platform"]["id"]
            confidence = int(r["confidence"] * 100 + 0.5)
            rows.append((RANK[r["verdict"]], r["score"], confidence, r["workload"]["name"], r["verdict"],
                         next_step(r)))
    rows.sort(key=lambda row: (row[0], -row[1], -row[2], row[3]))

    print(f"migration plan for {platform} (lambdafit {lib.version()})")
    print(f"{'#':<3} {'workload':<20} {'verdict':<17} {'score':>5} {'confidence':>10}  next step")
    for n, (_, score, confidence, name, verdict, step) in enumerate(rows, 1):
        print(f"{n:<3} {name:<20} {verdict:<17} {score:>5} {confidence:>9}%  {step}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
