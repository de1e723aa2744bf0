"""Shared helpers for the report end-to-end tests: where things are, running the tool, and a
small workload whose scanned lines try to inject script into the reports."""
import os
import subprocess
import sys
import tempfile

LAMBDAFIT = os.environ.get("LAMBDAFIT", "lambdafit")
SOURCE_DIR = os.environ.get("LAMBDAFIT_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD_DIR = os.environ.get("LAMBDAFIT_BUILD_DIR", tempfile.gettempdir())
SAMPLES = os.path.join(SOURCE_DIR, "samples")

INJECTION = "</code><script>alert(1)</script>"


def sample_dirs():
    return sorted(os.path.join(SAMPLES, d) for d in os.listdir(SAMPLES)
                  if os.path.isdir(os.path.join(SAMPLES, d)))


def run(*args, check=True):
    proc = subprocess.run([LAMBDAFIT, *args], capture_output=True, text=True, timeout=600)
    if check and proc.returncode != 0:
        sys.exit(f"FAIL: lambdafit {' '.join(args)} exited {proc.returncode}\n{proc.stderr}")
    return proc


def make_injection_workload(root):
    """A workload whose file names, scanned lines and manifest carry markup."""
    os.makedirs(os.path.join(root, "src"), exist_ok=True)
    # A .cu file is evidence for the GPU criterion; its first line becomes the snippet.
    with open(os.path.join(root, "src", "kernel.cu"), "w") as f:
        f.write(f"// {INJECTION}\n__global__ void k() {{}}\n")
    with open(os.path.join(root, "lambdafit.yaml"), "w") as f:
        f.write('name: "inject <img src=http://127.0.0.1:9/pixel.png>"\n')
    return root


def fail(message):
    sys.exit("FAIL: " + message)
