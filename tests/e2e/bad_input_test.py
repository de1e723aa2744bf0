"""Bad input never crashes: a clear message naming file:line:col, and exit code 2."""
import os
import tempfile

from support import check, finish, run, source


def workload(files):
    d = tempfile.mkdtemp(prefix="lambdafit-bad-")
    for rel, text in files.items():
        p = os.path.join(d, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as f:
            f.write(text)
    return d


def expect_error(args, *needles):
    code, out, err = run(*args)
    check(code == 2, f"{args}: exit {code}, expected 2 ({err.strip()})")
    for n in needles:
        check(n in err, f"{args}: message lacks {n!r}:\n{err}")
    check(out == "", f"{args}: printed a report despite the error")


# Malformed manifest YAML.
w = workload({"lambdafit.yaml": "name: x\nanswers: {runtime.max_seconds: 3\n"})
expect_error(["assess", w], "lambdafit.yaml:3:1: error: malformed YAML")

# Wrong answer type, with the position of the value and the offending line.
w = workload({"lambdafit.yaml": "answers:\n  memory.peak_mb: lots\n"})
expect_error(["assess", w], "lambdafit.yaml:2:19: error: bad answer for 'memory.peak_mb'", "  memory.peak_mb: lots")

# Unknown fact in the answers suggests the near id.
w = workload({"lambdafit.yaml": "answers:\n  runtime.max_second: 30\n"})
expect_error(["assess", w], "did you mean 'runtime.max_seconds'?")

# Unknown platform, from the manifest and from the command line.
w = workload({"lambdafit.yaml": "platform: aws-lamda\n"})
expect_error(["assess", w], "lambdafit.yaml:1:11: error: unknown platform 'aws-lamda'; did you mean 'aws-lambda'?")
expect_error(["assess", source("samples", "s3-thumbnailer"), "--platform", "azure-functions"],
             "unknown platform 'azure-functions'")

# Missing or non-directory workload.
expect_error(["assess", "/nonexistent/workload"], "does not exist")
expect_error(["assess", source("samples", "s3-thumbnailer", "handler.py")], "is not a directory")

# An unreadable workload dir (only testable without root, which ignores permissions).
if os.geteuid() != 0:
    w = workload({"a.py": "x = 1\n"})
    os.chmod(w, 0)
    expect_error(["assess", w], "cannot be read")
    os.chmod(w, 0o755)

# Extra rule directories with mistakes: unknown key, duplicate id, dangling reference, cycle.
rules = workload({
    "a.yaml": "facts:\n  - id: extra.fact\n    titel: Extra\n",
    "b.yaml": "facts:\n  - id: gpu.required\n",
    "c.yaml": ("criteria:\n  - id: extra-crit\n    title: X\n    kind: concern\n    advice: x\n"
               "    when:\n      fact: gpu.requird\n"),
    "d.yaml": ("criteria:\n  - id: loop-a\n    title: A\n    kind: concern\n    advice: x\n    when: {criterion: loop-b}\n"
               "  - id: loop-b\n    title: B\n    kind: concern\n    advice: x\n    when: {criterion: loop-a}\n"),
})
expect_error(["assess", source("samples", "s3-thumbnailer"), "--rules", rules],
             "a.yaml:3:5: error: unknown key 'titel' in a fact; did you mean 'title'?",
             "b.yaml:2:9: error: duplicate fact id 'gpu.required'",
             "c.yaml:7:13: error: unknown fact 'gpu.requird'; did you mean 'gpu.required'?",
             "cycle: loop-a -> loop-b -> loop-a")
expect_error(["rules", "validate", rules], "unknown key 'titel'")

# A rule file that is binary, and one that is not a mapping.
rules = workload({"x.yaml": "- just\n- a list\n"})
with open(os.path.join(rules, "bin.yaml"), "wb") as f:
    f.write(b"\x00\x01\x02binary")
expect_error(["rules", "validate", rules], "bin.yaml: error: file is binary", "x.yaml:1:1: error: expected a mapping")

# Usage errors.
expect_error(["assess", source("samples", "s3-thumbnailer"), "--format", "pdf"], "lambdafit: error:")
expect_error(["frobnicate"], "lambdafit: error:")
expect_error(["rules", "show", "no-such-id"], "no criterion, detector, question or fact has the id 'no-such-id'")

finish("bad_input")
