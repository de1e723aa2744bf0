"""Golden places of the permission findings: each over-grant and wildcard at the template line
that grants it (a managed policy name, a SAM policy template, an inline statement's action,
a serverless role statement, a Terraform policy's action), one finding per line, and each
action not granted at the call that needs it; the same places in lint and SARIF."""
import json
import os
import shutil

from lint_cases import Repo, check, expect, finish, run

SOURCE = os.environ["LAMBDAFIT_SOURCE_DIR"]


def copy(*parts):
    r = Repo(git=False)
    shutil.copytree(os.path.join(SOURCE, *parts), r.path, dirs_exist_ok=True)
    return r


def lint_places(r, *files):
    code, out, err = r.lint(*files, "--format", "json")
    check(code in (0, 1), f"lint exit {code}: {err}")
    return sorted((f["path"], f["line"], f["column"], f["detector"]) for f in json.loads(out)["findings"]
                  if f["detector"].startswith("permissions-"))


def sarif_places(r):
    code, text, err = run("assess", r.path, "--format", "sarif")
    check(code == 0, f"assess exit {code}: {err}")
    out = []
    for res in json.loads(text)["runs"][0]["results"]:
        if not res["ruleId"].startswith("permissions-"):
            continue
        loc = res["locations"][0]["physicalLocation"]
        out.append((loc["artifactLocation"]["uri"], loc["region"]["startLine"], loc["region"]["startColumn"], res["ruleId"]))
    return sorted(out)


def same(r, want, *files, where):
    got = lint_places(r, *files)
    check(got == want, f"{where}: lint places\n  got  {got}\n  want {want}")
    got = sarif_places(r)
    check(got == want, f"{where}: SARIF places\n  got  {got}\n  want {want}")


W, O, N = "permissions-wildcard", "permissions-over-grant", "permissions-not-granted"

# --- SAM: a managed policy name and an inline statement's Action ----------------------------
r = copy("samples", "sam-python-media")
same(r, [("template.yaml", 38, 11, O), ("template.yaml", 38, 11, W), ("template.yaml", 41, 15, O), ("template.yaml", 41, 15, W)],
     "template.yaml", "src", where="media sample")

# --- SAM: a policy template at its own line; calls not granted at the calls ------------------
with open(os.path.join(r.path, "template.yaml")) as f:
    text = f.read()
narrow = text.replace("        - AmazonS3FullAccess\n", "        - S3ReadPolicy:\n            BucketName: !Ref MediaBucket\n") \
             .replace("              Action: dynamodb:*\n              Resource: \"*\"\n",
                      "              Action: [dynamodb:PutItem, dynamodb:DeleteItem, dynamodb:Scan]\n"
                      "              Resource: !GetAtt MediaTable.Arn\n")
r.write("template.yaml", narrow)
# S3ReadPolicy grants reads never used (line 38, the template's name); the inline list grants
# two actions never used on one line: one finding there, at the first of them
same(r, [("src/media/store.py", 15, 5, N), ("template.yaml", 38, 11, O), ("template.yaml", 42, 42, O)],
     "template.yaml", "src", where="narrowed media sample")
code, out, err = r.lint("template.yaml")
expect((code, out, err), 1, "template.yaml:42:42: warning: the inline statement grants IngestFunction 2 action(s) its code never "
       "uses (dynamodb:DeleteItem, dynamodb:Scan)", "template.yaml:38:11: warning: S3ReadPolicy grants IngestFunction ",
       where="narrowed: messages name the function")

# --- serverless: provider.iam.role.statements, a block list and a flow list ------------------
r = Repo(git=False)
r.write("serverless.yml", """service: places
provider:
  name: aws
  runtime: python3.12
  environment:
    TABLE: !Ref Orders
  iam:
    role:
      statements:
        - Effect: Allow
          Action:
            - dynamodb:PutItem
            - dynamodb:DeleteItem
          Resource: !GetAtt Orders.Arn
        - Effect: Allow
          Action: [sqs:SendMessage, sqs:DeleteQueue]
          Resource: "*"
functions:
  put:
    handler: app.handler
resources:
  Resources:
    Orders:
      Type: AWS::DynamoDB::Table
""")
r.write("app.py", """import os
import boto3

TABLE = boto3.resource("dynamodb").Table(os.environ["TABLE"])


def handler(event, context):
    TABLE.put_item(Item={"id": event["id"]})
    boto3.client("s3").get_object(Bucket="reports", Key="k")
""")
same(r, [("app.py", 9, 5, N), ("serverless.yml", 13, 15, O), ("serverless.yml", 16, 20, O)],
     "serverless.yml", "app.py", where="serverless role statements")

# --- Terraform: the attachment's ARN, jsonencode actions, policy document actions ------------
r = copy("tests", "fixtures", "workloads", "tf-python-media")
same(r, [("main.tf", 55, 16, O), ("main.tf", 55, 16, W), ("main.tf", 66, 41, O), ("main.tf", 134, 7, O),
         ("src/media/store.py", 11, 12, N), ("src/media/store.py", 15, 5, N)],
     "main.tf", "src", where="terraform fixture")
with open(os.path.join(r.path, "main.tf")) as f:
    tf = f.read().splitlines()
check("AmazonS3FullAccess" in tf[54] and "dynamodb:DeleteItem" in tf[65][40:] and "dynamodb:Query" in tf[133],
      "terraform golden lines are not the grants")

# --- Terraform local modules: grants in the module's files and in the caller's --------------
r = copy("tests", "fixtures", "workloads", "tf-modules")
# main.tf:42 grants both functions of ./modules/fn (api, and odd through the whole code
# folder): one finding each, their messages name them
same(r, [("main.tf", 42, 18, O), ("main.tf", 42, 18, O), ("main.tf", 71, 16, O), ("main.tf", 71, 16, W),
         ("modules/worker/main.tf", 31, 7, O), ("modules/worker/src/worker.py", 16, 5, N)],
     "main.tf", "modules", where="terraform modules")
code, out, err = r.lint("main.tf", "modules")
expect((code, out, err), 1, "main.tf:42:18: warning: data.aws_iam_policy_document.api grants module.api.aws_lambda_function.this "
       "1 action(s) its code never uses (s3:DeleteObject)",
       "modules/worker/main.tf:31:7: warning: module.worker.data.aws_iam_policy_document.table grants "
       "module.worker.aws_lambda_function.this 1 action(s) its code never uses (dynamodb:Scan)",
       where="terraform modules: messages")

finish("permission finding places")
