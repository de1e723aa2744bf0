"""The real `pre-commit` tool (Debian's package) runs lambdafit as a hook on a temporary git
repository, offline: a commit adding a setrlimit call is refused with the diagnostic; the same
change with a reasoned lambdafit-ignore comment, or with the finding in the baseline, goes
through. The hooks come from the repository's .pre-commit-hooks.yaml, used two ways: copied
into a `repo: local` configuration, and cloned from a local hooks repository."""
import atexit
import os
import shutil
import subprocess
import tempfile

import yaml  # Debian's python3-yaml, a dependency of pre-commit

from lint_cases import CLEAN_C, LIMITS_C, Repo, check, fail, finish, run

PRE_COMMIT = shutil.which("pre-commit")
if not PRE_COMMIT:
    fail("pre-commit is not installed (apt-get install pre-commit; see .ci/install-deps)")
    finish("precommit")

with open(os.path.join(os.environ["LAMBDAFIT_SOURCE_DIR"], ".pre-commit-hooks.yaml")) as f:
    HOOKS = yaml.safe_load(f)
HOOK = next(h for h in HOOKS if h["id"] == "lambdafit-lint")

# `language: system` runs `lambdafit` from PATH: put the built binary there.
bindir = tempfile.mkdtemp(prefix="lambdafit-bin-")
atexit.register(shutil.rmtree, bindir, True)
os.symlink(os.environ["LAMBDAFIT"], os.path.join(bindir, "lambdafit"))


def setup(config):
    r = Repo()
    r.env["PATH"] = bindir + os.pathsep + r.env["PATH"]
    r.env["PRE_COMMIT_HOME"] = os.path.join(r.path, ".pre-commit-cache")
    r.write(".gitignore", ".pre-commit-cache/\n")
    r.write(".pre-commit-config.yaml", yaml.safe_dump(config, sort_keys=False))
    r.write("src/limits.c", CLEAN_C)
    r.commit("initial")
    p = subprocess.run([PRE_COMMIT, "install"], cwd=r.path, env=r.env, capture_output=True, text=True)
    check(p.returncode == 0, f"pre-commit install failed: {p.stdout}{p.stderr}")
    return r


def commit(r, where):
    """Stages everything and commits through the hook; returns (accepted, output)."""
    r.git("add", "-A")
    before = r.git("rev-parse", "HEAD").stdout
    p = r.git("commit", "-m", where, check_ok=False)
    after = r.git("rev-parse", "HEAD").stdout
    check((p.returncode == 0) == (before != after), f"{where}: exit code and history disagree")
    return p.returncode == 0, p.stdout + p.stderr


def scenario(config, name):
    r = setup(config)
    # 1. Adding setrlimit is refused, with the compiler-style diagnostic.
    r.write("src/limits.c", LIMITS_C)
    ok, out = commit(r, f"{name}: add setrlimit")
    check(not ok, f"{name}: the commit adding setrlimit went through:\n{out}")
    check("src/limits.c:5:10: warning: changes a process resource limit" in out and "[cpp-resource-limit]" in out,
          f"{name}: the refusal lacks the diagnostic:\n{out}")

    # 2. The same change with a reasoned ignore comment goes through.
    r.write("src/limits.c", LIMITS_C.replace(
        "  return setrlimit(RLIMIT_NOFILE, &rl);",
        "  return setrlimit(RLIMIT_NOFILE, &rl);  // lambdafit-ignore(cpp-resource-limit): container task, not a function"))
    ok, out = commit(r, f"{name}: add setrlimit with a reason")
    check(ok, f"{name}: the commit with a reasoned ignore comment was refused:\n{out}")

    # 3. A new file with the call is refused, then accepted once the finding is in the baseline
    #    the workload's lambdafit.yaml names.
    r.write("src/more.c", LIMITS_C.replace("raise_limit", "raise_more"))
    ok, out = commit(r, f"{name}: another setrlimit")
    check(not ok and "src/more.c:5:10: warning" in out, f"{name}: the second setrlimit went through:\n{out}")
    code, _, err = run("lint", "--write-baseline", ".lambdafit-baseline.json", cwd=r.path)
    check(code == 0, f"{name}: --write-baseline failed: {err}")
    r.write("lambdafit.yaml", "lint:\n  baseline: .lambdafit-baseline.json\n")
    ok, out = commit(r, f"{name}: setrlimit in the baseline")
    check(ok, f"{name}: the commit with the finding in the baseline was refused:\n{out}")

    # 4. A change unrelated to the baselined line still passes; a new call does not.
    r.write("src/more.c", "/* moved down */\n" + LIMITS_C.replace("raise_limit", "raise_more"))
    ok, out = commit(r, f"{name}: unrelated edit")
    check(ok, f"{name}: an edit that only moved the baselined line was refused:\n{out}")
    r.write("src/more.c", LIMITS_C.replace("raise_limit", "raise_more") + "int again(void) { struct rlimit r = {1, 1}; return setrlimit(RLIMIT_CORE, &r); }\n")
    ok, out = commit(r, f"{name}: new call next to the baselined one")
    check(not ok and "src/more.c:7:" in out, f"{name}: a new call next to a baselined one went through:\n{out}")


# repo: local, with the hook definition from .pre-commit-hooks.yaml.
local = dict(HOOK)
scenario({"repos": [{"repo": "local", "hooks": [local]}]}, "repo: local")

# The hooks repository itself, cloned from a local path (no network).
hooks_repo = Repo()
shutil.copy(os.path.join(os.environ["LAMBDAFIT_SOURCE_DIR"], ".pre-commit-hooks.yaml"), hooks_repo.path)
hooks_repo.commit("hooks")
rev = hooks_repo.git("rev-parse", "HEAD").stdout.strip()
scenario({"repos": [{"repo": hooks_repo.path, "rev": rev, "hooks": [{"id": "lambdafit-lint"}]}]},
         "hooks repository")

# The changed-lines hook: an old finding elsewhere in an edited file does not block a commit;
# a new call on an added line does.
r = setup({"repos": [{"repo": "local", "hooks": [dict(next(h for h in HOOKS if h["id"] == "lambdafit-lint-changed-lines"))]}]})
r.write("src/limits.c", LIMITS_C)
r.git("add", "-A")
r.git("commit", "-q", "--no-verify", "-m", "old finding, committed before the hook")
r.write("src/limits.c", "/* an unrelated edit */\n" + LIMITS_C)
ok, out = commit(r, "changed lines: unrelated edit")
check(ok, f"changed-lines hook: an edit away from the old finding was refused:\n{out}")
r.write("src/limits.c", "/* an unrelated edit */\n" + LIMITS_C + "int more(void) { struct rlimit r = {1, 1}; return setrlimit(RLIMIT_CORE, &r); }\n")
ok, out = commit(r, "changed lines: new call")
check(not ok and "src/limits.c:8:" in out and "src/limits.c:6:" not in out,
      f"changed-lines hook: the new call was not refused alone:\n{out}")

finish("precommit")
