"""`cpack -G DEB`: the package's dependencies are what its binaries need, and `lambdafit
assess` runs from the unpacked package (into a scratch root; the real system is untouched)."""
import atexit
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from embed_support import BUILD_DIR, check, finish, must_run, source, validate

tmp = tempfile.mkdtemp(prefix="lambdafit-deb-")
atexit.register(shutil.rmtree, tmp, True)
os.environ.pop("LAMBDAFIT_RULES_DIR", None)
must_run(["cpack", "-G", "DEB", "-B", tmp, "--config", os.path.join(BUILD_DIR, "CPackConfig.cmake")],
         timeout=1200)
debs = glob.glob(os.path.join(tmp, "*.deb"))
if not check(len(debs) == 1, f"expected one .deb, found {debs}"):
    finish("embed.deb")
deb = debs[0]
print("package:", os.path.basename(deb), os.path.getsize(deb) // 1024, "KiB")

# Depends: package names, each one installed here, clang's builtin headers among them.
depends = must_run(["dpkg-deb", "-f", deb, "Depends"]).strip()
print("Depends:", depends)
dep_names = {re.split(r"[\s(:]", d.strip())[0] for alt in depends.split(",") for d in alt.split("|")}
check("libclang-common-19-dev" in dep_names, "Depends lacks libclang-common-19-dev (clang's builtin headers)")
check("libc6-dev" in dep_names, "Depends lacks libc6-dev (C system headers for resolving calls in scanned code)")
for name in sorted(dep_names):
    code = subprocess.run(["dpkg-query", "-W", "-f=${Status}", name], capture_output=True, text=True)
    check("install ok installed" in code.stdout, f"dependency {name} is not an installed package")

# A clean system: apt resolves the package against Debian's package lists as if nothing
# were installed (simulation only; needs the lists from an earlier apt-get update).
if glob.glob("/var/lib/apt/lists/*_Packages*"):
    empty_status = os.path.join(tmp, "status")
    open(empty_status, "w").close()
    sim = subprocess.run(["apt-get", "-s", "-o", f"Dir::State::status={empty_status}", "install", deb],
                         capture_output=True, text=True)
    check(sim.returncode == 0 and re.search(r"^Inst lambdafit ", sim.stdout, re.M),
          f"apt cannot install the package on an empty system:\n{sim.stdout[-2000:]}\n{sim.stderr}")
else:
    print("note: no apt package lists; the clean-system simulation was skipped")

root = os.path.join(tmp, "root")
must_run(["dpkg-deb", "-x", deb, root])
tool = os.path.join(root, "usr", "bin", "lambdafit")
check(os.access(tool, os.X_OK), "no usr/bin/lambdafit in the package")
worker = os.path.join(root, "usr", "libexec", "lambdafit", "lambdafit-worker")
check(os.access(worker, os.X_OK), "no usr/libexec/lambdafit/lambdafit-worker in the package")
check(os.path.isdir(os.path.join(root, "usr", "share", "lambdafit", "rules")), "no rule pack in the package")
check(os.path.exists(os.path.join(root, "usr", "include", "lambdafit", "lambdafit.h")), "no C header in the package")
libs = glob.glob(os.path.join(root, "usr", "lib*", "**", "liblambdafit.so.*"), recursive=True)
check(libs, "no shared library in the package")

# Every library the packaged binaries link directly (their NEEDED entries) comes from a
# package named in Depends; the libraries those pull in are their packages' business.
for binary in [tool, worker, *[p for p in libs if not os.path.islink(p)]]:
    needed = re.findall(r"NEEDED\s+(\S+)", must_run(["objdump", "-p", binary]))
    listing = must_run(["ldd", binary])
    where = dict(re.findall(r"^\s*(\S+)\s+=>\s+(\S+)\s+\(", listing, re.M))
    # ldd names the dynamic loader by its path alone ("/lib64/ld-linux-x86-64.so.2 (0x…)").
    for path in re.findall(r"^\s*(/\S+)\s+\(0x", listing, re.M):
        where.setdefault(os.path.basename(path), path)
    check(needed, f"no NEEDED entries in {binary}")
    for soname in needed:
        path = where.get(soname)
        if not check(path, f"{os.path.basename(binary)}: {soname} does not resolve"):
            continue
        owner = ""
        for candidate in (path, os.path.realpath(path)):  # dpkg may record either (usr-merge)
            owner = owner or subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True).stdout
        pkg = owner.split(":")[0].strip()
        check(pkg in dep_names, f"{os.path.basename(binary)} links {soname} from {pkg or '?'}, not in Depends")

# The unpacked tool finds its own rule pack: a platform only that copy has.
marker = "embed-deb-marker"
pdir = os.path.join(root, "usr", "share", "lambdafit", "rules", "platforms")
with open(os.path.join(pdir, "aws-lambda.yaml")) as f:
    text = f.read()
with open(os.path.join(pdir, marker + ".yaml"), "w") as f:
    f.write(text.replace("id: aws-lambda\n", f"id: {marker}\n", 1))
out = must_run([tool, "platforms"], cwd=tmp)
check(marker in out, "the packaged tool did not read the packaged rule pack")
# …and so does the packaged shared library, through the C API.
sys.path.insert(0, source("samples", "embed"))
from lambdafit_ctypes import Library  # noqa: E402

real_libs = [p for p in libs if not os.path.islink(p)]
if check(len(real_libs) == 1, f"shared libraries in the package: {libs}"):
    with Library(real_libs[0]).load_rules() as pack:
        ids = [p["id"] for p in pack.describe()["platforms"]]
        check(marker in ids, f"the packaged library did not read the packaged rule pack: {ids}")
        report = pack.assess({"workload": {"path": source("samples", "s3-thumbnailer")}, "platform": marker})
        validate(report, "report.schema.json", "packaged library report")
for sample in ("s3-thumbnailer", "legacy-daemon"):
    out = must_run([tool, "assess", source("samples", sample), "--format", "json"], cwd=tmp)
    report = json.loads(out)
    validate(report, "report.schema.json", f"packaged tool on {sample}")
    check(report["tool"]["version"] == must_run(["dpkg-deb", "-f", deb, "Version"]).strip(),
          "the tool's version differs from the package's")
out = must_run([tool, "assess", "--request", "-"], stdin=json.dumps({"workload": {"path": source("samples", "cron-report")}}),
               cwd=tmp)
validate(json.loads(out), "report.schema.json", "packaged tool, --request")

finish("embed.deb")
