"""Command-line conventions: did-you-mean for commands, options, values and ids; one error
prefix; -q/-v/--color everywhere; '.' as the default path; the format from the -o name;
examples and exit codes in every --help; progress on a terminal only, cleared, with stage
names; completion scripts that bash loads; the man page rendered by man -l; aligned tables."""
import json
import os
import pty
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from support import LAMBDAFIT, SOURCE_DIR, check, finish, run, run_command, source  # noqa: E402

BUILD_DIR = os.environ.get("LAMBDAFIT_BUILD_DIR", "")
S3 = source("samples", "s3-thumbnailer")
COMMANDS = ["assess", "portfolio", "lint", "platforms", "questionnaire", "rules", "completion"]


def error_lines(err):
    """Every line that reports an error starts with the tool's prefix or a file:line:col."""
    return [l for l in err.splitlines() if "error" in l]


def one_prefix(err, what):
    bad = [l for l in error_lines(err)
           if not (l.startswith("lambdafit: error: ") or re.match(r"^[^ ]+:\d+:\d+: error: ", l))]
    check(not bad, f"{what}: error lines without the one prefix: {bad}")


# Did you mean, for commands, options, option values and ids.
for args, want in [
    (["asses", "x"], "lambdafit: error: unknown command 'asses'; did you mean 'assess'?"),
    (["assess", S3, "--fromat", "md"], "lambdafit: error: unknown option '--fromat' for 'assess'; did you mean '--format'?"),
    (["lint", "--stagd"], "unknown option '--stagd' for 'lint'; did you mean '--staged'?"),
    (["assess", S3, "--format", "jsn"], "--format does not accept 'jsn' (one of: text, json, md, html, sarif, csv); did you mean 'json'?"),
    (["rules", "show", "runtime-limt"], "did you mean 'runtime-limit'?"),
    (["assess", S3, "--platform", "aws-lamda"], "did you mean 'aws-lambda'?"),
]:
    code, out, err = run(*args)
    check(code == 2 and want in err, f"{args}: exit {code}, stderr {err!r}, want {want!r}")
    one_prefix(err, " ".join(args))
print("ok did-you-mean for commands, options, values and ids")

# -q, -v and --color on every command; each --help has examples and the exit codes.
for cmd in COMMANDS:
    code, out, err = run(cmd, "--help")
    check(code == 0, f"{cmd} --help exits {code}")
    for word in ("-q,--quiet", "-v,--verbose", "--color", "Examples:", "Exit status:", "3 a workload"):
        check(word in out, f"{cmd} --help lacks {word!r}")
code, out, _ = run("--help")
check(all(c in out for c in COMMANDS) and "Exit status:" in out, "lambdafit --help lists commands and exit codes")
print("ok -q/-v/--color, examples and exit codes in every --help")

# Every command works on '.' by default.
code, out, err = run("assess", "-q", "--format", "json", cwd=S3)
check(code == 0 and json.loads(out)["workload"]["name"] == "s3-thumbnailer", f"assess in cwd: {code} {err}")
code, out, err = run("questionnaire", "--list", "-q", cwd=S3)
check(code == 0 and "open questions for s3-thumbnailer" in out, f"questionnaire in cwd: {code} {err}")
code, out, err = run("rules", "validate", "--alone", "--color", "never", cwd=source("rules"))
check(code == 0 and out.startswith(".: ok"), f"rules validate in cwd: {code} {out} {err}")
# Without --alone, the shipped pack named as DIR is loaded once, not on top of itself (which
# reported every rule as a duplicate).
code, out, err = run("rules", "validate", "--color", "never", cwd=source("rules"))
check(code == 0 and out.startswith(".: ok") and "duplicate" not in err, f"rules validate of the default pack: {code} {err[:300]}")
with tempfile.TemporaryDirectory() as tmp:
    run("assess", S3, "-q", "-o", os.path.join(tmp, "s3.json"))
    code, out, err = run("portfolio", "-q", "--format", "json", cwd=tmp)
    check(code == 0 and [w["name"] for w in json.loads(out)["workloads"]] == ["s3-thumbnailer"],
          f"portfolio in cwd: {code} {err}")
print("ok '.' is the default path")

# The format follows the output name; --format wins for other names; a mismatch is an error.
with tempfile.TemporaryDirectory() as tmp:
    for name, probe in [("r.html", "<!DOCTYPE html>"), ("r.md", "# lambdafit report"), ("r.sarif", '"version": "2.1.0"'),
                        ("r.json", '"schema_version"'), ("r.txt", "VERDICT:")]:
        path = os.path.join(tmp, name)
        code, out, err = run("assess", S3, "-o", path, "-q")
        text = open(path).read() if os.path.exists(path) else ""
        check(code == 0 and probe in text, f"-o {name}: exit {code}, starts {text[:60]!r} {err}")
    code, out, err = run("assess", S3, "-o", os.path.join(tmp, "r.html"), "--format", "json")
    check(code == 2 and "--format json does not match the output name" in err, f"mismatch: {code} {err!r}")
    code, out, err = run("assess", S3, "-o", os.path.join(tmp, "report.out"), "--format", "md")
    check(code == 0 and open(os.path.join(tmp, "report.out")).read().startswith("# lambdafit report"),
          f"--format for an unknown extension: {code} {err}")
    code, out, err = run("lint", S3, "-o", os.path.join(tmp, "lint.sarif"), "--root", S3)
    check(code in (0, 1) and '"2.1.0"' in open(os.path.join(tmp, "lint.sarif")).read(), f"lint -o x.sarif: {code} {err}")
print("ok the format follows -o")

# -q silences the portfolio's "wrote" line; the report itself is unchanged.
with tempfile.TemporaryDirectory() as tmp:
    code, _, err = run("assess", S3, source("samples", "cron-report"), "-o", os.path.join(tmp, "out") + "/")
    check(code == 0 and "wrote" in err, f"portfolio -o DIR says what it wrote: {err!r}")
    code, _, err = run("assess", S3, source("samples", "cron-report"), "-q", "-o", os.path.join(tmp, "out2") + "/")
    check(code == 0 and err == "", f"-q leaves stderr empty: {err!r}")
print("ok -q")


def on_terminal(args, cols=80):
    """Runs lambdafit with stdout and stderr on one pseudo-terminal of `cols` columns."""
    pid, fd = pty.fork()
    if pid == 0:
        import fcntl
        import struct
        import termios
        fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", 40, cols, 0, 0))
        os.environ.pop("NO_COLOR", None)
        os.execv(LAMBDAFIT, [LAMBDAFIT, *args])
    out = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), out.decode("utf-8", "replace")


# Progress: stage names, evaluate reaching N/N, always cleared before the report.
code, out = on_terminal(["assess", source("samples", "legacy-daemon"), "--platform", "all", "--color", "never"])
stages = set(re.findall(r"\[(walk|scan|evaluate) \d+/\d+\]", out))
check(code == 0 and "scan" in stages and "evaluate" in stages, f"progress stages: {stages}")
evaluate = re.findall(r"\[evaluate (\d+)/(\d+)\]", out)
check(evaluate and evaluate[-1][0] == evaluate[-1][1], f"evaluate reaches N/N: {evaluate[-3:]}")
# The text kind's files run on the engine's work pool, which names its stage and counts to N/N.
text_stage = re.findall(r"\[text (\d+)/(\d+)\]", out)
check(text_stage and text_stage[-1][0] == text_stage[-1][1], f"text reaches N/N: {text_stage[-3:]}")
# What a person sees: apply each carriage return and erase-line as a terminal would.
seen = []
for line in out.replace("\r\n", "\n").split("\n"):
    screen = ""
    for part in re.split(r"(\r|\x1b\[K)", line):
        if part == "\r":
            screen = ""
        elif part != "\x1b[K":
            screen += part
    seen.append(screen)
check(seen[0].startswith("lambdafit ") and "[" not in seen[0][:12], f"the first visible line is the report: {seen[0]!r}")
check(not any(re.search(r"\[(walk|scan|evaluate) \d+/\d+\]", l) for l in seen), "a progress line stays visible")
# A long walk shows how many files it has found so far, is cleared too, and -q silences it.
with tempfile.TemporaryDirectory() as tmp:
    for i in range(700):
        d = os.path.join(tmp, f"d{i % 7}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, f"f{i}.txt"), "w") as f:
            f.write("x\n")
    code, out = on_terminal(["assess", tmp, "--color", "never"])
    walked = [int(n) for n in re.findall(r"\[walk: (\d+) files\]", out)]
    check(code == 0 and walked and walked[0] == 256, f"walk progress: {walked} in {out[:300]!r}")
    final = out.replace("\r\n", "\n").split("\n")[0]
    check(final.split("\r")[-1].replace("\x1b[K", "").startswith("lambdafit "), f"walk progress not cleared: {final!r}")
    code, out = on_terminal(["assess", tmp, "-q", "--color", "never"])
    check(code == 0 and "[walk" not in out and "[scan" not in out and "\x1b[K" not in out,
          f"-q still shows progress: {out[:300]!r}")
code, out, err = run("assess", S3)
check("\r" not in err and "[scan" not in err, f"no progress into a pipe: {err!r}")
print(f"ok progress: stages {sorted(stages)}, evaluate {evaluate[-1][0]}/{evaluate[-1][1]}, cleared")

# Only the CLI reads the environment: it passes $LAMBDAFIT_CLANG_RESOURCE_DIR (Clang's builtin
# headers) to the library, which hands it to the worker that plans the translation units. A
# stand-in resource directory whose stddef.h stops the parse shows it arrived (a missing one
# would not: Debian's driver then falls back on its own copy).
with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as resource:
    os.makedirs(os.path.join(resource, "include"))
    with open(os.path.join(resource, "include", "stddef.h"), "w") as f:
        f.write("#error stand-in resource directory\n")
    with open(os.path.join(tmp, "sizes.c"), "w") as f:
        f.write("#include <stddef.h>\nsize_t width(void) { return sizeof(int); }\n")

    def notes_with(env):
        code, out, err = run("assess", tmp, "-q", "--format", "json", env=env)
        check(code == 0, f"assess with {env}: exit {code}: {err}")
        return "\n".join(json.loads(out)["scan"]["coverage_notes"]) if code == 0 else ""

    default = notes_with({})
    check("sizes.c" not in default, f"sizes.c does not parse cleanly with the built-in resource dir: {default}")
    moved = notes_with({"LAMBDAFIT_CLANG_RESOURCE_DIR": resource})
    check("sizes.c: parsed with" in moved and "stand-in resource directory" in moved,
          f"$LAMBDAFIT_CLANG_RESOURCE_DIR did not reach the parse: {moved!r}")
print("ok the CLI passes $LAMBDAFIT_CLANG_RESOURCE_DIR through")

# Tables whose columns never break: platforms and --platform all at 80 columns.
code, out, _ = run("platforms")
rows = [l for l in out.splitlines() if l.strip()]
name_col = rows[0].index("name")
check(all(len(l) > name_col and l[name_col - 2:name_col] == "  " and l[name_col] != " " for l in rows[1:]),
      f"platforms: the name column is not aligned:\n{out}")
code, out = on_terminal(["assess", source("samples", "legacy-daemon"), "--platform", "all", "--color", "never"])
table = out.replace("\r\n", "\n").split("Platforms\n", 1)[1].split("\n\n", 1)[0].replace("\r", "").splitlines()
header = table[0]
rows = [l for l in table[1:] if not l.startswith("    ")]
at = header.index("verdict")
check(len(rows) > 3 and all(l[at - 2:at] == "  " and l[at] != " " for l in rows),
      "--platform all: the verdict column is not aligned:\n" + "\n".join(table))
check(all(len(l) <= 80 for l in table), "--platform all: the table is wider than 80 columns")
print("ok aligned tables")

# Completion scripts: bash loads and completes; zsh and fish scripts name every command.
bash = shutil.which("bash")
script = run("completion", "bash")[1]
probe = ('source /dev/stdin; COMP_WORDS=(lambdafit as); COMP_CWORD=1; _lambdafit; echo "1:${COMPREPLY[*]}"; '
         'COMP_WORDS=(lambdafit assess --fo); COMP_CWORD=2; _lambdafit; echo "2:${COMPREPLY[*]}"; '
         'COMP_WORDS=(lambdafit assess --format m); COMP_CWORD=3; _lambdafit; echo "3:${COMPREPLY[*]}"; '
         'complete -p lambdafit')
code, out, err = run_command([bash, "-c", probe], stdin=script)
check(code == 0 and "1:assess" in out and "2:--format" in out and "3:md" in out and "complete" in out,
      f"bash completion: {code} {out!r} {err!r}")
for shell in ("zsh", "fish"):
    code, out, _ = run("completion", shell)
    check(code == 0 and all(c in out for c in COMMANDS if c != "completion"), f"{shell} completion lacks commands")
    if shutil.which(shell):
        code, _, err = run_command([shutil.which(shell), "-n", "/dev/stdin"], stdin=out)
        check(code == 0, f"{shell} -n refuses the script: {err}")


def shell_completes(shell, script, line):
    """What an interactive `shell` on a terminal offers for `line` after loading `script`
    (zsh: compinit, then two Tabs; fish: `complete -C`)."""
    with tempfile.TemporaryDirectory() as home:
        # zsh finds completion functions by file name on $fpath, as an installed one would be.
        os.mkdir(os.path.join(home, "comp"))
        path = os.path.join(home, "comp", "_lambdafit" if shell == "zsh" else "lambdafit.fish")
        with open(path, "w") as f:
            f.write(script)
        if shell == "fish":
            return run_command([shutil.which("fish"), "--no-config", "-c", f"source {path}; complete -C '{line}'"],
                               env={**os.environ, "HOME": home})
        pid, fd = pty.fork()
        if pid == 0:
            os.environ["HOME"] = home
            os.environ["TERM"] = "dumb"
            os.execv(shutil.which("zsh"), ["zsh", "-f", "-i"])
        import select
        import time
        setup = (f"fpath=({home}/comp $fpath); autoload -U compinit; compinit -u -D; "
                 "zstyle ':completion:*' list-prompt ''; print READY\n")
        os.write(fd, setup.encode())
        out, deadline = b"", time.time() + 20
        sent, mark = False, 0
        while time.time() < deadline:
            r, _, _ = select.select([fd], [], [], 0.2)
            if r:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                out += chunk
            if not sent and out.count(b"READY") >= 2:
                os.write(fd, line.encode() + b"\t\t")
                sent, mark = True, len(out)
            elif sent and time.time() > deadline - 17 and len(out) > mark and not r:
                break
        os.write(fd, b"\x03exit\n")
        os.close(fd)
        os.waitpid(pid, 0)
        return 0, out[mark:].decode("utf-8", "replace") if sent else "", ""


for shell, line, want in (("fish", "lambdafit as", "assess"), ("fish", "lambdafit assess --form", "--format"),
                          ("zsh", "lambdafit as", "assess"), ("zsh", "lambdafit assess --form", "--format")):
    if not shutil.which(shell):
        check(False, f"{shell} is not installed (.ci/install-deps installs it)")
        continue
    code, out, err = shell_completes(shell, run("completion", shell)[1], line)
    check(code == 0 and want in out, f"{shell} completes {line!r} without {want!r}: {code} {out[-400:]!r} {err!r}")
print("ok completion scripts")

# The man page, generated at build time, renders with man -l and says what --help says.
page = os.path.join(BUILD_DIR, "tools", "lambdafit", "generated", "lambdafit.1")
if check(os.path.exists(page), f"no generated man page at {page}"):
    code, out, err = run_command(["man", "-l", page], env={"MANWIDTH": "80", "MAN_KEEP_FORMATTING": "0",
                                                          "PAGER": "cat", "MANPAGER": "cat"})
    text = re.sub(r".\x08", "", out)
    check(code == 0 and not err.strip(), f"man -l: exit {code}, {err!r}")
    for want in ("NAME", "lambdafit assess", "--format", "Examples:", "EXIT STATUS", "NO_COLOR",
                 "lambdafit completion"):
        check(want in text, f"the man page lacks {want!r}")
    check(max(len(l) for l in text.splitlines()) <= 80, "the man page is wider than 80 columns")
print("ok man page")

finish("e2e.cli")
