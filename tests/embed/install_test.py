"""`cmake --install` into a temporary prefix, then use it the way an embedder would: the
installed tool, samples/embed (C++ via find_package, Python via ctypes), a consumer compiled
with only the installed headers, pkg-config from C, and the static library's CMake package."""
import atexit
import glob
import json
import os
import re
import shutil
import subprocess
import tempfile

from embed_support import (BUILD_DIR, SOURCE_DIR, check, fail, finish, must_run, run, source,
                           validate)

SAMPLES = ["s3-thumbnailer", "cron-report", "cuda-render", "legacy-daemon"]
# Headers of the dependencies that must never reach an embedder's compile.
FORBIDDEN = re.compile(r"/(yaml-cpp|fmt|nlohmann|re2|CLI|llvm[^/]*|clang[^/]*|llvm-c|clang-c|catch2|absl)/")
MARKER = "embed-install-marker"

tmp = tempfile.mkdtemp(prefix="lambdafit-install-")
atexit.register(shutil.rmtree, tmp, True)
prefix = os.path.join(tmp, "prefix")
env = {k: v for k, v in os.environ.items() if k != "LAMBDAFIT_RULES_DIR"}
os.environ.pop("LAMBDAFIT_RULES_DIR", None)

must_run(["cmake", "--install", BUILD_DIR, "--prefix", prefix])
libdir = next((d for d in glob.glob(os.path.join(prefix, "lib*")) if glob.glob(os.path.join(d, "liblambdafit.so"))),
              None)
if not check(libdir is not None, "no liblambdafit.so under the prefix"):
    finish("embed.install")


def installed(rel):
    return check(os.path.exists(os.path.join(prefix, rel)), f"not installed: {rel}")


# The layout.
installed("bin/lambdafit")
installed("libexec/lambdafit/lambdafit-worker")  # the library's C/C++ parse worker
for h in ("lambdafit.hpp", "lambdafit.h", "version.h"):
    installed(f"include/lambdafit/{h}")
headers = sorted(os.listdir(os.path.join(prefix, "include", "lambdafit")))
check(headers == ["lambdafit.h", "lambdafit.hpp", "version.h"], f"installed headers: {headers}")
soname = os.environ["LAMBDAFIT_SONAME"]
for name in ("liblambdafit.so", soname, "liblambdafit.a"):
    check(os.path.exists(os.path.join(libdir, name)), f"missing {name} in {libdir}")
check(os.path.islink(os.path.join(libdir, "liblambdafit.so")), "liblambdafit.so is not a symlink")
out = must_run(["objdump", "-p", os.path.join(libdir, "liblambdafit.so")])
check(re.search(rf"SONAME\s+{re.escape(soname)}\b", out), f"SONAME is not {soname}")
# Rule files only: the annotated test folders beside them (NAME.test/) are not installed.
source_rules = sorted(os.path.relpath(p, source("rules")) for p in glob.glob(source("rules", "**", "*.yaml"), recursive=True)
                      if not any(part.endswith(".test") for part in os.path.relpath(p, source("rules")).split(os.sep)))
rules_dir = os.path.join(prefix, "share", "lambdafit", "rules")
got_rules = sorted(os.path.relpath(p, rules_dir) for p in glob.glob(os.path.join(rules_dir, "**", "*.yaml"), recursive=True))
check(got_rules == source_rules, f"installed rule files differ from rules/: {set(got_rules) ^ set(source_rules)}")
for s in ("report.schema.json", "request.schema.json"):
    installed(f"share/lambdafit/schemas/{s}")
# The ctypes bindings, the man page and the shell completions.
installed("share/lambdafit/python/lambdafit_ctypes.py")
installed("share/man/man1/lambdafit.1")
installed("share/bash-completion/completions/lambdafit")
installed("share/zsh/vendor-completions/_lambdafit")
installed("share/fish/vendor_completions.d/lambdafit.fish")
# The installed bindings find the installed library on their own (next to the prefix's lib/).
code, out, err = run(["python3", "-c", "import lambdafit_ctypes; print(lambdafit_ctypes.Library().version())"],
                     env={"PYTHONPATH": os.path.join(prefix, "share", "lambdafit", "python"), "LAMBDAFIT_LIBRARY": ""})
check(code == 0 and out.strip(), f"installed ctypes bindings: {out}{err}")
for f in ("lambdafitConfig.cmake", "lambdafitConfigVersion.cmake", "lambdafitTargets.cmake",
          "lambdafitStaticTargets.cmake"):
    check(os.path.exists(os.path.join(libdir, "cmake", "lambdafit", f)), f"missing cmake/lambdafit/{f}")
check(os.path.exists(os.path.join(libdir, "pkgconfig", "lambdafit.pc")), "missing lambdafit.pc")

# The shared library exports lambdafit's names only, none of its dependencies'.
out = must_run(["nm", "-DC", "--defined-only", os.path.join(libdir, soname)])
names = [line.split(" ", 2)[2] for line in out.splitlines() if line.count(" ") >= 2]
for want in ("lambdafit_assess", "lambdafit_string_free", "lambdafit::assess(", "lambdafit::version()"):
    check(any(n.startswith(want) for n in names), f"{want} is not exported")
leaked = [n for n in names if not (n.startswith("lambdafit") or "lambdafit::" in n)]
check(not leaked, f"{len(leaked)} foreign symbols exported, e.g. {leaked[:5]}")

# A platform only the installed pack has: whoever lists it read the installed rules.
with open(os.path.join(rules_dir, "platforms", "aws-lambda.yaml")) as f:
    text = f.read()
with open(os.path.join(rules_dir, "platforms", MARKER + ".yaml"), "w") as f:
    f.write(text.replace("id: aws-lambda\n", f"id: {MARKER}\n", 1))

tool = os.path.join(prefix, "bin", "lambdafit")
out = must_run([tool, "platforms"], cwd=tmp)
check(MARKER in out, "the installed tool did not read the installed rule pack")
out = must_run([tool, "assess", source("samples", "s3-thumbnailer"), "--format", "json", "--platform", MARKER], cwd=tmp)
validate(json.loads(out), "report.schema.json", "installed tool report")
# C/C++ parses run in the installed lambdafit-worker, found beside the tool.
out = must_run([tool, "assess", source("samples", "legacy-daemon"), "--format", "json"], cwd=tmp)
notes = json.loads(out)["scan"]["coverage_notes"]
check(not any("without isolation" in n for n in notes), f"the installed tool found no worker: {notes}")
check(json.loads(out)["scan"]["translation_units"] >= 1, "the installed tool parsed no C/C++")

# samples/embed in C++, against the installed package only.
plan_build = os.path.join(tmp, "plan-build")
must_run(["cmake", "-S", source("samples", "embed"), "-B", plan_build, "-G", "Ninja",
          "-DCMAKE_BUILD_TYPE=Release", f"-DCMAKE_PREFIX_PATH={prefix}", "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON"])
must_run(["cmake", "--build", plan_build])
with open(os.path.join(plan_build, "compile_commands.json")) as f:
    for entry in json.load(f):
        check(not FORBIDDEN.search(entry["command"]), f"dependency include path in {entry['command']}")
        check(f"-I{prefix}/include" in entry["command"] or f"-isystem {prefix}/include" in entry["command"],
              f"the installed include dir is not used: {entry['command']}")
workloads = [source("samples", s) for s in SAMPLES]
plan_cpp = must_run([os.path.join(plan_build, "lambdafit-plan"), *workloads], cwd=tmp)
print(plan_cpp)
rows = [line.split() for line in plan_cpp.splitlines()[2:]]
check(len(rows) == len(SAMPLES), f"plan rows: {rows}")
rank = {"good-fit": 0, "fit-with-caveats": 1, "undetermined": 2, "not-a-fit": 3}
ranks = [rank.get(r[2], 9) for r in rows]
check(ranks == sorted(ranks) and 9 not in ranks, f"plan is not ranked by fit: {[r[2] for r in rows]}")
check(sorted(r[1] for r in rows) == sorted(SAMPLES), f"plan workloads: {[r[1] for r in rows]}")
out = must_run([os.path.join(plan_build, "lambdafit-plan"), "--platform", MARKER, workloads[0]], cwd=tmp)
check(f"migration plan for {MARKER}" in out, "the planner did not read the installed rule pack")

# samples/embed in Python through ctypes, against the installed shared library: same table.
plan_py = must_run(["python3" if not os.path.exists("/usr/bin/python3") else "/usr/bin/python3",
                    source("samples", "embed", "plan.py"), "--lib", os.path.join(libdir, "liblambdafit.so"),
                    *workloads], cwd=tmp)
check(plan_py == plan_cpp, f"the Python plan differs from the C++ one:\n{plan_py}")
code, out, err = run(["/usr/bin/python3", source("samples", "embed", "plan.py"), "--lib",
                      os.path.join(libdir, "liblambdafit.so"), source("samples", "nope")], cwd=tmp)
check(code == 1 and "does not exist" in out + err, f"plan.py on a missing workload: {code} {out} {err}")

# A consumer compiled with nothing but the installed include dir on its path.
consumer = os.path.join(tmp, "consumer")
deps = os.path.join(tmp, "consumer.d")
for std in ("c++17", "c++20"):
    must_run(["c++", f"-std={std}", "-Wall", "-Werror", "-I", os.path.join(prefix, "include"), "-MD", "-MF", deps,
              source("tests", "embed", "consumer", "consumer.cpp"), "-o", consumer,
              "-L", libdir, "-llambdafit", f"-Wl,-rpath,{libdir}"])
    with open(deps) as f:
        included = f.read().replace("\\\n", " ").split()[1:]
    bad = [h for h in included if FORBIDDEN.search(h)]
    check(not bad, f"{std}: the public headers pull in dependency headers: {bad}")
    ours = [h for h in included if "/lambdafit/" in h and h.endswith((".h", ".hpp"))]
    check(ours and all(h.startswith(os.path.join(prefix, "include")) for h in ours),
          f"{std}: lambdafit headers not from the prefix: {ours}")

# Stronger, where the system allows a private mount namespace: compile it again with every
# dependency's header directory hidden under an empty tmpfs, as on a machine without them.
hide = [d for d in ["/usr/include/" + n for n in ("yaml-cpp", "fmt", "nlohmann", "re2", "CLI", "clang")]
        + glob.glob("/usr/include/llvm*") + glob.glob("/usr/lib/llvm-*/include") if os.path.isdir(d)]
probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
if probe.returncode == 0 and hide:
    mounts = " && ".join(f"mount -t tmpfs none {d}" for d in hide)
    compile_cmd = (f"c++ -std=c++17 -Wall -Werror -I {prefix}/include -c "
                   f"{source('tests', 'embed', 'consumer', 'consumer.cpp')} -o {consumer}.o")
    code, out, err = run(["unshare", "-m", "sh", "-c",
                          f"{mounts} && test -z \"$(ls -A {hide[0]})\" && {compile_cmd}"])
    check(code == 0, f"the consumer does not compile with the dependency headers hidden:\n{err}")
else:
    print("note: no private mount namespace here; the hidden-headers compile was skipped")

out = must_run([consumer, source("samples", "s3-thumbnailer")], cwd=tmp)
check(f"share/lambdafit/rules" in out and prefix in out, f"consumer default rule dir: {out}")
check("progress reported" in out and "markdown ok" in out, f"consumer output: {out}")
out = must_run(["ldd", consumer])
check("liblambdafit.so" in out and "libyaml-cpp" not in out.split("liblambdafit")[0], f"ldd consumer: {out}")

# pkg-config, from C.
pc_env = {"PKG_CONFIG_PATH": os.path.join(libdir, "pkgconfig")}
flags = must_run(["pkg-config", "--cflags", "--libs", "lambdafit"], env=pc_env).split()
check(not any(FORBIDDEN.search(f + "/") for f in flags), f"pkg-config flags carry dependency paths: {flags}")
check(os.path.isdir(must_run(["pkg-config", "--variable=rulesdir", "lambdafit"], env=pc_env).strip()),
      "pkg-config rulesdir is not a directory")
c_consumer = os.path.join(tmp, "consumer_c")
must_run(["cc", "-std=c11", "-Wall", "-Werror", source("tests", "embed", "consumer", "consumer.c"), "-o", c_consumer,
          *flags, f"-Wl,-rpath,{libdir}"])
out = must_run([c_consumer, source("samples", "cron-report")], cwd=tmp)
validate(json.loads(out), "report.schema.json", "C consumer report")

# The static library through find_package(lambdafit COMPONENTS static).
static_build = os.path.join(tmp, "static-build")
must_run(["cmake", "-S", source("tests", "embed", "consumer", "static"), "-B", static_build, "-G", "Ninja",
          "-DCMAKE_BUILD_TYPE=Release", f"-DCMAKE_PREFIX_PATH={prefix}"])
must_run(["cmake", "--build", static_build])
with open(os.path.join(static_build, "rules_dir.txt")) as f:
    static_rules = f.read().strip()
check(os.path.realpath(static_rules) == os.path.realpath(rules_dir), f"lambdafit_RULES_DIR is {static_rules}")
out = must_run(["ldd", os.path.join(static_build, "consumer_static")])
check("liblambdafit" not in out, "the static consumer loads liblambdafit.so")
out = must_run([os.path.join(static_build, "consumer_static"), source("samples", "s3-thumbnailer"), static_rules],
               cwd=tmp)
check("verdict:" in out, f"static consumer: {out}")

finish("embed.install")
