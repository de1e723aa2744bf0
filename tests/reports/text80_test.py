"""The text report on an 80-column terminal, read as a person would: evidence lines cut the
snippet and keep the place and the detector id whole, limits come before concerns,
continuation lines are indented past their marker, a not-a-fit report says when no open
question can change it, no phrase is said twice, and coverage notes are grouped by cause
with a count, relative paths and the fix (every note with -v)."""
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from report_env import LAMBDAFIT, SAMPLES, fail  # noqa: E402
from terminal_test import on_terminal  # noqa: E402  (a pty of the given width)

SGR = re.compile(r"\x1b\[[0-9;]*m")


def report(workload, *args, cols=80):
    return SGR.sub("", on_terminal(cols, {"NO_COLOR": "1"}, args=args, workload=workload))


def detector_ids():
    import subprocess
    out = subprocess.run([LAMBDAFIT, "rules", "list"], capture_output=True, text=True, check=True).stdout
    ids = set()
    section = None
    for line in out.splitlines():
        if not line.startswith(" "):
            section = line.rstrip(":")
        elif section == "detectors":
            ids.add(line.split()[0])
    return ids


def check_layout(text, name, ids):
    lines = text.split("\n")
    wide = [l for l in lines if len(l) > 80]
    if wide:
        fail(f"{name}: lines wider than 80 columns: {wide[:2]}")
    # Evidence lines (path:line[:col]) end with the whole detector ids in brackets.
    for l in lines:
        m = re.match(r"^      \S+:\d+(?::\d+)?  .*\[([^\]]*)\]?$", l)
        if m and l.endswith("]") and not all(i in ids for i in m.group(1).split(", ")):
            fail(f"{name}: a detector id is cut or unknown: {l!r}")
        if m and not l.endswith("]") and not re.search(r"\[[a-z0-9-]+\]", l):
            fail(f"{name}: an evidence line lost its detector id: {l!r}")
    # Within Blocking and Applies, limits ('x') come before concerns ('!').
    for section in ("Blocking", "Applies"):
        if section + "\n" not in text:
            continue
        body = text.split(section + "\n", 1)[1].split("\n\n", 1)[0]
        markers = [l[2] for l in body.split("\n") if re.match(r"^  [x!?+] ", l)]
        if markers != sorted(markers, key=lambda m: m != "x"):
            fail(f"{name}: {section} lists a concern before a limit: {markers}")
    # Continuation lines sit right of the marker column.
    for i, l in enumerate(lines):
        if re.match(r"^  [x!?+] ", l) and i + 1 < len(lines):
            nxt = lines[i + 1]
            if nxt and not nxt.startswith("      ") and not re.match(r"^  [x!?+] ", nxt) and nxt.strip():
                fail(f"{name}: continuation of {l!r} is not indented: {nxt!r}")
    if re.search(r"^  \+ polling-loop ", text, re.M):
        fail(f"{name}: the polling loop is shown as a plain '+' strength although its advice says to replace it")
    dup = re.search(r"(\b[\w ]{12,}): (yes|no) \(\1: ", text)
    if dup:
        fail(f"{name}: a phrase is said twice: {dup.group(0)!r}")


def coverage_workload(root):
    os.makedirs(os.path.join(root, "src"))
    for n in ("a", "b", "c"):
        with open(os.path.join(root, "src", f"{n}.c"), "w") as f:
            f.write('#include "gen_export.h"\n#include <sys/resource.h>\n'
                    f"int {n}(void) {{ struct rlimit r = {{0, 0}}; return setrlimit(RLIMIT_NOFILE, &r); }}\n")
    return root


def main():
    ids = detector_ids()
    for sample in sorted(os.listdir(SAMPLES)):
        path = os.path.join(SAMPLES, sample)
        if not os.path.isdir(path):
            continue
        text = report(path)
        check_layout(text, sample, ids)
        if "VERDICT: not-a-fit" in text and "Open questions\n" in text:
            if "would make it" not in text.split("Open questions\n", 1)[1].split("\n\n", 1)[0] and \
                    "No answer to these can change the verdict" not in text:
                fail(f"{sample}: not-a-fit with open questions, but no word that none can change it")
        print(f"ok {sample}: 80 columns, ids whole, limits first")

    with tempfile.TemporaryDirectory() as tmp:
        root = coverage_workload(os.path.join(tmp, "svc"))
        text = report(root)
        want = re.search(r"note: 3 translation units could not find 'gen_export\.h' \(first: src/[abc]\.c\):\s+"
                         r"configure the build and pass -p BUILD_DIR", text)
        if not want:
            fail(f"coverage notes are not grouped by cause with the fix:\n{text[-1500:]}")
        if tmp in text.split("\nscan: ", 1)[1]:
            fail("coverage notes carry absolute paths")
        if "run with -v for every note" not in text:
            fail("the grouped notes do not say how to see them all")
        verbose = report(root, "-v")
        listed = re.findall(r"src/[abc]\.c: parsed with \d+ errors?", verbose)
        if len(listed) != 3:
            fail(f"-v does not list every note: {listed}")
        print("ok coverage notes grouped by cause with the fix; -v lists all three")


if __name__ == "__main__":
    main()
