"""lambdafit lint reports over-grants: a wildcard or never-used grant at the template line that
writes it, an action the code needs but is not granted at the call, all through lint's
suppression comments, baseline, --disable and severity machinery."""
import json
import os
import shutil

from lint_cases import Repo, check, expect, finish, validate

SAMPLE = os.path.join(os.environ["LAMBDAFIT_SOURCE_DIR"], "samples", "sam-python-media")


def media_repo():
    r = Repo(git=False)
    shutil.copytree(SAMPLE, r.path, dirs_exist_ok=True)
    return r


def template(r):
    with open(os.path.join(r.path, "template.yaml")) as f:
        return f.read()


S3_LINE = "template.yaml:38:11: warning: "
DDB_LINE = "template.yaml:41:15: warning: "

# --- the sample's over-grant, at the lines that grant it ----------------------------------
r = media_repo()
code, out, err = r.lint("template.yaml")
expect((code, out, err), 1,
       S3_LINE + "IngestFunction is granted s3:* on *, s3-object-lambda:* on * (AmazonS3FullAccess)",
       "[permissions-wildcard]", "[permissions-over-grant]",
       S3_LINE + "AmazonS3FullAccess grants IngestFunction ",
       DDB_LINE + "IngestFunction is granted dynamodb:* on * (inline)",
       DDB_LINE + "the inline statement grants IngestFunction ",
       "        - AmazonS3FullAccess\n          ^\n",
       absent=["[permissions-not-granted]", "template.yaml:28:3: warning"],  # SAM's own log grant is no over-grant
       where="sample: over-grant and wildcards at the grant lines")
code, out, err = r.lint("template.yaml", "--format", "json")
doc = json.loads(out)
validate(doc, "lint.schema.json")
perm = sorted((f["line"], f["detector"]) for f in doc["findings"] if f["detector"].startswith("permissions-"))
check(perm == [(38, "permissions-over-grant"), (38, "permissions-wildcard"), (41, "permissions-over-grant"),
               (41, "permissions-wildcard")], f"sample: findings {perm}")
lines = template(r).splitlines()
for f in (f for f in doc["findings"] if f["detector"].startswith("permissions-")):
    check(f["snippet"] == lines[f["line"] - 1], f"snippet {f['snippet']!r} is not line {f['line']}")
    check(f["fact"] == "permissions", f"fact {f['fact']}")
# the code files have nothing to say: every call is granted
expect(r.lint("src/media/app.py", "src/media/store.py"), 0, absent=["permissions-"], where="sample: calls all granted")

# --- suppression comments, by check id and by the fact ------------------------------------
text = template(r)
r.write("template.yaml", text.replace("        - AmazonS3FullAccess\n",
                                      "        - AmazonS3FullAccess  # lambdafit-ignore(permissions-wildcard): prototype role, narrowed in #12\n"))
code, out, err = r.lint("template.yaml", "--report-unused-suppressions")
expect((code, out, err), 1, S3_LINE + "AmazonS3FullAccess grants", DDB_LINE,
       absent=[S3_LINE + "IngestFunction is granted s3:*", "silences nothing", "unknown id"],
       where="suppression: the wildcard at the line silenced, the over-grant kept")
r.write("template.yaml", text.replace("      Policies:\n",
                                      "      # lambdafit-ignore-begin(permissions): reviewed\n      Policies:\n")
        .replace("      Events:\n", "      # lambdafit-ignore-end(permissions)\n      Events:\n"))
expect(r.lint("template.yaml", "--report-unused-suppressions"), 0, absent=["permissions-", "silences nothing"],
       where="suppression: a block naming the fact silences every check")
r.write("template.yaml", text.replace("        - AmazonS3FullAccess\n",
                                      "        - AmazonS3FullAccess  # lambdafit-ignore(permissions-wildcrd): typo\n"))
expect(r.lint("template.yaml"), 1, "unknown id 'permissions-wildcrd' in the suppression; did you mean 'permissions-wildcard'",
       S3_LINE + "IngestFunction is granted s3:*", where="suppression: a misspelt check id")
r.write("template.yaml", text)

# --- --disable, --severity, baseline -----------------------------------------------------
expect(r.lint("template.yaml", "--disable", "permissions-over-grant"), 1, "[permissions-wildcard]",
       absent=["[permissions-over-grant]"], where="--disable one check")
expect(r.lint("template.yaml", "--disable", "permissions"), 0, absent=["permissions-"], where="--disable the fact")
expect(r.lint("template.yaml", "--severity", "permissions-wildcard=note"), 1,
       "template.yaml:38:11: note: IngestFunction is granted s3:*", where="--severity")
base = os.path.join(r.path, "baseline.json")
expect(r.lint("template.yaml", "--write-baseline", base), 0, where="baseline: write")
expect(r.lint("template.yaml", "--baseline", base), 0, absent=["permissions-"], where="baseline: accepted findings")

# --- a grant narrowed too far: the call that will fail, at the call ------------------------
narrow = text.replace("        - AmazonS3FullAccess\n", "        - S3ReadPolicy:\n            BucketName: !Ref MediaBucket\n") \
             .replace("              Action: dynamodb:*\n              Resource: \"*\"\n",
                      "              Action: dynamodb:PutItem\n              Resource: !GetAtt OtherTable.Arn\n")
r.write("template.yaml", narrow)
code, out, err = r.lint()
expect((code, out, err), 1,
       "src/media/store.py:15:5: warning: IngestFunction needs s3:PutObject on arn:${AWS::Partition}:s3:::${MediaBucket}/* here, "
       "which template.yaml does not grant (AccessDenied at run time) [permissions-not-granted]",
       "src/media/app.py:19:9: warning: IngestFunction needs dynamodb:PutItem on "
       "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${MediaTable} here, which template.yaml does not "
       "grant (AccessDenied at run time); granted only on ${OtherTable} [permissions-not-granted]",
       absent=["store.py:11:"],  # GetObject is granted on the bucket's objects by S3ReadPolicy
       where="narrow grants: calls not granted, by action and by resource")
expect(r.lint("src/media/store.py"), 1, "store.py:15:5:", absent=["app.py"], where="only the linted file's findings")

# --- least privilege: nothing to report --------------------------------------------------
exact = narrow.replace("        - S3ReadPolicy:\n            BucketName: !Ref MediaBucket\n",
                       "        - S3CrudPolicy:\n            BucketName: !Ref MediaBucket\n") \
              .replace("!GetAtt OtherTable.Arn", "!GetAtt MediaTable.Arn")
r.write("template.yaml", exact)
code, out, err = r.lint()
expect((code, out, err), 1, "[permissions-over-grant]", absent=["[permissions-not-granted]", "[permissions-wildcard]"],
       where="S3CrudPolicy: more than the two S3 actions, no wildcard, nothing missing")
check("S3CrudPolicy grants IngestFunction 7 action(s)" in out, f"crud over-grant count:\n{out}")

finish("lint permissions")
