"""lambdafit permissions on the media sample: narrow policies in every format, errors named."""
import json
import os
import tempfile

from support import check, finish, run, source

MEDIA = source("samples", "sam-python-media")

code, out, err = run("permissions", MEDIA, "--format", "json")
check(code == 0, f"permissions json exit {code}: {err}")
doc = json.loads(out)
fn = doc["functions"][0]
check(fn["name"] == "IngestFunction", f"function {fn['name']}")
actions = sorted(a for s in fn["policy"]["Statement"] for a in s["Action"])
check(actions == ["dynamodb:PutItem", "s3:GetObject", "s3:PutObject"], f"actions {actions}")
check(fn["granted"]["missing"] == [], f"missing {fn['granted']['missing']}")
check("s3:DeleteObject" in fn["granted"]["unused"], "unused grants lack s3:DeleteObject")
check({w["action"] for w in fn["granted"]["wildcards"]} >= {"s3:*", "dynamodb:*"}, "wildcards not reported")
calls = [f"{c['file']}:{c['line']}" for e in fn["evidence"] for c in e["calls"]]
check(calls == ["src/media/app.py:19", "src/media/store.py:11", "src/media/store.py:15"], f"evidence {calls}")
for c in calls:  # every statement traces to a real line holding the call
    path, line = c.split(":")
    text = open(os.path.join(MEDIA, path)).read().splitlines()[int(line) - 1]
    check("_s3." in text or "TABLE." in text, f"{c} is not an SDK call: {text}")

code, out, err = run("permissions", MEDIA, "--format", "sam")
check(code == 0, f"permissions sam exit {code}")
check("IngestFunction:\n  Properties:\n    Policies:" in out, "no SAM Policies block")
check("- s3:GetObject\n" in out and "- s3:PutObject\n" in out and "- dynamodb:PutItem\n" in out, "narrow actions missing")
check("s3:*" not in out and "AmazonS3FullAccess" not in out, "the narrow policy repeats the broad grant")
check('!Sub "arn:${AWS::Partition}:s3:::${MediaBucket}/*"' in out, "bucket resource not from the template")

code, out, err = run("permissions", MEDIA, "--format", "terraform")
check(code == 0 and 'data "aws_iam_policy_document" "ingest_function"' in out, "terraform output")
check('actions = ["s3:GetObject", "s3:PutObject"]' in out, f"terraform actions\n{out}")

code, out, err = run("permissions", MEDIA, "--format", "yaml")
check(code == 0 and "IngestFunction:\n  Version: \"2012-10-17\"" in out, "yaml output")

# The assessment carries the same analysis: JSON section, text and Markdown, SARIF warnings.
code, out, err = run("assess", MEDIA, "--format", "json")
perm = json.loads(out)["permissions"]["functions"][0]
check(perm["used_actions"] == ["dynamodb:PutItem", "s3:GetObject", "s3:PutObject"], f"report actions {perm['used_actions']}")
check(perm["granted"]["over_grant_ratio"] > 20, f"report ratio {perm['granted']['over_grant_ratio']}")
code, out, err = run("assess", MEDIA)
check("Permissions" in out and "wildcard: s3:* on * (AmazonS3FullAccess, template.yaml:38:11)" in out, "text section")
code, out, err = run("assess", MEDIA, "--format", "md")
check("## Permissions" in out and "| `IngestFunction (template.yaml:28:3)` |" in out, "markdown section")
code, out, err = run("assess", MEDIA, "--format", "sarif")
perm_results = [r for r in json.loads(out)["runs"][0]["results"] if r["ruleId"].startswith("permissions-")]
# one finding per grant line: AmazonS3FullAccess (s3:* and s3-object-lambda:*) and dynamodb:*
check(sorted(r["ruleId"] for r in perm_results) == ["permissions-over-grant"] * 2 + ["permissions-wildcard"] * 2,
      f"sarif permission results {[r['ruleId'] for r in perm_results]}")
check(all(r["level"] == "warning" for r in perm_results), "permission results are not warnings")
with open(os.path.join(MEDIA, "template.yaml")) as f:
    tmpl = f.read().splitlines()
for r in perm_results:
    line = r["locations"][0]["physicalLocation"]["region"]["startLine"]
    check(any(k in tmpl[line - 1] for k in ("AmazonS3FullAccess", "dynamodb:*")),
          f"{r['ruleId']} points at {tmpl[line - 1]!r}")

code, out, err = run("permissions", source("samples", "no-such-dir"))
check(code == 2 and "is not a directory" in err, f"missing dir: {code} {err}")
code, out, err = run("permissions", MEDIA, "--format", "xml")
check(code == 2, "bad format accepted")

# A template that does not parse is named at its line and the rest goes on.
with tempfile.TemporaryDirectory() as d:
    with open(os.path.join(d, "template.yaml"), "w") as f:
        f.write("Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: [\n")
    with open(os.path.join(d, "app.py"), "w") as f:
        f.write("import boto3\nboto3.client('sqs').send_message(QueueUrl='q', MessageBody='x')\n")
    code, out, err = run("permissions", d, "--format", "json")
    check(code == 0, f"broken template stopped the command: {code}")
    check("template.yaml:" in err and "error:" in err, f"no located error: {err}")
    check(json.loads(out)["functions"][0]["used_actions"] == ["sqs:SendMessage"], "workload policy missing")

# Terraform: the roles' attached policies are read as grants and compared by resource.
TF = source("tests", "fixtures", "workloads", "tf-python-media")
code, out, err = run("permissions", TF, "--format", "json")
check(code == 0, f"terraform permissions exit {code}: {err}")
fns = {f["name"]: f for f in json.loads(out)["functions"]}
check(sorted(fns) == ["aws_lambda_function.cleanup", "aws_lambda_function.ingest", "aws_lambda_function.report"],
      f"terraform functions {sorted(fns)}")
ingest = fns["aws_lambda_function.ingest"]["granted"]
check(ingest["missing"] == [] and {w["action"] for w in ingest["wildcards"]} == {"s3:*", "s3-object-lambda:*"},
      f"terraform ingest {ingest['missing']} {ingest['wildcards']}")
report = fns["aws_lambda_function.report"]["granted"]
check(report["missing"] == ["s3:GetObject", "s3:PutObject"], f"terraform report missing {report['missing']}")
wrong = [n for n in report["not_granted"] if n["action"] == "s3:GetObject"]
check(len(wrong) == 1 and wrong[0]["granted_on"] == ["${aws_s3_bucket.other.arn}/*"], f"terraform report {wrong}")
check(fns["aws_lambda_function.cleanup"]["granted"] is None, "a role from a variable is compared")
with open(os.path.join(TF, "main.tf")) as f:
    tf_lines = f.read().splitlines()
code, out, err = run("permissions", TF, "--format", "terraform")
check(code == 0 and 'resources = ["${aws_s3_bucket.media.arn}/*"]' in out, f"terraform output names the bucket:\n{out}")
for w in ingest["wildcards"]:
    check("AmazonS3FullAccess" in tf_lines[w["line"] - 1], f"wildcard points at {tf_lines[w['line'] - 1]!r}")

# aws-sdk-cpp: the CLI (no LLVM in it) has a worker parse the units with the SDK's headers
# (a stand-in the workload's compile_flags.txt names); the assessment takes the same calls from
# its own scan's parses.
CPP = source("tests", "fixtures", "workloads", "cpp-sdk")
code, out, err = run("permissions", CPP, "--format", "json")
check(code == 0, f"cpp permissions exit {code}: {err}")
fn = json.loads(out)["functions"][0]
cpp_calls = sorted((c["line"], c["operation"]) for e in fn["evidence"] for c in e["calls"])
check(cpp_calls == [(21, "PutObject"), (24, "GetObject"), (26, "PutItem"), (31, "PutObject"), (40, "ListObjectsV2"),
                    (49, "PutObject")],
      f"cpp calls {cpp_calls}")
check("no parse of this file" not in err, f"cpp read from text: {err}")
code, out, err = run("assess", CPP, "--format", "json", "--no-cache")
perm = json.loads(out)["permissions"]["functions"][0]
check(perm["used_actions"] == ["dynamodb:PutItem", "s3:GetObject", "s3:ListBucket", "s3:PutObject"],
      f"cpp report actions {perm['used_actions']}")
with tempfile.TemporaryDirectory() as d:  # the same code without the headers: read from its text, and said so
    os.makedirs(os.path.join(d, "src"))
    for f in ("compile_flags.txt", "src/handler.cpp", "src/storage.h"):
        with open(os.path.join(CPP, f)) as src, open(os.path.join(d, f), "w") as dst:
            dst.write(src.read())
    code, out, err = run("permissions", d, "--format", "json")
    check(code == 0, f"cpp text permissions exit {code}: {err}")
    ops = sorted(c["operation"] for e in json.loads(out)["functions"][0]["evidence"] for c in e["calls"])
    check(ops == ["DeleteObject", "ListObjectsV2", "PutItem", "PutObject", "PutObject"], f"cpp text calls {ops}")
    check("src/handler.cpp:19:12: warning: aws-sdk-cpp calls read from the request type names" in err, f"no note: {err}")

finish("permissions")
