"""Terminal output: colors only on a terminal without NO_COLOR, wrapped to the terminal's real
width (TIOCGWINSZ), and never an escape code in a pipe or a file."""
import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import tempfile
import termios

sys.path.insert(0, os.path.dirname(__file__))
from report_env import LAMBDAFIT, SAMPLES, fail  # noqa: E402

SGR = re.compile(r"\x1b\[[0-9;]*m")
WORKLOAD = os.path.join(SAMPLES, "legacy-daemon")


def on_terminal(cols, extra_env=None, args=(), workload=WORKLOAD):
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, cols, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS")}
    env.update(extra_env or {})
    proc = subprocess.Popen([LAMBDAFIT, "assess", workload, *args], stdout=slave, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, env=env)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO once the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    proc.wait(timeout=600)
    if proc.returncode != 0:
        fail(f"assess on a terminal exited {proc.returncode}: {proc.stderr.read().decode()}")
    return out.decode("utf-8", "replace").replace("\r\n", "\n")


def too_wide(text, cols):
    return [l for l in SGR.sub("", text).split("\n") if len(l) > cols]


def main():
    narrow = on_terminal(60)
    if "\x1b[" not in narrow:
        fail("no colors on a terminal")
    if too_wide(narrow, 60):
        fail(f"lines wider than the 60-column terminal: {too_wide(narrow, 60)[:3]}")
    wide = on_terminal(140)
    if not [l for l in SGR.sub("", wide).split("\n") if len(l) > 80]:
        fail("on a 140-column terminal no line is wider than 80: the width does not follow the terminal")
    if too_wide(wide, 140):
        fail(f"lines wider than the 140-column terminal: {too_wide(wide, 140)[:3]}")
    print(f"ok terminal: colors, {max(len(l) for l in SGR.sub('', narrow).split(chr(10)))} of 60 columns, "
          f"{max(len(l) for l in SGR.sub('', wide).split(chr(10)))} of 140 columns")

    if "\x1b" in on_terminal(80, {"NO_COLOR": "1"}):
        fail("escape codes on a terminal with NO_COLOR set")
    print("ok NO_COLOR")

    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    piped = subprocess.run([LAMBDAFIT, "assess", WORKLOAD], capture_output=True, text=True, env=env)
    if piped.returncode != 0 or "\x1b" in piped.stdout or "\x1b" in piped.stderr:
        fail("escape codes in a pipe")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "report.txt")
        subprocess.run([LAMBDAFIT, "assess", WORKLOAD, "--color", "always", "-o", out], check=True, env=env)
        if "\x1b" in open(out, encoding="utf-8").read():
            fail("escape codes in a file written with -o")
    forced = subprocess.run([LAMBDAFIT, "assess", WORKLOAD, "--color", "always"], capture_output=True, text=True, env=env)
    if "\x1b[" not in forced.stdout:
        fail("--color always gives no colors in a pipe")
    print("ok pipes and files carry no escape codes; --color always is honoured on stdout")


if __name__ == "__main__":
    main()
