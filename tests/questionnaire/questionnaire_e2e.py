#!/usr/bin/env python3
"""End-to-end tests of `lambdafit questionnaire`: real sessions driven through a pseudo-terminal
(answering, mistyping, asking for help, going back, quitting, Ctrl-C, end of input), then the
saved manifest is checked line by line; plus --check, --answers-from, -o and the listing that
replaces the session when standard input is not a terminal. Samples are copied, never edited."""
import datetime
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import termios
import time

LAMBDAFIT = os.environ["LAMBDAFIT"]
SOURCE = os.environ["LAMBDAFIT_SOURCE_DIR"]
TODAY = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
BY = "tester@example.com"
failures = []


def check(cond, what, detail=""):
    if not cond:
        failures.append(what)
        print(f"FAIL: {what}\n{detail}", file=sys.stderr)


class Session:
    """The questionnaire running on a pseudo-terminal, read and written like a person would."""

    def __init__(self, args):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execv(LAMBDAFIT, [LAMBDAFIT] + args)
        self.out = ""
        self.pos = 0

    def read_some(self, timeout):
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return False
        try:
            data = os.read(self.fd, 4096)
        except OSError:  # the child closed the terminal
            return None
        if not data:
            return None
        self.out += data.decode("utf-8", "replace").replace("\r\n", "\n")
        return True

    def expect(self, pattern, timeout=120):
        """Waits for `pattern` (a regex) after what was already consumed; returns the match."""
        rx = re.compile(pattern)
        while True:
            m = rx.search(self.out, self.pos)
            if m:
                self.pos = m.end()
                return m
            got = self.read_some(timeout)
            if not got:
                raise AssertionError(f"timed out or ended waiting for {pattern!r}; output so far:\n{self.out}")

    def editing(self, timeout=120):
        """Waits until the line editor owns the terminal (canonical mode off). Keys sent before
        that meet the kernel's line discipline instead: its Ctrl-U and Ctrl-D are consumed there
        and lost when libedit switches modes, which hung this test on a loaded CI machine. On
        Linux the master side of a pty reports the terminal's modes."""
        end = time.monotonic() + timeout
        while termios.tcgetattr(self.fd)[3] & termios.ICANON:
            if time.monotonic() > end:
                raise AssertionError(f"the line editor never took the terminal; output so far:\n{self.out}")
            time.sleep(0.01)

    def send(self, text):
        # Control keys (Ctrl-A, Ctrl-U, Ctrl-D, arrows) mean something only to the line editor.
        if any(c < " " and c != "\n" for c in text):
            self.editing()
        os.write(self.fd, text.encode())

    def line(self, text):
        self.send(text + "\n")

    def finish(self, timeout=60):
        while self.read_some(timeout):
            pass
        _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        return os.waitstatus_to_exitcode(status)


def question(s):
    """Waits for the next question; returns (id, fact, kind of answer it expects)."""
    # The question is shown once, under its fact id; lines are wrapped to the terminal.
    m = s.expect(r"\[\d+/\d+\] (\S+)\n")
    kind = s.expect(r"answer with ([^;]*?)(,\s+or\s+press\s+Enter\s+for\s+the\s+default)?;\s+add\s+a\s+note").group(1)
    s.expect(r"\n> ")
    return "q." + m.group(1), m.group(1), " ".join(kind.split())


def workload(tmp, sample="s3-thumbnailer", drop=("runtime.max_seconds", "memory.peak_mb", "ssh.routine_access")):
    """A copy of a sample whose manifest lacks some answers and carries comments of the user's."""
    dst = os.path.join(tmp, sample)
    shutil.copytree(os.path.join(SOURCE, "samples", sample), dst)
    # The sample's template declares a timeout and memory (bounds an answer may contradict)
    # and deploys a function (which settles the host questions); these sessions need the
    # dropped facts plainly open, so the copy goes without it.
    if os.path.exists(os.path.join(dst, "template.yaml")):
        os.remove(os.path.join(dst, "template.yaml"))
    path = os.path.join(dst, "lambdafit.yaml")
    with open(path) as f:
        lines = [l for l in f.read().splitlines(True) if not any(d + ":" in l for d in drop)]
    out = []
    for l in lines:
        if l.startswith("name:"):
            l = l.rstrip("\n") + "   # the service's name in the portfolio\n"
        out.append(l)
        if l.startswith("answers:"):
            out.append("  # answered in the architecture review\n")
    out.insert(0, "# owned by the photos team; keep in sync with template.yaml\n")
    with open(path, "w") as f:
        f.write("".join(out))
    return dst, path, "".join(out)


def read(path):
    with open(path) as f:
        return f.read()


def added_lines(before, after):
    """The lines of `after` that are not in `before`, checking that every line of `before` is
    still there, unchanged and in the same order."""
    b = before.splitlines(True)
    i = 0
    extra = []
    for line in after.splitlines(True):
        if i < len(b) and line == b[i]:
            i += 1
        else:
            extra.append(line)
    check(i == len(b), "every original line survives in order", f"before:\n{before}\nafter:\n{after}")
    return extra


def no_temp_files(d):
    left = [n for n in os.listdir(d) if ".tmp-" in n]
    check(not left, "no temporary files are left", str(left))


def run(args, **kw):
    return subprocess.run([LAMBDAFIT] + args, capture_output=True, text=True, timeout=300, **kw)


def assessed_verdict(d):
    import json
    r = run(["assess", d, "--format", "json"])
    check(r.returncode == 0, "assess runs on the saved manifest", r.stderr)
    data = json.loads(r.stdout)
    return data["platforms"][0]["verdict"] if "platforms" in data else data["verdict"]


# By the kind of answer a question expects: a first answer, a changed one, a wrong one and why.
KINDS = [
    ("yes or no", "yes", "no", ("sometimes", "is not yes or no")),
    ("a duration", "7m # the nightly batch", "90s", ("forever", "is not a duration")),
    ("a size", "800 MB", "1 GB", ("7 minutes", "unknown unit 'minutes'")),
    ("a number", "2", "3", ("lots", "is not a number")),
    ("values separated by commas", "python", "python, shell", None),
]


def kind_of(expects):
    for k in KINDS:
        if expects.startswith(k[0]):
            return k
    if expects.startswith("one of: "):
        first = expects[len("one of: "):].split(", ")[0]
        return (expects, first, first, ("not-a-choice", "is not one of"))
    raise AssertionError(f"unexpected kind of answer: {expects}")


def answer(s, fact, expects, changed=False):
    """Mistypes first (when a wrong value exists), checks the explanation, then answers;
    returns what was typed and the verdict shown after it."""
    _, first, second, wrong = kind_of(expects)
    if wrong:
        s.line(wrong[0])
        s.expect(re.escape(wrong[1]))
        s.expect(r"try again\n> ")
    typed = second if changed else first
    s.line(typed)
    s.expect(r"saved " + re.escape(fact))
    return typed, s.expect(r"verdict on aws-lambda-2016: (\S+), score").group(1)


def test_full_session(tmp):
    d, path, before = workload(tmp)
    s = Session(["questionnaire", d, "--by", BY])
    s.expect(r"verdict on aws-lambda-2016: good-fit")
    answers = {}
    qid, first, kind1 = question(s)
    check(qid in ("q.memory.peak_mb", "q.runtime.max_seconds"), "a question that could make it not-a-fit comes first", qid)
    s.line("b")
    s.expect(r"nothing to go back to\n> ")
    s.line("?")
    s.expect(r"Enter takes the default")
    s.expect(r"\n> ")
    answers[first], v1 = answer(s, first, kind1)
    _, second, kind2 = question(s)
    answers[second], v2 = answer(s, second, kind2)
    if answers.get("runtime.max_seconds", "").startswith("7m"):
        check("not-a-fit" in (v1, v2), "seven minutes makes it not-a-fit", s.out[-2000:])
    _, third, _ = question(s)
    s.line("b")
    _, back, kind_back = question(s)
    check(back == second, "b goes back to the previous question", back)
    check("default: " + answers[second].split("#")[0].strip() + " (your answer in this session)" in s.out[-1500:],
          "going back offers the answer given", s.out[-1500:])
    answers[second], _ = answer(s, second, kind_back, changed=True)
    _, again, _ = question(s)
    check(again == third, "after going back the session moves on to the same next question", again)
    s.line("s")
    s.expect(r"skipped")
    if s.expect(r"(no more questions|\n> )").group(1) != "no more questions":
        s.line("q")
    s.expect(r"2 answers saved in")
    last_verdict = s.expect(r"verdict on aws-lambda-2016: (\S+), score").group(1)
    code = s.finish()
    check(code == 0, "a finished session exits 0", f"exit {code}\n{s.out}")
    after = read(path)
    extra = added_lines(before, after)
    check(len(extra) == len(answers), "one line per answered question, nothing else", "".join(extra))
    for fact, typed in answers.items():
        value = typed.split("#")[0].strip()
        line = next((l for l in extra if l.strip().startswith(fact + ":")), "")
        check(f"value: {value}," in line or f"value: [{value}]," in line, f"{fact} saved as typed", line)
        check(f"by: {BY}" in line and f"date: {TODAY}" in line, f"{fact} saved with by and date", line)
        check(("note: the nightly batch" in line) == ("#" in typed), f"{fact}: the note after # is saved", line)
    check(not any(l.strip().startswith(third + ":") for l in extra), "a skipped question is not saved", after)
    check("# owned by the photos team" in after and "# the service's name" in after
          and "# answered in the architecture review" in after, "the user's comments survive", after)
    no_temp_files(d)
    check(assessed_verdict(d) == last_verdict, "the verdict shown at the end is the assessment's verdict",
          last_verdict)
    r = run(["questionnaire", d, "--check"])
    check(r.returncode == 0, "answers saved by the session pass --check", r.stdout + r.stderr)


def test_contradiction(tmp):
    """An answer the code contradicts is asked again, with the scan's value as the default;
    Enter takes it and the entry is replaced in place, keeping its trailing comment."""
    d = os.path.join(tmp, "cuda-render")
    shutil.copytree(os.path.join(SOURCE, "samples", "cuda-render"), d)
    path = os.path.join(d, "lambdafit.yaml")
    with open(path, "a") as f:
        f.write("  gpu.required: {value: no, by: a@example.com, date: 2026-11-01}   # we hope\n")
    before = read(path)
    s = Session(["questionnaire", d, "--by", BY])
    for _ in range(30):
        _, fact, _ = question(s)
        if fact == "gpu.required":
            break
        s.line("s")
    check(fact == "gpu.required", "the contradicted answer is asked again", s.out[-2000:])
    shown = s.out[s.out.rfind("] gpu.required"):]
    flat = " ".join(shown.split())  # wrapped to the terminal: compare the words
    check("answered before: no by a@example.com on 2026-11-01" in flat, "it shows the earlier answer", shown)
    check("but: answered 'no', but the scan found yes" in flat, "it shows the contradiction", shown)
    check("default: yes (what the scan found)" in flat, "the default comes from the evidence", shown)
    check(re.search(r"\n    src/\S+:\d+: `", shown) is not None, "evidence is shown as path:line", shown)
    s.line("")
    s.expect(r"saved gpu.required = yes")
    s.expect(r"\n> ")
    s.line("q")
    code = s.finish()
    check(code == 0, "quitting after the contradiction exits 0", str(code))
    after = read(path)
    want = before.replace("{value: no, by: a@example.com, date: 2026-11-01}   # we hope",
                          f"{{value: yes, by: {BY}, date: {TODAY}}}   # we hope")
    check(after == want, "the contradicted entry is replaced in place and nothing else changes", after)


def interrupted(tmp, name, how):
    d, path, before = workload(os.path.join(tmp, name))
    s = Session(["questionnaire", d, "--by", BY])
    _, fact, expects = question(s)
    typed = kind_of(expects)[2]
    s.line(typed)
    s.expect(r"saved " + re.escape(fact))
    question(s)
    if how == "ctrl-c":
        s.send("\x03")
        s.expect(r"interrupted; 1 answer saved")
    elif how == "sigint":
        os.kill(s.pid, signal.SIGINT)
        s.expect(r"interrupted; 1 answer saved")
    elif how == "eof":
        s.send("\x04")
        s.expect(r"end of input; 1 answer saved")
    elif how == "q":
        s.line("q")
        s.expect(r"\n1 answer saved")
    elif how == "eof-mid-line":
        s.send("45m")  # typed but never entered: not an answer
        s.send("\x15\x04")  # with line editing, Ctrl-D ends input on an empty line (Ctrl-U empties it)
        s.expect(r"end of input; 1 answer saved")
    code = s.finish()
    check(code == (130 if how in ("ctrl-c", "sigint") else 0), f"{name}: exit code", f"exit {code}\n{s.out}")
    after = read(path)
    extra = added_lines(before, after)
    check(len(extra) == 1 and extra[0].strip().startswith(fact + ":") and f"value: {typed}" in extra[0],
          f"{name}: the answer given before stopping is kept, nothing else", after)
    no_temp_files(d)


def visible_lines(text):
    """Lines as the terminal shows them: a carriage return starts the line over."""
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)
    return [l.split("\r")[-1] for l in text.split("\n")]


def test_line_editing_and_width(tmp):
    """libedit: the cursor moves (Ctrl-A, arrows) and the edited line is the answer; every line
    fits the 80-column terminal and no word is cut."""
    d, path, before = workload(os.path.join(tmp, "edit"))
    s = Session(["questionnaire", d, "--by", BY])
    _, fact, expects = question(s)
    typed = kind_of(expects)[2]
    # The tail first, then Ctrl-A to the start and the first character: only an editor gets this right.
    s.send(typed[1:] + "\x01" + typed[0] + "\x1b[C\x1b[D" + "\n")
    s.expect(r"saved " + re.escape(fact) + r" = ")
    question(s)
    s.send("\x1b[A")  # up: the earlier answer comes back from the history
    s.send("\x15")    # and Ctrl-U clears it again
    s.line("q")
    code = s.finish()
    check(code == 0, "line editing session exits 0", s.out[-1500:])
    extra = added_lines(before, read(path))
    check(len(extra) == 1 and f"value: {typed}," in extra[0], "the edited line is saved as typed", "".join(extra))
    wide = [l for l in visible_lines(s.out) if len(l) > 80]
    check(not wide, "every line fits 80 columns", "\n".join(wide))
    check(not re.search(r"lambda\s*\n\s*fit\.yaml", s.out), "no word is cut at the edge", s.out[-1500:])
    check("none could change the verdict" not in s.out, "no contradictory progress line", s.out)


def test_dont_know_and_ask(tmp):
    """"d" and "a NAME" are saved as such: the fact stays open and the file says who was asked."""
    d, path, before = workload(os.path.join(tmp, "unknown"))
    s = Session(["questionnaire", d, "--by", BY])
    _, first, _ = question(s)
    s.line("d")
    s.expect(r"saved: don't know")
    _, second, _ = question(s)
    s.line("a ops@example.com # knows the batch sizes")
    s.expect(r"saved: ask ops@example\.com")
    question(s)
    s.line("q")
    code = s.finish()
    check(code == 0, "don't know / ask session exits 0", s.out[-1500:])
    extra = added_lines(before, read(path))
    line1 = next((l for l in extra if l.strip().startswith(first + ":")), "")
    line2 = next((l for l in extra if l.strip().startswith(second + ":")), "")
    check("value: unknown" in line1 and ("note: don't know" in line1 or "note: \"don't know\"" in line1),
          "don't know is recorded", line1)
    check("value: unknown" in line2 and "ask: ops@example.com" in line2 and "note: knows the batch sizes" in line2,
          "ask NAME is recorded with the note", line2)
    r = run(["questionnaire", d, "--check"])
    check(r.returncode == 0 and "still open: waiting for ops@example.com" in r.stdout
          and "still open: nobody who answered knew" in r.stdout, "--check lists them as still open", r.stdout)
    r = run(["questionnaire", d, "--list"])
    check(first in r.stdout and second in r.stdout, "the facts are still open questions", r.stdout)


def test_template(tmp):
    """--template writes a fill-in file; filled in, --answers-from merges it."""
    import yaml
    d, path, before = workload(os.path.join(tmp, "template"))
    t = os.path.join(tmp, "template", "ask.yaml")
    r = run(["questionnaire", d, "--template", t])
    check(r.returncode == 0 and os.path.exists(t), "--template writes the file", r.stderr)
    text = read(t)
    doc = yaml.safe_load(text)
    facts = sorted(doc["answers"])
    listed = re.findall(r"^\d+\. (\S+)$", run(["questionnaire", d, "--list"]).stdout, re.M)
    check(facts == sorted(listed) and {"runtime.max_seconds", "memory.peak_mb", "ssh.routine_access"} <= set(facts),
          "one blank entry per open question", f"{facts} vs {listed}\n{text}")
    check(all(v is None for v in doc["answers"].values()), "entries are blank", text)
    for word in ("changes: answering", "answer with", "why it matters", "--answers-from"):
        check(word in text, f"the template says {word!r}", text)
    check("How long" in text or "longest" in text, "the template carries the prompts", text)
    filled = text.replace("  runtime.max_seconds:\n", "  runtime.max_seconds: 7m\n")
    with open(t, "w") as f:
        f.write(filled)
    r = run(["questionnaire", d, "--answers-from", t, "--by", BY])
    check(r.returncode == 0 and "merged 1 answer" in r.stdout, "the filled template merges", r.stdout + r.stderr)
    extra = added_lines(before, read(path))
    check(len(extra) == 1 and "runtime.max_seconds: {value: 7m" in extra[0], "only the filled entry is saved",
          "".join(extra))


def test_interrupt_before_any_answer(tmp):
    d, path, before = workload(os.path.join(tmp, "early"))
    s = Session(["questionnaire", d, "--by", BY])
    question(s)
    s.send("\x03")
    s.expect(r"interrupted; no answers given, nothing written")
    code = s.finish()
    check(code == 130, "early Ctrl-C exits 130", str(code))
    check(read(path) == before, "an interrupted session without answers leaves the file as it was")
    no_temp_files(d)


def test_not_a_terminal(tmp):
    d, path, before = workload(os.path.join(tmp, "pipe"))
    r = run(["questionnaire", d], stdin=subprocess.DEVNULL)
    check(r.returncode == 0, "without a terminal it exits 0", r.stderr)
    check("not a terminal" in r.stderr, "it says why it does not ask", r.stderr)
    for q in ("runtime.max_seconds", "memory.peak_mb", "ssh.routine_access"):
        check(q in r.stdout, f"the listing names {q}", r.stdout)
        check(f"q.{q}" not in r.stdout, f"the listing names {q} once, by its fact id", r.stdout)
    check("could change the verdict to not-a-fit" in " ".join(r.stdout.split()), "the listing says what could change",
          r.stdout)
    check(read(path) == before, "listing does not touch the manifest")


def test_answers_from(tmp):
    d, path, before = workload(os.path.join(tmp, "merge"))
    prepared = os.path.join(tmp, "merge", "prepared.yaml")
    with open(prepared, "w") as f:
        f.write("# from the runbook\nanswers:\n  runtime.max_seconds: {value: 7m, note: batch}\n"
                "  memory.peak_mb: 700 MB\n")
    r = run(["questionnaire", d, "--answers-from", prepared, "--by", BY])
    check(r.returncode == 0, "--answers-from merges", r.stdout + r.stderr)
    check("merged 2 answers" in r.stdout and re.search(r"verdict on \S+: not-a-fit, .*\(was good-fit\)", r.stdout),
          "the merge reports the new verdict", r.stdout)
    extra = added_lines(before, read(path))
    check(len(extra) == 2 and "value: 7m, by: " + BY in extra[0] and "note: batch" in extra[0],
          "merged answers are saved with by, date and note", "".join(extra))
    # -o: answers go to another file; the manifest stays as it is.
    d2, path2, before2 = workload(os.path.join(tmp, "merge-o"))
    out = os.path.join(tmp, "merge-o", "answers.yaml")
    r = run(["questionnaire", d2, "--answers-from", prepared, "--by", BY, "-o", out])
    check(r.returncode == 0 and read(path2) == before2, "-o leaves the manifest alone", r.stderr)
    check(read(out).startswith("answers:\n  runtime.max_seconds: {value: 7m"), "-o writes an answers file", read(out))
    r = run(["questionnaire", d2, "-o", out, "--list"])
    check("q.runtime.max_seconds" not in r.stdout, "answers in -o count as answered", r.stdout)
    # Without --by, `by` is git's user.email for the workload.
    d3, path3, before3 = workload(os.path.join(tmp, "merge-git"))
    git = shutil.which("git")
    if git:
        subprocess.run([git, "init", "-q", d3], check=True)
        subprocess.run([git, "-C", d3, "config", "user.email", "git-user@example.com"], check=True)
        r = run(["questionnaire", d3, "--answers-from", prepared])
        extra = added_lines(before3, read(path3))
        check(r.returncode == 0 and all("by: git-user@example.com" in l for l in extra) and len(extra) == 2,
              "by defaults to git's user.email", r.stderr + "".join(extra))
    # A bad prepared file is refused with its position, and nothing is written.
    bad = os.path.join(tmp, "merge", "bad.yaml")
    with open(bad, "w") as f:
        f.write("answers:\n  memory.peak_mb: 7 minutes\n")
    now = read(path)
    r = run(["questionnaire", d, "--answers-from", bad])
    check(r.returncode == 2 and "bad.yaml:2:19: error: bad answer for 'memory.peak_mb'" in r.stderr,
          "a bad prepared answer is an input error at its place", r.stderr)
    check(read(path) == now, "nothing is written from a bad file")


def test_check(tmp):
    d, path, before = workload(os.path.join(tmp, "check"))
    # Fresh answers from today: fine.
    with open(path, "a") as f:
        f.write(f"  runtime.max_seconds: {{value: 20s, by: {BY}, date: {TODAY}}}\n")
    r = run(["questionnaire", d, "--check", "--max-age", "400d"])
    check(r.returncode == 0 and "the answers are fine" in r.stdout, "--check passes good answers", r.stdout + r.stderr)
    # A short limit makes the sample's older answers stale.
    r = run(["questionnaire", d, "--check", "--max-age", "0d"])
    if any(f"date: {TODAY}" not in l for l in before.splitlines() if "date:" in l):
        check(r.returncode == 1 and "days old (more than 0)" in r.stdout, "--check flags old answers", r.stdout)
    # A misspelt fact id, a bad unit: exit 1 with file:line:col and the near id.
    old = (datetime.date.today() - datetime.timedelta(days=500)).isoformat()
    with open(path, "a") as f:
        f.write(f"  memory.peek_mb: {{value: 300 MB, by: {BY}, date: {TODAY}}}\n")
        f.write(f"  ssh.routine_access: {{value: no, by: {BY}, date: {old}}}\n")
    r = run(["questionnaire", d, "--check"])
    lines = before.count("\n")
    check(r.returncode == 1, "--check exits 1 when answers need attention", r.stdout + r.stderr)
    check(f"lambdafit.yaml:{lines + 2}:3: error: answer for unknown fact 'memory.peek_mb'; did you mean "
          "'memory.peak_mb'?" in r.stdout, "--check names the near id", r.stdout)
    check("'ssh.routine_access' is 500 days old" in r.stdout, "--check flags an answer past the default age",
          r.stdout)
    check("not compared with the code scan" in r.stdout, "--check says the scan comparison waits for fixes", r.stdout)
    # Evidence that contradicts an answer.
    c = os.path.join(tmp, "check-cuda")
    os.makedirs(c)
    shutil.copytree(os.path.join(SOURCE, "samples", "cuda-render"), os.path.join(c, "w"))
    with open(os.path.join(c, "w", "lambdafit.yaml"), "a") as f:
        f.write(f"  gpu.required: {{value: no, by: {BY}, date: {TODAY}}}\n")
    r = run(["questionnaire", os.path.join(c, "w"), "--check"])
    check(r.returncode == 1 and "the code scan contradicts the answer for 'gpu.required'" in r.stdout
          and re.search(r"/src/\S+:\d+:\d+: note: found here: ", r.stdout),
          "--check reports answers the code evidence contradicts, with the evidence", r.stdout + r.stderr)
    r = run(["questionnaire", d, "--check", "--max-age", "soon"])
    check(r.returncode == 2 and "bad --max-age" in r.stderr, "a bad --max-age is a usage error", r.stderr)


def main():
    with tempfile.TemporaryDirectory(prefix="lambdafit-quest-") as tmp:
        test_full_session(os.path.join(tmp, "full"))
        for name in ("q", "ctrl-c", "sigint", "eof", "eof-mid-line"):
            interrupted(tmp, name, name)
        test_interrupt_before_any_answer(tmp)
        test_contradiction(tmp)
        test_not_a_terminal(tmp)
        test_answers_from(tmp)
        test_check(tmp)
        test_line_editing_and_width(tmp)
        test_dont_know_and_ask(tmp)
        test_template(tmp)
    if failures:
        print(f"{len(failures)} check(s) failed", file=sys.stderr)
        return 1
    print("questionnaire end-to-end: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
