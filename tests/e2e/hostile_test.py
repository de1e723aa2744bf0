"""Hostile workloads (README "Threat model"): nothing inside a scanned tree makes lambdafit read
or write outside it, hang, print other files' contents or drive the terminal. Each block is
one reproducer of issue 14, run against the real binary with a time limit."""
import json
import os
import stat
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.environ["LAMBDAFIT_SOURCE_DIR"], "tests", "lint"))
from lint_cases import LIMITS_C, Repo, expect  # noqa: E402
from support import LAMBDAFIT, check, fail, finish  # noqa: E402

SECRET = "root:$y$SECRET-FIRST-LINE:19000:0:99999:7:::"


def run(*args, cwd=None, env=None, timeout=60, stdin=None):
    """lambdafit with a deadline: a hang is a failure, not a stuck test."""
    e = dict(os.environ, NO_COLOR="1")
    e.update(env or {})
    try:
        p = subprocess.run([LAMBDAFIT, *args], capture_output=True, text=True, cwd=cwd, env=e, timeout=timeout,
                           input=stdin, errors="replace")
    except subprocess.TimeoutExpired:
        fail(f"lambdafit {' '.join(args)}: still running after {timeout} s")
        return -1, "", ""
    if p.returncode < 0:
        fail(f"lambdafit {' '.join(args)}: crashed with signal {-p.returncode}\n{p.stderr}")
    return p.returncode, p.stdout, p.stderr


def tree(files=None):
    d = tempfile.mkdtemp(prefix="lambdafit-hostile-")
    for rel, text in (files or {}).items():
        p = os.path.join(d, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as f:
            f.write(text)
    return d


outside = tree({"shadow": SECRET + "\nsecond\n"})
secret_path = os.path.join(outside, "shadow")

# 1. lint: baseline: outside the workload is refused and its content never printed.
r = Repo(git=False)
r.write("src/limits.c", LIMITS_C)
r.write("lambdafit.yaml", f"lint:\n  baseline: {secret_path}\n")
got = r.lint()
expect(got, 2, "outside the workload", absent=["SECRET-FIRST-LINE"], where="1: lint baseline outside")
os.symlink(secret_path, os.path.join(r.path, "base.json"))
r.write("lambdafit.yaml", "lint:\n  baseline: base.json\n")
expect(r.lint(), 2, "outside the workload", absent=["SECRET-FIRST-LINE"], where="1: lint baseline linked outside")

# 2. -o does not follow a planted FILE.tmp link.
w = tree({"app.py": "print(1)\n"})
victim = os.path.join(outside, "victim")
with open(victim, "w") as f:
    f.write("precious")
out_dir = tree()
os.symlink(victim, os.path.join(out_dir, "r.json.tmp"))
code, _, err = run("assess", w, "--format", "json", "-o", os.path.join(out_dir, "r.json"))
check(code == 0, f"2: assess -o failed: {err}")
check(open(victim).read() == "precious", "2: the planted r.json.tmp link was followed")
check(json.load(open(os.path.join(out_dir, "r.json")))["verdict"] is not None, "2: no report written")

# 3. lint --diff never passes an option to git.
r = Repo()
r.write("a.py", "print(1)\n")
r.commit()
target = os.path.join(outside, "truncate-me")
with open(target, "w") as f:
    f.write("keep")
expect(r.lint("--diff", f"--output={target}"), 2, "is not a revision", where="3: --diff option")
check(open(target).read() == "keep", "3: --diff '--output=FILE' truncated the file")
expect(r.lint("--diff", "no-such-rev"), 2, "unknown revision", where="3: unknown revision")
expect(r.lint("--diff", "HEAD"), 0, where="3: a real revision still works")
# Ranges resolve side by side: each side is refused as an option or accepted as a commit.
expect(r.lint("--diff", f"HEAD...--output={target}"), 2, "is not a revision", where="3: range with an option")
expect(r.lint("--diff", f"--output={target}..HEAD"), 2, "is not a revision", where="3: option before a range")
check(open(target).read() == "keep", "3: a range with '--output=FILE' truncated the file")
expect(r.lint("--diff", "HEAD...HEAD"), 0, where="3: a three-dot range works")
expect(r.lint("--diff", "HEAD.."), 0, where="3: a two-dot range with an empty side works")
expect(r.lint("--diff", "HEAD...nope"), 2, "unknown revision 'nope'", where="3: unknown side of a range")

# 4. Workload code cannot make the C/C++ parse read a file outside the workload: by absolute
# path, by climbing out with ../, or through a header link; the refusal is a note naming the
# file, never its content.
w = tree({"src/main.c": f'#include "{secret_path}"\n#include "../../{os.path.basename(outside)}/shadow"\n'
                        '#include "link.h"\nint main(void) { return 0; }\n'})
os.symlink(secret_path, os.path.join(w, "src", "link.h"))
code, out, err = run("assess", w, "--format", "json")
check(code in (0, 1), f"4: assess failed: {code} {err}")
check("SECRET-FIRST-LINE" not in out + err, "4: the parse quoted a file outside the workload")
check(f"src/main.c: 1 file outside the workload and the system header directories not read (first: {os.path.realpath(secret_path)})"
      in out, f"4: no note for the refused include: {out[:3000]}")

# 5. lint text output neutralises control characters in names and lines; a newline in a
# name cannot forge a finding line.
r = Repo(git=False)
evil = "ev\x1b]8;;http://x\x07il\nfake.c:2:1: warning: forged.sh"
r.write(evil, "#!/bin/sh\nsysctl -w net.core.somaxconn=4096  # \x1b[2J\x9b\n")
code, out, err = r.lint()
check("\x1b" not in out + err and "\x07" not in out + err, f"5: raw ESC/BEL reached the terminal: {out!r}")
check("\x9b" not in out + err, "5: a C1 control reached the terminal")
check(not any(line.startswith("fake.c:2:1") for line in (out + err).split("\n")), "5: a forged finding line")

# 5. CSV cells starting with TAB or CR are neutralised.
a = tree({"app.py": "print(1)\n", "lambdafit.yaml": "name: \"\\t=1+2\"\n"})
code, out, err = run("assess", a, a, "--format", "csv")
check(",\t=" not in out and ",\"\t=" not in out, f"6: CSV cell starting with TAB not neutralised:\n{out}")

# 6. A manifest, answers, portfolio or baseline that is a device or FIFO: a prompt error.
w = tree({"app.py": "print(1)\n"})
os.symlink("/dev/zero", os.path.join(w, "lambdafit.yaml"))
expect(run("assess", w, timeout=20), 2, "lambdafit.yaml: error: cannot read", where="6: lambdafit.yaml -> /dev/zero")
w = tree({"app.py": "print(1)\n"})
os.mkfifo(os.path.join(w, "lambdafit.yaml"))
expect(run("assess", w, timeout=20), 2, "not a regular file", where="6: lambdafit.yaml is a FIFO")
fifo = os.path.join(tree(), "fifo")
os.mkfifo(fifo)
w = tree({"app.py": "print(1)\n"})
expect(run("assess", w, "--answers", fifo, timeout=20), 2, "not a regular file", where="6: --answers FIFO")
expect(run("assess", "--portfolio", fifo, timeout=20), 2, "not a regular file", where="6: --portfolio FIFO")
expect(run("assess", "--request", fifo, timeout=20), 2, "not a regular file", where="6: --request FIFO")
pf = tree({"p.yaml": f"workloads:\n  - {{path: {w}, answers: {fifo}}}\n"})
# The portfolio itself is fine; its one workload fails, which is exit 3 (a workload failed).
expect(run("assess", "--portfolio", os.path.join(pf, "p.yaml"), timeout=20), 3, "not a regular file",
       where="6: portfolio answers: FIFO")
expect(run("questionnaire", w, "--answers-from", fifo, timeout=20), 2, "not a regular file",
       where="6: questionnaire --answers-from FIFO")
r = Repo(git=False)
r.write("a.py", "print(1)\n")
expect(run("lint", "--baseline", fifo, cwd=r.path, timeout=20), 2, "not a regular file", where="6: --baseline FIFO")

# 7. Globs that backtracked exponentially finish at once.
w = tree({"a" * 60 + ".py": "print(1)\n", "lambdafit.yaml": "exclude: ['" + "a*" * 30 + "b', '***??***/']\n"})
code, _, err = run("assess", w, timeout=30)
check(code == 0, f"7: hostile exclude glob: exit {code}: {err}")

# 8. Millions of problems are counted, not each printed; the run stays quick.
w = tree({"app.py": "print(1)\n"})
with open(os.path.join(w, "lambdafit.yaml"), "w") as f:
    f.write("".join(f"k{i}: 1\n" for i in range(150000)))
code, _, err = run("assess", w, timeout=60)
check(code == 2 and "more problems not shown" in err, f"8: many unknown keys not capped: exit {code}")
check(err.count("unknown key") <= 100, "8: more than 100 diagnostics printed")
req = json.dumps({"workload": {"path": w}, **{f"x{i}": 1 for i in range(100000)}})
code, _, err = run("assess", "--request", "-", stdin=req, timeout=60)
check(code == 2 and err.count("unknown key") <= 100 and "more problems not shown" in err,
      f"8: request errors not capped: exit {code}, {err.count('unknown key')} printed")

# 10. A marker inside a string literal does not suppress; lambdafit's own outputs in the tree
# are not scanned, so --write-baseline then --baseline passes.
r = Repo(git=False)
r.write("tune.sh", "#!/bin/sh\necho \"lambdafit-ignore: see docs\"; sysctl -w net.core.somaxconn=4096\n")
expect(r.lint(), 1, "tune.sh:2:", where="10: marker in a string literal must not suppress")
r.write("src/limits.c", LIMITS_C)
expect(r.lint("--write-baseline", "lint-baseline.json"), 0, where="10: write baseline")
expect(r.lint("--baseline", "lint-baseline.json"), 0, absent=["lint-baseline.json:"], where="10: baseline passes")
code, out, _ = r.lint("--format", "sarif", "--baseline", "lint-baseline.json")
with open(os.path.join(r.path, "renamed-output.txt"), "w") as f:
    f.write(out)
expect(r.lint("--baseline", "lint-baseline.json"), 0, absent=["renamed-output.txt"], where="10: SARIF in the tree")

# 11. An unusable TMPDIR neither litters the working directory nor fails runs needing no
# temporary file.
r = Repo(git=False)
r.write("a.py", "print(1)\n")
cwd = tree()
code, out, err = run("lint", "--root", r.path, cwd=cwd, env={"TMPDIR": os.path.join(r.path, "a.py")})
check(code == 0 and "internal" not in err, f"11: bad TMPDIR broke a plain lint: {code} {err}")
r.write("include/lonely.h", "#include <sys/resource.h>\nstatic int f(void) { struct rlimit rl = {1, 1}; "
        "return setrlimit(RLIMIT_NOFILE, &rl); }\n")
code, out, err = run("lint", "--root", r.path, os.path.join(r.path, "include/lonely.h"), cwd=cwd,
                     env={"TMPDIR": os.path.join(r.path, "a.py")})
check(os.listdir(cwd) == [], f"11: files written into the working directory: {os.listdir(cwd)}")
check(code == 1 and "cpp-resource-limit" in out, f"11: the finding in the lonely header was dropped: {code}\n{out}{err}")

# 12. Unreadable places are noted (see tests/unit/scanning/walk_test.cpp for the walk itself).
# A file link leading outside the workload is not followed: its content is neither scanned nor
# quoted, and the report says it was skipped; a link to a file inside is still scanned.
linked_outside = tree({"job.sh": "echo " + SECRET + "\nuseradd bob\n"})
w = tree({"app.py": "print(1)\n", "real/inner.sh": "useradd bob\n"})
os.symlink(os.path.join(linked_outside, "job.sh"), os.path.join(w, "leak.sh"))
os.symlink(os.path.join(w, "real", "inner.sh"), os.path.join(w, "inner-link.sh"))
code, out, err = run("assess", w, "--format", "json")
check(code in (0, 1), f"12: assess failed: {code} {err}")
check(SECRET not in out and SECRET not in err, "12: a linked file outside the workload was quoted")
check('"path": "leak.sh"' not in out, "12: evidence came from a link leading outside")
check("leak.sh: skipped: symlink to a file outside the workload" in out,
      f"12: no coverage note for the link leading outside: {out[:2000]}")
check('"path": "inner-link.sh"' in out, "12: a link to a file inside was not scanned")

# 14. The questionnaire refuses a read-only manifest and a link leading outside.
w = tree({"app.py": "print(1)\n", "lambdafit.yaml": "name: x\n"})
answers = tree({"a.yaml": "answers:\n  ssh.routine_access: no\n"})
os.chmod(os.path.join(w, "lambdafit.yaml"), 0o444)
code, _, err = run("questionnaire", w, "--answers-from", os.path.join(answers, "a.yaml"))
check(code == 2 and "read-only" in err, f"14: read-only lambdafit.yaml: exit {code}: {err}")
check(open(os.path.join(w, "lambdafit.yaml")).read() == "name: x\n", "14: read-only lambdafit.yaml replaced")
check(sorted(os.listdir(w)) == ["app.py", "lambdafit.yaml"], f"14: leftovers: {os.listdir(w)}")
w = tree({"app.py": "print(1)\n"})
target = os.path.join(outside, "owned.yaml")
with open(target, "w") as f:
    f.write("name: y\n")
os.symlink(target, os.path.join(w, "lambdafit.yaml"))
code, _, err = run("questionnaire", w, "--answers-from", os.path.join(answers, "a.yaml"))
check(code == 2 and "outside the workload" in err, f"14: manifest link outside: exit {code}: {err}")
check(open(target).read() == "name: y\n", "14: wrote through a link to outside the workload")

# 15. Messages.
w = tree({"app.py": "print(1)\n", "lambdafit.yaml": "a: " + "[" * 100000 + "\n"})
code, _, err = run("assess", w)
check(code == 2 and "nested deeper than" in err and len(err) < 2000, f"15: deep YAML: exit {code}: {err[:300]}")
code, _, err = run("assess", "--request", "-", stdin='{"workload": {"path": "."}, "jobs": 1e999}')
check(code == 2 and "internal" not in err and "<stdin>:1:" in err and "number overflow" in err,
      f"15: 1e999: {err}")
code, _, err = run("assess", "--request", "-", stdin=json.dumps({"workload": {"path": w + "\u0000/other"}}))
check(code == 2 and "NUL" in err, f"15: NUL in a path: {err}")
code, _, err = run("assess", "--request", "-", stdin='{"workload": {"path": "."}, "jobs": 1, "jobs": 2}')
check(code == 2 and "duplicate key 'jobs'" in err, f"15: duplicate JSON key: {err}")
w = tree({"app.py": "print(1)\n"})
code, _, err = run("assess", w, "-o", "/dev/full")
check(code == 2 and "No space left on device" in err, f"15: disk full: {err}")
code, _, err = run("assess", w, "-j", "100000000")
check(code == 2, f"15: -j 100000000 accepted: {err}")
code, _, err = run("rules", "validate", os.path.join(w, "app.py"))
check(code == 2 and "not a directory" in err, f"15: rule dir that is a file: {err}")

finish("hostile")
