"""The CLI loads no LLVM: Clang matchers are checked, C/C++ planned and parsed by
lambdafit-worker processes, with the same diagnostics and evidence; accepted matchers and
tree-sitter queries are remembered under $XDG_CACHE_HOME/lambdafit."""
import json
import os
import shutil
import subprocess
import tempfile

from support import LAMBDAFIT, check, finish, run, source

# The binary itself: no libLLVM or libclang-cpp among what it loads.
if shutil.which("ldd"):
    libs = subprocess.run(["ldd", LAMBDAFIT], capture_output=True, text=True).stdout
    check("libLLVM" not in libs and "libclang" not in libs, f"the CLI links LLVM:\n{libs}")

cache = tempfile.mkdtemp(prefix="lambdafit-cache-")
env = {"XDG_CACHE_HOME": cache}

# A bad matcher, plain and as a block, is reported at its place in the rule file.
rules = tempfile.mkdtemp(prefix="lambdafit-rules-")
with open(os.path.join(rules, "bad.yaml"), "w") as f:
    f.write("detectors:\n"
            "  - id: bad-plain\n"
            "    kind: clang\n"
            "    fact: os.changes_settings\n"
            "    matcher: callExpr(callee(functionDecl(hasNme(\"::setrlimit\"))))\n"
            "    message: x\n"
            "  - id: bad-block\n"
            "    kind: clang\n"
            "    fact: os.changes_settings\n"
            "    matcher: |\n"
            "      callExpr(\n"
            "        callee(functionDecl(hasName(\"::setuid\")), 3))\n"
            "    message: y\n")
for attempt in (1, 2):  # the second with the cache filled: bad matchers are never remembered
    code, out, err = run("rules", "validate", "--rules", rules, env=env)
    check(code == 2, f"attempt {attempt}: bad matchers accepted (exit {code}): {err}")
    check("bad.yaml:5:43: error: bad matcher: Matcher not found: hasNme" in err, f"attempt {attempt}: {err}")
    check("bad.yaml:12:" in err and "error: bad matcher:" in err.split("bad.yaml:12:", 1)[-1], f"attempt {attempt}: {err}")

# A good pack loads; the worker's verdict is remembered, and the next load needs no worker.
code, out, err = run("rules", "validate", env=env)
check(code == 0, f"the shipped pack does not validate: {err}")
remembered = os.listdir(os.path.join(cache, "lambdafit"))
check(any(n.startswith("matchers-") for n in remembered), f"no matcher cache written: {remembered}")
check(any(n.startswith("tree-sitter-queries-") for n in remembered), f"no query cache written: {remembered}")
check(not any(n.endswith(".tmp") for n in remembered), f"a temporary cache file was left: {remembered}")
code, out2, err = run("rules", "validate", env=env)
check(code == 0 and out2 == out, f"second load differs: {out2} {err}")

# LAMBDAFIT_NO_CACHE=1 writes nothing.
other = tempfile.mkdtemp(prefix="lambdafit-nocache-")
code, out, err = run("rules", "validate", env={"XDG_CACHE_HOME": other, "LAMBDAFIT_NO_CACHE": "1"})
check(code == 0 and os.listdir(other) == [], f"LAMBDAFIT_NO_CACHE=1 still wrote {os.listdir(other)}")


# C/C++ evidence is the same whether asked for in-process threads (which this binary has no
# Clang for, so workers parse) or worker processes, with and without the caches.
def evidence(extra_env):
    code, out, err = run("assess", source("samples", "legacy-daemon"), "--format", "json", env=extra_env)
    check(code == 0, f"assess failed: {err}")
    report = json.loads(out)
    items = []
    def walk(o):
        if isinstance(o, dict):
            if "detector" in o and "line" in o:
                items.append((o.get("path"), o["line"], o.get("column"), o["detector"]))
            for v in o.values():
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)
    walk(report)
    return sorted(set(items)), report["scan"]


base, scan = evidence(env)
check(any(d.startswith("cpp-") for _, _, _, d in base), f"no C/C++ evidence in legacy-daemon: {base[:5]}")
check(scan["translation_units"] == scan["tu_ok"] + scan["tu_errors"] and scan["translation_units"] > 0,
      f"not every unit parsed: {scan}")
for extra in ({"LAMBDAFIT_CLANG_ISOLATION": "threads"}, {"LAMBDAFIT_NO_CACHE": "1"}):
    got, _ = evidence(dict(env, **extra))
    check(got == base, f"{extra}: evidence differs")

shutil.rmtree(cache, ignore_errors=True)
shutil.rmtree(other, ignore_errors=True)
shutil.rmtree(rules, ignore_errors=True)
finish("e2e.no_llvm")
