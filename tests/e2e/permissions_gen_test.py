"""The IAM action data is exactly what the generator makes from the installed botocore."""
import os
import subprocess
import sys

SOURCE_DIR = os.environ["LAMBDAFIT_SOURCE_DIR"]
DATA = "/usr/lib/python3/dist-packages/botocore/data"
PYTHON = "/usr/bin/python3"

if not os.path.isdir(DATA):
    # .ci/install-deps installs python3-botocore, so CI always runs the comparison.
    print("SKIP: Debian's python3-botocore is not installed (apt-get install python3-botocore)")
    sys.exit(77)
out = subprocess.run([PYTHON, os.path.join(SOURCE_DIR, "tools/gen-iam-actions/gen.py"), "--data", DATA],
                     capture_output=True, check=True).stdout
with open(os.path.join(SOURCE_DIR, "rules/permissions/actions.yaml"), "rb") as f:
    committed = f.read()
if out != committed:
    a, b = out.decode().splitlines(), committed.decode().splitlines()
    first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    print(f"FAIL: rules/permissions/actions.yaml differs from the generator's output at line {first + 1}:\n"
          f"  generated: {a[first] if first < len(a) else '<end>'}\n"
          f"  committed: {b[first] if first < len(b) else '<end>'}\n"
          "re-run tools/gen-iam-actions/gen.py -o rules/permissions/actions.yaml", file=sys.stderr)
    sys.exit(1)
if b"ListObjectsV2: list_objects_v2" not in out or b"prefix: states" not in out:
    print("FAIL: the generated data lacks s3 ListObjectsV2 or the states prefix", file=sys.stderr)
    sys.exit(1)
print(f"ok: {len(out)} bytes re-created")
