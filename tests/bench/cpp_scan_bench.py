#!/usr/bin/env python3
"""Benchmark: lambdafit's full rule pack against `clang-19 -fsyntax-only` on the same C/C++
translation units at the same parallelism. Prints wall-time and peak-memory ratios; asserts
nothing (speed is measured here, never in timed tests).

  tests/bench/cpp_scan_bench.py [--lambdafit PATH] [-j N] [--tus N] [--repeat N] [--project DIR]

--project DIR measures a real project instead: DIR holds its build's compile_commands.json in
DIR/build (e.g. `cmake -S DIR -B DIR/build -DCMAKE_EXPORT_COMPILE_COMMANDS=ON`). clang-19
runs each entry's own command as a syntax check; lambdafit assesses DIR, which finds the
database there.

Corpora: a generated tree (N TUs, each pulling in a large part of the C++ standard library
plus project code with calls the rules look for) and the C/C++ samples. lambdafit runs
`assess --format json` (every detector of the pack, one Clang parse per TU) in both isolation
modes: `fork` (default: each TU parsed in a child process) and `threads` (in-process pool).

Memory is reported two ways: the largest single process (what ru_maxrss of the process tree
gives) and the peak of the whole tree's summed RSS, sampled every 10 ms.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[2]
RESOURCE_DIR = "/usr/lib/llvm-19/lib/clang/19"

HEADERS = ["algorithm", "chrono", "cstdio", "cstdlib", "fstream", "functional", "iostream",
           "map", "memory", "mutex", "optional", "regex", "set", "sstream", "string", "thread",
           "unordered_map", "variant", "vector", "filesystem"]
SYSTEM = ["pwd.h", "grp.h", "unistd.h", "sched.h", "sys/resource.h", "sys/socket.h", "sys/mman.h"]


MISSING = ["vendor/sdk/client.h", "vendor/sdk/model.h"]  # headers of an SDK not installed


def generate(root: Path, tus: int, missing: bool = False):
    """`missing`: each unit first includes two headers of an SDK that is not there (as a tree
    whose SDK is not installed) and calls into it; everything else is the same."""
    (root / "include/project").mkdir(parents=True)
    (root / "include/project/util.h").write_text(
        "#pragma once\n#include <string>\n#include <vector>\n"
        "namespace project {\ninline std::string join(const std::vector<std::string>& v) {\n"
        "  std::string s;\n  for (const auto& x : v) s += x;\n  return s;\n}\n}\n")
    for i in range(tus):
        lines = [f"#include <{h}>" for h in MISSING] if missing else []
        lines += [f"#include <{h}>" for h in HEADERS] + [f"#include <{h}>" for h in SYSTEM]
        lines.append('#include "project/util.h"')
        lines.append(f"namespace unit{i} {{")
        for k in range(40):
            lines += [
                f"template <typename T> T accumulate_{k}(const std::vector<T>& v) {{",
                "  T total{};",
                "  for (const auto& x : v) total += x;",
                "  return total;",
                "}",
                f"std::map<std::string, int> count_{k}(const std::vector<std::string>& words) {{",
                "  std::map<std::string, int> m;",
                "  for (const auto& w : words) ++m[w];",
                f"  if (m.size() > {k + 100}) std::sort(std::vector<int>{{}}.begin(), std::vector<int>{{}}.end());",
                "  return m;",
                "}",
            ]
        lines += [
            "void host_coupling() {",
            "  rlimit rl{1024, 1024};",
            "  setrlimit(RLIMIT_NOFILE, &rl);",
            '  passwd* pw = getpwnam("svc");',
            "  if (pw) setuid(pw->pw_uid);",
            '  std::ifstream log("/var/log/syslog");',
            "  std::thread([] {}).detach();",
            "  (void)accumulate_1(std::vector<int>{1, 2, 3});",
        ] + (["  sdk::Client client(sdk::Options{});", "  client.send(sdk::Request{}).wait();"] if missing else []) + [
            "}",
            "}",
        ]
        (root / f"src/unit{i:03d}.cpp").parent.mkdir(exist_ok=True)
        (root / f"src/unit{i:03d}.cpp").write_text("\n".join(lines) + "\n")


def sources(root: Path):
    exts = {".c", ".cc", ".cpp", ".cxx", ".cu"}
    return sorted(p for p in root.rglob("*") if p.suffix in exts and "build" not in p.parts)


def clang_args(root: Path, src: Path):
    incs = ["-I" + str(root)] + ["-I" + str(p) for p in sorted(root.rglob("include")) if p.is_dir()]
    lang = {".c": ["-x", "c", "-std=gnu17"],
            ".cu": ["-x", "cuda", "-std=c++17", "--cuda-host-only", "-nocudainc", "-nocudalib"]}
    return (["clang-19", "-fsyntax-only", "-resource-dir=" + RESOURCE_DIR, "-ferror-limit=0"]
            + lang.get(src.suffix, ["-x", "c++", "-std=gnu++20"]) + incs + [str(src)])


def tree_rss_kb(pid: int) -> int:
    """Summed RSS of pid and all its descendants."""
    children = {}
    rss = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                parts = f.read().rsplit(")", 1)[1].split()
            children.setdefault(int(parts[1]), []).append(int(d))
            rss[int(d)] = int(parts[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo += children.get(p, [])
    return total


def measure(cmd, env=None, cwd=None):
    """Wall seconds, largest process RSS (MB) and peak summed tree RSS (MB) of one run."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                            cwd=cwd)
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss_kb(proc.pid))
            time.sleep(0.01)

    t = threading.Thread(target=sample)
    t.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    done.set()
    t.join()
    if status != 0:
        print(f"warning: {cmd[0]} exited with status {status >> 8}", file=sys.stderr)
    return wall, usage.ru_maxrss / 1024, peak[0] / 1024


def run_parallel(lines, jobs: int):
    """Runs each shell command line, `jobs` at a time (as lambdafit keeps `jobs` parses busy),
    stderr dropped; one measure() of the whole."""
    script = Path(tempfile.mkstemp(suffix=".txt")[1])
    script.write_text("\0".join(lines))
    try:
        return measure(["sh", "-c", f"xargs -0 -P {jobs} -I{{}} sh -c '{{}} 2>/dev/null' < {script}"])
    finally:
        script.unlink()


def run_clang(root: Path, jobs: int):
    return run_parallel([" ".join(shlex_quote(a) for a in clang_args(root, s)) for s in sources(root)], jobs)


def compdb_commands(root: Path):
    """The entries of root/build/compile_commands.json as (directory, syntax-check argv)."""
    import json
    import shlex
    out = []
    for e in json.loads((root / "build" / "compile_commands.json").read_text()):
        argv = e.get("arguments") or shlex.split(e["command"])
        args, skip = [], False
        for a in argv[1:]:
            if skip:
                skip = False
            elif a == "-o":
                skip = True
            elif a != "-c" and not a.startswith("-o"):
                args.append(a)
        out.append((e["directory"], ["clang-19", "-fsyntax-only", "-resource-dir=" + RESOURCE_DIR,
                                     "-ferror-limit=0"] + args))
    return out


def run_clang_compdb(root: Path, jobs: int):
    return run_parallel(["cd " + shlex_quote(d) + " && " + " ".join(shlex_quote(a) for a in argv)
                         for d, argv in compdb_commands(root)], jobs)


def shlex_quote(a):
    import shlex
    return shlex.quote(a)


def bench_project(root: Path, exe, jobs, repeat):
    n = len(compdb_commands(root))
    clang = best(lambda: run_clang_compdb(root, jobs), repeat)
    print(f"\n{root.name} (compile_commands.json): {n} translation units, -j {jobs}, best of {repeat}")
    print(f"  {'clang-19 -fsyntax-only':<28}{clang[0]:>8.2f} s{clang[1]:>8.0f} MB")
    r = best(lambda: run_lambdafit(exe, root, jobs, "fork"), repeat)
    print(f"  {'lambdafit (fork)':<28}{r[0]:>8.2f} s{r[1]:>8.0f} MB"
          f"{r[0] / clang[0]:>12.2f} wall ratio{r[1] / clang[1]:>8.2f} proc RSS ratio")


def run_lambdafit(exe: str, root: Path, jobs: int, mode: str):
    env = dict(os.environ, LAMBDAFIT_CLANG_ISOLATION=mode)
    # --no-cache: every run parses (a warm result cache answers from it; speed_bench's
    # reassess-cpp measures that).
    return measure([exe, "assess", str(root), "--no-cache", "--format", "json", "-j", str(jobs)], env=env)


def best(f, repeat):
    runs = [f() for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs), max(r[2] for r in runs)


def bench(name, root: Path, exe, jobs, repeat):
    n = len(sources(root))
    clang = best(lambda: run_clang(root, jobs), repeat)
    print(f"\n{name}: {n} translation units, -j {jobs}, best of {repeat}")
    print(f"  {'run':<28}{'wall s':>8}{'max proc MB':>13}{'tree MB':>9}"
          f"{'wall ratio':>12}{'proc ratio':>12}{'tree ratio':>12}")
    print(f"  {'clang-19 -fsyntax-only':<28}{clang[0]:>8.2f}{clang[1]:>13.0f}{clang[2]:>9.0f}")
    for mode in ("fork", "threads"):
        r = best(lambda: run_lambdafit(exe, root, jobs, mode), repeat)
        print(f"  {'lambdafit (' + mode + ')':<28}{r[0]:>8.2f}{r[1]:>13.0f}{r[2]:>9.0f}"
              f"{r[0] / clang[0]:>12.2f}{r[1] / clang[1]:>12.2f}{r[2] / clang[2]:>12.2f}")


def bench_lint(root: Path, exe, repeat):
    """`lambdafit lint` of one changed source in the corpus against one clang parse of it: lint
    parses only that unit (issue 6, item 7). Severities are lowered to notes so findings do not
    turn into a failing exit status."""
    src = sources(root)[0]
    clang = best(lambda: measure(clang_args(root, src)), repeat)
    lint = best(lambda: measure([exe, "lint", "--no-cache", "--root", str(root), "--severity", "*=note", str(src)]), repeat)
    print(f"\nlint of one changed file ({src.relative_to(root)}) in {len(sources(root))} units, best of {repeat}")
    print(f"  {'clang-19 -fsyntax-only':<28}{clang[0]:>8.2f} s")
    print(f"  {'lambdafit lint':<28}{lint[0]:>8.2f} s{lint[0] / clang[0]:>12.2f} wall ratio")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lambdafit", default=os.environ.get("LAMBDAFIT", str(SRC / "build/tools/lambdafit/lambdafit")))
    ap.add_argument("-j", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--tus", type=int, default=16)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--project", type=Path, help="a real project with build/compile_commands.json")
    a = ap.parse_args()
    if not shutil.which("clang-19"):
        sys.exit("clang-19 not found")
    if a.project:
        bench_project(a.project.resolve(), a.lambdafit, a.j, a.repeat)
        return
    tmp = Path(tempfile.mkdtemp(prefix="lambdafit-bench-"))
    try:
        generate(tmp / "corpus", a.tus)
        bench("generated corpus", tmp / "corpus", a.lambdafit, a.j, a.repeat)
        bench_lint(tmp / "corpus", a.lambdafit, a.repeat)
        for s in ("legacy-daemon", "cuda-render"):
            bench(f"samples/{s}", SRC / "samples" / s, a.lambdafit, a.j, a.repeat)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
