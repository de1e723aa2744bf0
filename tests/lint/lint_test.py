"""lambdafit lint end to end: what must be reported and what must not, for files, suppressions,
--staged, --diff, --changed-lines-only, baselines, configuration and output formats."""
import json
import os

from lint_cases import CLEAN_C, LIMITS_C, Repo, check, expect, finish, run, validate

FINDING = "src/limits.c:5:10: warning: changes a process resource limit"

# --- files: compiler-form output with the source line, a caret and the checklist note ------
r = Repo(git=False)
r.write("src/limits.c", LIMITS_C)
r.write("src/clean.c", CLEAN_C)
code, out, err = r.lint("src/limits.c")
expect((code, out, err), 1, FINDING + " (open files, memory, core size) [cpp-resource-limit]",
       "  return setrlimit(RLIMIT_NOFILE, &rl);\n         ^\n",
       "src/limits.c:5:10: note: checklist 'os-settings'", where="files: setrlimit")
expect(r.lint("src/clean.c"), 0, absent=["warning"], where="files: clean source")
expect(r.lint(), 1, FINDING, where="no files: the whole workload")

# --- suppressions, in every form -----------------------------------------------------------
def with_line5(text):
    lines = LIMITS_C.split("\n")
    lines[4] = text
    return "\n".join(lines)

r.write("src/limits.c", with_line5("  return setrlimit(RLIMIT_NOFILE, &rl);  // lambdafit-ignore(cpp-resource-limit): pool of 3000 sockets"))
code, out, err = r.lint("src/limits.c", "--format", "json")
expect((code, out, err), 0, where="suppression: same line with a reason")
doc = json.loads(out)
validate(doc, "lint.schema.json")
check(doc["summary"]["suppressed"] == 1 and doc["suppressed"][0]["suppression_reason"] == "pool of 3000 sockets",
      f"suppression: not listed as suppressed with its reason: {doc['suppressed']}")

r.write("src/limits.c", with_line5("  return setrlimit(RLIMIT_NOFILE, &rl);  // lambdafit-ignore-next-line(cpp-resource-limit): wrong line"))
expect(r.lint("src/limits.c"), 1, FINDING, where="suppression: next-line form on the line itself must not silence it")

r.write("src/limits.c", LIMITS_C.replace("  return setrlimit", "  /* lambdafit-ignore-next-line(os-settings): by criterion */\n  return setrlimit"))
expect(r.lint("src/limits.c"), 0, where="suppression: next-line form naming the criterion")

r.write("src/limits.c", with_line5("  return setrlimit(RLIMIT_NOFILE, &rl);  // lambdafit-ignore(cpp-*)"))
expect(r.lint("src/limits.c"), 1, "src/limits.c:5:45: warning: suppression without a reason", "[lambdafit-ignore]",
       absent=["[cpp-resource-limit]"], where="suppression: a glob without a reason")
expect(r.lint("src/limits.c", "--fail-on", "error"), 0, where="suppression: --fail-on error lets the warning pass")

r.write("src/limits.c", with_line5("  return setrlimit(RLIMIT_NOFILE, &rl);  // lambdafit-ignore(cpp-listen-call): other detector"))
expect(r.lint("src/limits.c"), 1, FINDING, where="suppression: naming another detector must not silence it")

r.write("src/limits.c", "// lambdafit-ignore-begin(cpp-resource-limit): vendored\n" + LIMITS_C + "// lambdafit-ignore-end(cpp-resource-limit)\n")
expect(r.lint("src/limits.c"), 0, where="suppression: begin/end block")
r.write("src/limits.c", "// lambdafit-ignore-begin(cpp-resource-limit): vendored\n" + LIMITS_C)
expect(r.lint("src/limits.c"), 1, "src/limits.c:1:4: error: 'lambdafit-ignore-begin(cpp-resource-limit)' is never closed",
       "src/limits.c:6:10: warning: changes a process resource limit", where="suppression: unmatched begin silences nothing")

r.write("src/clean.c", "// lambdafit-ignore-next-line(cpp-resource-limit): stale\n" + CLEAN_C)
expect(r.lint("src/clean.c"), 0, where="unused suppression: not reported unless asked")
expect(r.lint("src/clean.c", "--report-unused-suppressions"), 1,
       "src/clean.c:1:4: warning: 'lambdafit-ignore-next-line(cpp-resource-limit)' silences nothing",
       where="unused suppression: reported on request")
r.write("src/limits.c", with_line5("  return setrlimit(RLIMIT_NOFILE, &rl);  /* lambdafit-ignore: all of them */"))
expect(r.lint("--list-suppressions"), 0,
       "src/clean.c:1:4: lambdafit-ignore-next-line(cpp-resource-limit): stale [silenced 0]",
       "src/limits.c:5:45: lambdafit-ignore(*): all of them [silenced 1]",
       where="--list-suppressions")

# --- suppressions in scripts (text detectors): '#' comments ---------------------------------------
r = Repo(git=False)
r.write("job.py", "import resource\nresource.setrlimit(resource.RLIMIT_NOFILE, (4096, 4096))\n")
r.write("start.sh", "#!/bin/sh\nulimit -n 65536\nexec ./server\n")
expect(r.lint("job.py", "start.sh"), 1, "job.py:2:1: warning", "[python-setrlimit]", "start.sh:2:1: warning", "[shell-ulimit-raise]",
       where="scripts: reported")
r.write("job.py", "import resource\nresource.setrlimit(resource.RLIMIT_NOFILE, (4096, 4096))  # lambdafit-ignore(python-setrlimit): batch container\n")
r.write("start.sh", "#!/bin/sh\n# lambdafit-ignore-next-line(os-settings): runs on the build host only\nulimit -n 65536\nexec ./server\n")
expect(r.lint("job.py", "start.sh"), 0, where="scripts: '#' suppressions")
r.write("start.sh", "#!/bin/sh\n# lambdafit-ignore-next-line(python-setrlimit): wrong detector\nulimit -n 65536\n")
expect(r.lint("start.sh"), 1, "start.sh:3:1: warning", where="scripts: suppression naming another detector")

# --- assess: suppressed evidence is listed with its reason and does not count --------------------
r = Repo(git=False)
r.write("src/limits.c", LIMITS_C.replace("&rl);", "&rl);  // lambdafit-ignore(cpp-resource-limit): sized by the platform"))
r.write("src/other.c", "// lambdafit-ignore-end(x)\n" + CLEAN_C)
code, out, err = run("assess", r.path, "--format", "json")
check(code == 0, f"assess: exit {code}: {err}")
report = json.loads(out)
sup = report["scan"]["suppressed"]
check(len(sup) == 1 and sup[0]["detector"] == "cpp-resource-limit" and sup[0]["suppression_reason"] == "sized by the platform",
      f"assess: scan.suppressed is {sup}")
counted = [report["evidence"][i] for c in report["platforms"][0]["criteria"] if c["id"] == "os-settings" for i in c["evidence"]]
check(counted == [], f"assess: suppressed evidence counted for os-settings: {counted}")
check(any("src/other.c:1:4: error: 'lambdafit-ignore-end(x)' has no matching" in n for n in report["scan"]["coverage_notes"]),
      f"assess: the unmatched end is not in the coverage notes: {report['scan']['coverage_notes']}")

# --- --staged reads the index, not the work tree ---------------------------------------------
r = Repo()
r.write("src/limits.c", CLEAN_C)
r.commit("clean")
r.write("src/limits.c", LIMITS_C)
r.git("add", "src/limits.c")
r.write("src/limits.c", CLEAN_C)  # the work tree is clean again; the index is not
expect(r.lint("--staged"), 1, FINDING, where="--staged: staged setrlimit, clean work tree")
r.git("add", "src/limits.c")
r.write("src/limits.c", LIMITS_C)  # now the reverse
expect(r.lint("--staged"), 0, absent=["warning"], where="--staged: clean index, setrlimit only in the work tree")
r.write("src/other.c", LIMITS_C.replace("raise_limit", "other"))
r.commit("other", "src/other.c")
r.write("src/limits.c", CLEAN_C)
expect(r.lint("--staged"), 0, absent=["other.c"], where="--staged: committed files are not linted")

# --staged with a compile database in the work tree: its entries name the work tree's files, the
# index's copy is what gets parsed, and an -include of a header in the tree is kept.
GUARDED_C = """#include <sys/resource.h>
void raise_limit(void) {
#ifdef WANT_LIMITS
  struct rlimit r = {1024, 1024};
  setrlimit(RLIMIT_NOFILE, &r);
#endif
}
"""
r = Repo()
r.write("include/config.h", "#define WANT_LIMITS 1\n")
r.write("src/limits.c", "void raise_limit(void) {}\n")
r.write("build/compile_commands.json", json.dumps([{
    "directory": os.path.join(r.path, "build"), "file": os.path.join(r.path, "src", "limits.c"),
    "command": f"cc -include {os.path.join(r.path, 'include', 'config.h')} -c {os.path.join(r.path, 'src', 'limits.c')}"}]))
r.commit("db")
r.write("src/limits.c", GUARDED_C)
r.git("add", "src/limits.c")
r.write("src/limits.c", "void raise_limit(void) {}\n")  # only the index has the call
expect(r.lint("--staged", "-v"), 1, "src/limits.c:5:3: warning", "compile commands from the compile database",
       absent=["entries outside the workload", "flags that read files outside"],
       where="--staged with a compile database: the index's copy, with the database's -include")

# --- --diff REV: files changed in the work tree since REV --------------------------------------
r = Repo()
r.write("src/old.c", LIMITS_C)
r.write("src/limits.c", CLEAN_C)
r.commit("base")
r.write("src/limits.c", LIMITS_C)
expect(r.lint("--diff", "HEAD"), 1, FINDING, absent=["src/old.c"], where="--diff: changed file reported, unchanged one not")
expect(r.lint("--diff", "HEAD", "src/old.c"), 0, where="--diff with a file not in the change")
expect(r.lint("--diff", "no-such-rev"), 2, "cannot list the changed files", where="--diff: bad revision")

# --- --changed-lines-only: only lines the change touched ---------------------------------------
r = Repo()
r.write("src/limits.c", LIMITS_C)
r.commit("base")
r.write("src/limits.c", LIMITS_C + "\nint again(void) {\n  struct rlimit rl = {1, 1};\n  return setrlimit(RLIMIT_CORE, &rl);\n}\n")
r.git("add", "src/limits.c")
expect(r.lint("--staged", "--changed-lines-only"), 1, "src/limits.c:10:10: warning",
       absent=["src/limits.c:5:10"], where="--changed-lines-only: new call reported, old one not")
expect(r.lint("--staged"), 1, "src/limits.c:10:10: warning", "src/limits.c:5:10: warning",
       where="--staged without --changed-lines-only: both")
r.write("src/limits.c", LIMITS_C.replace("int raise_limit", "/* renamed */\nint raise_limit"))
r.git("add", "src/limits.c")
expect(r.lint("--staged", "--changed-lines-only"), 0, where="--changed-lines-only: an edit elsewhere in the file")
expect(r.lint("--changed-lines-only"), 2, "--changed-lines-only needs --staged or --diff", where="usage")

# --- baselines: survive moved lines and unrelated edits; report only what is new ---------------
r = Repo(git=False)
r.write("src/limits.c", LIMITS_C)
expect(r.lint("--write-baseline", "base.json"), 0, "recorded 1 findings", where="--write-baseline")
expect(r.lint("--baseline", "base.json"), 0, where="baseline: unchanged tree")
r.write("src/limits.c", "// a new header comment\n#include <stdio.h>\n\n" + LIMITS_C.replace("4096, 4096", "8192, 8192"))
expect(r.lint("--baseline", "base.json"), 0, where="baseline: the line moved and other lines changed")
r.write("src/limits.c", LIMITS_C + "int twice(void) {\n  struct rlimit rl = {1, 1};\n  return setrlimit(RLIMIT_NOFILE, &rl);\n}\n")
code, out, err = r.lint("--baseline", "base.json", "--format", "json")
expect((code, out, err), 1, where="baseline: a second identical call is new")
doc = json.loads(out)
check([(f["line"], f["detector"]) for f in doc["findings"]] == [(9, "cpp-resource-limit")]
      and len(doc["baselined"]) == 1, f"baseline: wrong split {doc['findings']} {doc['baselined']}")
r.write("base.json", "{\"findings\": [\n  {\"fingerprint\": 3}\n]\n")
expect(r.lint("--baseline", "base.json"), 2, "base.json", "error", where="baseline: malformed file")

# --- configuration in lambdafit.yaml, overridden by flags --------------------------------------
r = Repo(git=False)
r.write("src/limits.c", LIMITS_C)
r.write("vendor/lib.c", LIMITS_C)
r.write("lambdafit.yaml", "lint:\n  disable: [os-settings]\n")
expect(r.lint("src/limits.c"), 0, where="config: disabled by criterion")
expect(r.lint("--enable", "cpp-resource-limit", "src/limits.c"), 1, FINDING, where="config: --enable overrides")
r.write("lambdafit.yaml", "lint:\n  severity:\n    cpp-*: note\n  ignore: [vendor]\n")
expect(r.lint(), 0, "src/limits.c:5:10: note: changes a process resource limit", absent=["vendor/lib.c"],
       where="config: severity note does not fail; ignored path")
expect(r.lint("--severity", "cpp-resource-limit=error", "--fail-on", "error"), 1, "src/limits.c:5:10: error:",
       where="config: --severity overrides")
r.write("lambdafit.yaml", "lint:\n  disabel: [x]\n")
expect(r.lint(), 2, "lambdafit.yaml:2:3: error: unknown key 'disabel'", "did you mean 'disable'?", where="config: typo key")
r.write("lambdafit.yaml", "lint:\n  enable:\n    - cpp-resource-limt\n")
expect(r.lint(), 2, "lambdafit.yaml:3:7: error: unknown detector, criterion or fact 'cpp-resource-limt'; did you mean 'cpp-resource-limit'?",
       where="config: unknown id")
r.write("lambdafit.yaml", "lint:\n  fail_on: eror\n")
expect(r.lint(), 2, "lambdafit.yaml:2:12: error: 'fail_on' must be warning or error", where="config: bad fail_on")
r.remove("lambdafit.yaml")

# --- formats ----------------------------------------------------------------------------------
code, out, err = r.lint("src/limits.c", "--format", "sarif")
expect((code, out, err), 1, where="sarif")
sarif = json.loads(out)
results = sarif["runs"][0]["results"]
check(len(results) == 1 and results[0]["ruleId"] == "cpp-resource-limit" and results[0]["baselineState"] == "new"
      and results[0]["level"] == "warning", f"sarif: unexpected results {results}")
check("properties" not in sarif["runs"][0], "sarif: lint must not carry a verdict")

# --- headers: linted through a translation unit that includes them -----------------------------
r = Repo(git=False)
r.write("include/limits.h", "#include <sys/resource.h>\nstatic inline int lim(void) {\n  struct rlimit rl = {1, 1};\n  return setrlimit(RLIMIT_CORE, &rl);\n}\n")
r.write("src/main.c", "#include \"limits.h\"\nint main(void) { return lim(); }\n")
expect(r.lint("include/limits.h"), 1, "include/limits.h:4:10: warning", absent=["src/main.c:"], where="header via including unit")

r = Repo()
r.write("include/limits.h", "static inline int lim(void) { return 0; }\n")
r.write("src/main.c", "#include \"limits.h\"\n#include \"util.h\"\nint main(void) { return lim() + util(); }\n")
r.write("src/util.h", "static inline int util(void) { return 1; }\n")
r.commit("base")
r.write("include/limits.h", "#include <sys/resource.h>\nstatic inline int lim(void) {\n  struct rlimit rl = {1, 1};\n  return setrlimit(RLIMIT_CORE, &rl);\n}\n")
r.git("add", "include/limits.h")
r.write("include/limits.h", "static inline int lim(void) { return 0; }\n")
expect(r.lint("--staged"), 1, "include/limits.h:4:10: warning", absent=["src/main.c:", "error"],
       where="--staged header: the staged version, through an unchanged unit")

r = Repo(git=False)
r.write("include/alone.hpp", "#include <sys/resource.h>\ninline int alone() {\n  struct rlimit rl = {1, 1};\n  return setrlimit(RLIMIT_CORE, &rl);\n}\n")
r.write("include/quiet.hpp", "inline int quiet() { return 0; }\n")
expect(r.lint("include/alone.hpp"), 1, "include/alone.hpp:4:10: warning", "[cpp-resource-limit]", absent=[".lambdafit-lint"],
       where="header nothing includes: parsed through an inferred unit")
expect(r.lint("include/quiet.hpp"), 0, where="header nothing includes, without findings")

# --- advice once per detector, --no-advice --------------------------------------------------
r = Repo(git=False)
for n in range(3):
    r.write(f"src/l{n}.c", LIMITS_C)
code, out, err = r.lint()
expect((code, out, err), 1, where="advice: three findings of one detector")
check(out.count(": warning: changes a process resource limit") == 3, f"advice: three warnings expected:\n{out}")
check(out.count("note: checklist 'os-settings'") == 1, f"advice: the note should come once per run:\n{out}")
code, out, err = r.lint("--no-advice")
check(code == 1 and out.count(": warning:") == 3 and "note:" not in out, f"--no-advice still prints advice:\n{out}")

# --- --show-resolved: baseline entries that no longer occur ------------------------------------
r.lint("--write-baseline", "base.json")
r.write("src/l1.c", CLEAN_C)
code, out, err = r.lint("--baseline", "base.json", "--show-resolved")
expect((code, out, err), 0, "src/l1.c:5: resolved: [cpp-resource-limit]", "1 baseline entry resolved",
       absent=["src/l0.c:5: resolved", "src/l2.c:5: resolved"], where="--show-resolved: one fixed entry")
code, out, err = r.lint("--baseline", "base.json", "--show-resolved", "--format", "json")
doc = json.loads(out)
validate(doc, "lint.schema.json")
check([(e["path"], e["detector"]) for e in doc["resolved"]] == [("src/l1.c", "cpp-resource-limit")],
      f"--show-resolved in JSON: {doc.get('resolved')}")
code, out, err = r.lint("src/l0.c", "--baseline", "base.json", "--show-resolved")
check(code == 0 and "resolved" not in out, f"--show-resolved lists an entry of a file it did not lint:\n{out}")

# --- configuration from the nearest lambdafit.yaml upward ----------------------------------------
r = Repo()
r.write("svc/src/limits.c", LIMITS_C)
r.write("svc/lambdafit.yaml", "lint:\n  disable: [cpp-resource-limit]\n")
r.write("other/src/limits.c", LIMITS_C)
r.commit("base")
expect(r.lint("svc/src/limits.c"), 0, absent=["warning"], where="nearest config: svc/lambdafit.yaml applies to svc/")
expect(r.lint("other/src/limits.c"), 1, "other/src/limits.c:5:10: warning",
       where="nearest config: other/ has none, so the top level (no config) applies")
code, out, err = run("lint", "src/limits.c", cwd=os.path.join(r.path, "svc"))
check(code == 0 and "warning" not in out, f"nearest config from inside svc/: {code}\n{out}{err}")

# --- -v: coverage notes grouped by cause, as the assess report groups them ----------------------
r = Repo()
r.write("src/a.c", '#include "missing_cfg.h"\n' + LIMITS_C)
r.write("src/b.c", '#include "missing_cfg.h"\n' + CLEAN_C)
r.commit("base")
code, out, err = r.lint("-v", "src/a.c", "src/b.c")
notes = [l for l in err.splitlines() if l.startswith("lambdafit: note: ")]
grouped = [l for l in notes if "could not find 'missing_cfg.h'" in l]
check(len(grouped) == 1 and "2 translation units could not find 'missing_cfg.h' (first: src/" in grouped[0]
      and "pass -p BUILD_DIR" in grouped[0], f"lint -v: notes not grouped by cause:\n{err}")
check(sum("parsed with" in l for l in err.splitlines() if l.startswith("    ")) == 2,
      f"lint -v: the group does not list its two notes beneath it:\n{err}")
check(r.path not in err, f"lint -v: absolute paths in the notes:\n{err}")
code, out, err = r.lint("src/a.c", "src/b.c")
check("note:" not in err, f"lint without -v prints coverage notes:\n{err}")

# --- usage errors -------------------------------------------------------------------------------
r = Repo(git=False)
expect(r.lint("--staged"), 2, "not inside a git repository", where="usage: --staged outside git")
expect(r.lint("missing.c"), 2, "'missing.c' does not exist", where="usage: missing file")
expect(r.lint("--staged", "--diff", "HEAD"), 2, where="usage: --staged with --diff")

finish("lint")
