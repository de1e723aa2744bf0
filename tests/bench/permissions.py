#!/usr/bin/python3
"""Times `lambdafit permissions` on a generated 100-file Python workload with a SAM template.

Usage: tests/bench/permissions.py [LAMBDAFIT] [--files N] [--runs R]
Prints the median wall time of R runs and checks the policy holds every expected action.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

OPS = [("s3", "get_object", "s3:GetObject"), ("s3", "put_object", "s3:PutObject"),
       ("dynamodb", "put_item", "dynamodb:PutItem"), ("sqs", "send_message", "sqs:SendMessage"),
       ("sns", "publish", "sns:Publish")]


def make_workload(root, files):
    src = os.path.join(root, "src", "app")
    os.makedirs(src)
    open(os.path.join(src, "__init__.py"), "w").close()
    for i in range(files):
        service, method, _ = OPS[i % len(OPS)]
        nxt = f"from app import mod{i + 1}\n" if i + 1 < files else ""
        with open(os.path.join(src, f"mod{i}.py"), "w") as f:
            f.write(f"import os\nimport boto3\n{nxt}\n_c = boto3.client({service!r})\n\n")
            for k in range(20):  # some ordinary code around the call
                f.write(f"def helper_{k}(x):\n    return [y * {k} for y in x if y]\n\n")
            f.write(f"def run(event):\n    return _c.{method}(**event)\n")
    with open(os.path.join(src, "handler.py"), "w") as f:
        f.write("from app import mod0\n\ndef handler(event, context):\n    return mod0.run(event)\n")
    with open(os.path.join(root, "template.yaml"), "w") as f:
        f.write("Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n"
                "    Properties:\n      CodeUri: src/\n      Handler: app.handler.handler\n"
                "      Runtime: python3.12\n      Policies:\n        - AmazonS3FullAccess\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("lambdafit", nargs="?", default=os.environ.get("LAMBDAFIT", "build/tools/lambdafit/lambdafit"))
    ap.add_argument("--files", type=int, default=100)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as root:
        make_workload(root, a.files)
        times = []
        for _ in range(a.runs):
            t = time.perf_counter()
            out = subprocess.run([a.lambdafit, "permissions", root, "--format", "json"], capture_output=True,
                                 text=True, check=True).stdout
            times.append(time.perf_counter() - t)
        fn = json.loads(out)["functions"][0]
        want = sorted({op[2] for op in OPS[: min(a.files, len(OPS))]})
        if fn["used_actions"] != want or len(fn["files"]) != a.files + 2:
            print(f"FAIL: actions {fn['used_actions']} (want {want}), {len(fn['files'])} files reached", file=sys.stderr)
            return 1
        print(f"permissions: {a.files} Python files reached from one handler, median {statistics.median(times) * 1000:.0f} ms "
              f"over {a.runs} runs (min {min(times) * 1000:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
