// Terraform: functions, their roles' grants (policy documents, jsonencode and heredoc
// policies, attachments, AWS-managed ARNs) and the comparison by resource, on the golden
// fixture tests/fixtures/workloads/tf-python-media.
#include <algorithm>
#include <string>

#include <catch2/catch.hpp>

#include "support/permission_data.hpp"
#include "support/temp_tree.hpp"
#include "permissions/hcl_expr.hpp"
#include "permissions/policy.hpp"
#include "permissions/resources.hpp"

using namespace lambdafit::permissions;

namespace {

const Data& data() { return lambdafit::testing::permission_data(); }

using lambdafit::testing::has;

const FunctionPolicy& function(const PermissionsResult& r, const std::string& name) {
  for (const auto& f : r.functions)
    if (f.name == name) return f;
  FAIL("no function " << name);
  throw std::logic_error("unreachable");
}

std::vector<std::string> granted_sources(const FunctionPolicy& f) {
  std::vector<std::string> out;
  for (const auto& g : f.granted) out.push_back(g.action + " on " + g.resource + " from " + g.source);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

TEST_CASE("terraform fixture: functions, code folders and reachability") {
  const auto r = analyze_permissions(std::string(LAMBDAFIT_TEST_SOURCE_DIR) + "/tests/fixtures/workloads/tf-python-media", data());
  CHECK(r.errors.empty());
  REQUIRE(r.functions.size() == 3);
  CHECK(r.functions[0].name == "aws_lambda_function.ingest");
  CHECK(r.functions[1].name == "aws_lambda_function.report");
  CHECK(r.functions[2].name == "aws_lambda_function.cleanup");
  const auto& ingest = r.functions[0];
  CHECK(ingest.code_uri == "src");  // the archive_file's source_dir
  CHECK(ingest.files == std::vector<std::string>{"src/media/__init__.py", "src/media/app.py", "src/media/store.py"});
  CHECK(ingest.used_actions == std::vector<std::string>{"dynamodb:PutItem", "s3:GetObject", "s3:PutObject"});
  CHECK(r.functions[1].files == std::vector<std::string>{"src/media/__init__.py", "src/media/report.py", "src/media/store.py"});
  CHECK(r.functions[2].files == std::vector<std::string>{"src/cleanup.py"});
}

TEST_CASE("terraform fixture: managed ARNs and jsonencode policies attached to the role") {
  const auto r = analyze_permissions(std::string(LAMBDAFIT_TEST_SOURCE_DIR) + "/tests/fixtures/workloads/tf-python-media", data());
  const auto& f = function(r, "aws_lambda_function.ingest");
  REQUIRE(f.grants_known);
  CHECK(granted_sources(f) == std::vector<std::string>{
                                  "dynamodb:DeleteItem on ${aws_dynamodb_table.media.arn} from aws_iam_role_policy.ingest_table",
                                  "dynamodb:PutItem on ${aws_dynamodb_table.media.arn} from aws_iam_role_policy.ingest_table",
                                  "logs:CreateLogGroup on * from AWSLambdaBasicExecutionRole",
                                  "logs:CreateLogGroup on * from AWSLambdaSQSQueueExecutionRole",
                                  "logs:CreateLogStream on * from AWSLambdaBasicExecutionRole",
                                  "logs:CreateLogStream on * from AWSLambdaSQSQueueExecutionRole",
                                  "logs:PutLogEvents on * from AWSLambdaBasicExecutionRole",
                                  "logs:PutLogEvents on * from AWSLambdaSQSQueueExecutionRole",
                                  "s3-object-lambda:* on * from AmazonS3FullAccess",
                                  "s3:* on * from AmazonS3FullAccess",
                                  "sqs:DeleteMessage on * from AWSLambdaSQSQueueExecutionRole",
                                  "sqs:GetQueueAttributes on * from AWSLambdaSQSQueueExecutionRole",
                                  "sqs:ReceiveMessage on * from AWSLambdaSQSQueueExecutionRole",
                              });
  // the queue polled for it (aws_lambda_event_source_mapping): the poller's actions are the
  // platform's, neither over-grant nor wildcard
  CHECK_FALSE(has(f.unused, "sqs:ReceiveMessage"));
  // negative: the trust policy, the Deny statement and the unattached sqs:* policy grant nothing
  CHECK_FALSE(has(f.granted_actions, "sts:AssumeRole"));
  CHECK_FALSE(has(f.granted_actions, "dynamodb:DeleteTable"));
  CHECK(std::none_of(f.granted_actions.begin(), f.granted_actions.end(), [](const std::string& a) { return a.rfind("sqs:", 0) == 0; }));
  CHECK(f.missing.empty());  // PutItem is granted on the table the code names
  CHECK(has(f.unused, "dynamodb:DeleteItem"));
  CHECK(has(f.unused, "s3:DeleteObject"));
  std::vector<std::string> wild;
  for (const auto& g : f.wildcards) wild.push_back(g.action);
  CHECK(wild == std::vector<std::string>{"s3:*", "s3-object-lambda:*"});
  // every grant points at the line that writes it
  for (const auto& g : f.granted) {
    CHECK(g.file == "main.tf");
    CHECK(g.line > 0);
  }
  const auto put = std::find_if(f.granted.begin(), f.granted.end(), [](const Grant& g) { return g.action == "dynamodb:PutItem"; });
  REQUIRE(put != f.granted.end());
  CHECK(put->line == 66);
  CHECK(put->column == 21);
}

TEST_CASE("terraform fixture: a policy document on another bucket does not cover the call") {
  const auto r = analyze_permissions(std::string(LAMBDAFIT_TEST_SOURCE_DIR) + "/tests/fixtures/workloads/tf-python-media", data());
  const auto& f = function(r, "aws_lambda_function.report");
  REQUIRE(f.grants_known);
  CHECK(granted_sources(f) == std::vector<std::string>{
                                  "dynamodb:Query on ${aws_dynamodb_table.media.arn} from data.aws_iam_policy_document.report",
                                  "s3:GetObject on ${aws_s3_bucket.other.arn}/* from data.aws_iam_policy_document.report",
                              });
  CHECK(f.used_actions == std::vector<std::string>{"s3:GetObject", "s3:PutObject"});
  CHECK(f.missing == std::vector<std::string>{"s3:GetObject", "s3:PutObject"});
  REQUIRE(f.not_granted.size() == 2);
  CHECK(f.not_granted[0].action == "s3:GetObject");
  CHECK(f.not_granted[0].resource.value == "arn:${AWS::Partition}:s3:::${aws_s3_bucket.media}/*");
  CHECK(f.not_granted[0].granted_on == std::vector<std::string>{"${aws_s3_bucket.other.arn}/*"});
  REQUIRE(f.not_granted[0].calls.size() == 1);
  CHECK(f.not_granted[0].calls[0].file == "src/media/store.py");
  CHECK(f.not_granted[0].calls[0].line == 11);
  CHECK(f.not_granted[1].action == "s3:PutObject");
  CHECK(f.not_granted[1].granted_on.empty());
  CHECK(f.unused == std::vector<std::string>{"dynamodb:Query"});
  CHECK(f.wildcards.empty());
}

TEST_CASE("terraform fixture: a role from a variable leaves the grants unknown, with a note") {
  const auto r = analyze_permissions(std::string(LAMBDAFIT_TEST_SOURCE_DIR) + "/tests/fixtures/workloads/tf-python-media", data());
  const auto& f = function(r, "aws_lambda_function.cleanup");
  CHECK_FALSE(f.grants_known);
  CHECK(f.used_actions == std::vector<std::string>{"dynamodb:DeleteItem"});
  CHECK(f.missing.empty());
  REQUIRE(f.notes.size() == 1);
  CHECK(f.notes[0].find("main.tf:") == 0);
  CHECK(f.notes[0].find("not an aws_iam_role of this folder") != std::string::npos);
}

TEST_CASE("resources: references, ARNs and wildcards") {
  const auto ref = resource_key("arn:${AWS::Partition}:s3:::${MediaBucket}/*");
  CHECK(ref.kind == ResourceKey::Kind::ref);
  CHECK(ref.ref == "MediaBucket");
  CHECK(ref.suffix == "/*");
  CHECK(resource_covers(resource_key("${MediaBucket.Arn}/*"), ref));
  CHECK(resource_covers(resource_key("*"), ref));
  CHECK(resource_covers(resource_key("${MediaBucket.Arn}/uploads/*"), ref));  // narrower key: benefit of the doubt
  CHECK_FALSE(resource_covers(resource_key("${OtherBucket.Arn}/*"), ref));
  CHECK_FALSE(resource_covers(resource_key("${MediaBucket.Arn}"), ref));  // the bucket, not its objects
  CHECK(resource_covers(resource_key("${aws_s3_bucket.b.arn}/*"), resource_key("arn:${AWS::Partition}:s3:::${aws_s3_bucket.b}/*")));
  CHECK(resource_key("${data.aws_sqs_queue.q.arn}").ref == "data.aws_sqs_queue.q");
  // literal ARNs compare field by field; a region or account of "*" matches any
  CHECK(resource_covers(resource_key("arn:aws:dynamodb:us-east-1:123456789012:table/Users"),
                        resource_key("arn:aws:dynamodb:*:*:table/Users")));
  CHECK_FALSE(resource_covers(resource_key("arn:aws:dynamodb:*:*:table/Orders"), resource_key("arn:aws:dynamodb:*:*:table/Users")));
  CHECK_FALSE(resource_covers(resource_key("arn:aws:s3:::logs/*"), resource_key("arn:aws:s3:::Logs/*")));  // case matters
  // a reference against a literal cannot be compared: no finding
  CHECK(resource_covers(resource_key("${Bucket.Arn}/*"), resource_key("arn:aws:s3:::photos/*")));
  CHECK(resource_key("(expression)").kind == ResourceKey::Kind::unknown);
}

TEST_CASE("hcl expressions: jsonencode objects, heredoc JSON, references, positions") {
  const std::string text =
      "policy = jsonencode({\n"
      "  Statement = [{ Action = [\"s3:GetObject\"], Resource = \"${aws_s3_bucket.b.arn}/*\" }]\n"
      "})\n"
      "doc = <<-EOF\n"
      "  {\"Statement\": {\"Action\": \"sqs:SendMessage\", \"Resource\": \"*\"}}\n"
      "  EOF\n"
      "ref = aws_iam_role.r.arn\n";
  const LineIndex lines(text);
  const auto p = read_hcl_expression(text, text.find("jsonencode"), lines);
  REQUIRE(p.is_map());
  const auto* st = p.child("Statement");
  REQUIRE(st);
  REQUIRE(st->is_list());
  const auto& one = st->items[0].second;
  REQUIRE(one.child("Action"));
  CHECK(one.child("Action")->items[0].second.scalar == "s3:GetObject");
  CHECK(one.child("Action")->items[0].second.line == 2);
  CHECK(one.child("Action")->items[0].second.column == 28);
  CHECK(one.child("Resource")->scalar == "${aws_s3_bucket.b.arn}/*");
  const auto d = read_hcl_expression(text, text.find("<<-EOF"), lines);
  REQUIRE(d.is_map());
  CHECK(d.child("Statement")->child("Action")->scalar == "sqs:SendMessage");
  CHECK(d.child("Statement")->child("Action")->line == 5);
  const auto r = read_hcl_expression(text, text.find("aws_iam_role"), lines);
  CHECK(r.tag == "expr");
  CHECK(r.scalar == "aws_iam_role.r.arn");
  // hostile input ends without hanging or reading past the text
  for (const char* bad : {"jsonencode({", "[[[[", "<<EOF\n{\"a\": ", "{ a = \"${x", "\"unterminated"}) {
    const std::string t = bad;
    const LineIndex l(t);
    CHECK(read_hcl_expression(t, 0, l).line >= 1);
  }
}

namespace {

// A Terraform project whose function `fn` has handler `handler` and code in an archive the
// configuration names by a plain path, so its code folder must be found by the handler's file.
// Its role grants sqs:ReceiveMessage and s3:GetObject.
std::string tf_project(const std::string& handler, const std::string& runtime = "python3.12") {
  return R"(resource "aws_iam_role" "r" {
  name = "r"
}
resource "aws_iam_role_policy" "p" {
  role = aws_iam_role.r.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["sqs:ReceiveMessage", "s3:GetObject"], Resource = "*" }]
  })
}
resource "aws_lambda_function" "fn" {
  function_name = "fn"
  handler       = ")" + handler + R"("
  runtime       = ")" + runtime + R"("
  role          = aws_iam_role.r.arn
  filename      = "${path.module}/payload.zip"
}
)";
}

const std::string kBoto = "import boto3\ns3 = boto3.client('s3')\n\ndef handler(event, context):\n    s3.get_object(Bucket='b', Key='k')\n";

bool has_note(const FunctionPolicy& f, const std::string& part) {
  return std::any_of(f.notes.begin(), f.notes.end(), [&](const std::string& n) { return n.find(part) != std::string::npos; });
}

}  // namespace

// A samples repository: many projects side by side, several with an index.py. A function whose
// archive's source is not in its project was given the whole tree (every project's calls) and
// reported grants "not granted" at other projects' lines.
TEST_CASE("terraform code folder: a prebuilt archive in a tree of projects reads no other project") {
  lambdafit::testing::TempTree t;
  t.write("queue-consumer/main.tf", tf_project("index.handler"));
  t.write("queue-consumer/payload.zip", "PK");
  t.write("thumbnails/src/index.py", kBoto);
  t.write("reports/src/index.py", kBoto);
  const auto r = analyze_permissions(t.path(), data());
  const auto& f = function(r, "aws_lambda_function.fn");
  CHECK(f.files.empty());
  CHECK(f.used_actions.empty());
  CHECK(f.unused.empty());  // no call is known, so no grant is called unused
  CHECK(f.over_grant_ratio == 0.0);
  CHECK(has_note(f, "queue-consumer/main.tf:11:1: the function's code is not read (the configuration names no code "
                    "folder, and 2 folders outside the module's hold a file for handler 'index.handler', first "
                    "'reports/src'): its SDK calls, and which grants go unused, are not reported"));
  // With none anywhere: the code is packaged elsewhere.
  lambdafit::testing::TempTree alone;
  alone.write("main.tf", tf_project("index.handler"));
  const auto r2 = analyze_permissions(alone.path(), data());
  const auto& g = function(r2, "aws_lambda_function.fn");
  CHECK(g.files.empty());
  CHECK(g.unused.empty());
  CHECK(has_note(g, "no file of the workload holds handler 'index.handler'"));
}

TEST_CASE("terraform code folder: the nearest level holding the handler's file decides") {
  // In the module's own folder, though other projects have one too.
  lambdafit::testing::TempTree t;
  t.write("media/main.tf", tf_project("index.handler"));
  t.write("media/src/index.py", kBoto);
  t.write("other/src/index.py", kBoto);
  const auto r = analyze_permissions(t.path(), data());
  const auto& f = function(r, "aws_lambda_function.fn");
  CHECK(f.code_uri == "media/src");
  CHECK(f.files == std::vector<std::string>{"media/src/index.py"});
  CHECK(f.used_actions == std::vector<std::string>{"s3:GetObject"});
  CHECK(f.unused == std::vector<std::string>{"sqs:ReceiveMessage"});

  // terraform/ beside src/: the one folder above the module that holds it.
  lambdafit::testing::TempTree split;
  split.write("terraform/main.tf", tf_project("app.handler"));
  split.write("src/app.py", kBoto);
  const auto r2 = analyze_permissions(split.path(), data());
  CHECK(function(r2, "aws_lambda_function.fn").code_uri == "src");
  CHECK(function(r2, "aws_lambda_function.fn").used_actions == std::vector<std::string>{"s3:GetObject"});
}

TEST_CASE("terraform code folder: a Java handler reads the module's folder only when it holds code") {
  lambdafit::testing::TempTree t;
  t.write("orders/main.tf", tf_project("example.Handler::handleRequest", "java21"));
  t.write("orders/src/main/java/example/Handler.java", "package example;\nclass Handler {}\n");
  t.write("billing/src/main/java/example/Other.java", "package example;\nclass Other {}\n");
  const auto r = analyze_permissions(t.path(), data());
  const auto& f = function(r, "aws_lambda_function.fn");
  CHECK(f.code_uri == "orders");
  CHECK(has_note(f, "the module's folder 'orders' is read"));

  lambdafit::testing::TempTree bare;
  bare.write("infra/main.tf", tf_project("example.Handler::handleRequest", "java21"));
  bare.write("app/src/main/java/example/Handler.java", "package example;\nclass Handler {}\n");
  const auto r2 = analyze_permissions(bare.path(), data());
  const auto& g = function(r2, "aws_lambda_function.fn");
  CHECK(g.files.empty());
  CHECK(g.unused.empty());
  CHECK(has_note(g, "the module's folder holds no code"));
}

// Go (or Rust, .NET, Ruby) code: lambdafit reads none of it for SDK calls, so its grants cannot
// be known unused; before, every grant of such a function was reported "never used".
TEST_CASE("terraform: a function whose code is in no language the SDK readers know calls nothing unused") {
  lambdafit::testing::TempTree t;
  std::string tf = tf_project("bootstrap", "provided.al2023");
  const auto at = tf.find("  filename      = \"${path.module}/payload.zip\"");
  REQUIRE(at != std::string::npos);
  tf.replace(at, std::string("  filename      = \"${path.module}/payload.zip\"").size(),
             "  filename      = data.archive_file.src.output_path");
  tf += "data \"archive_file\" \"src\" {\n  type        = \"zip\"\n  source_dir  = \"${path.module}/src\"\n"
        "  output_path = \"${path.module}/build/src.zip\"\n}\n";
  t.write("main.tf", tf);
  t.write("src/main.go", "package main\n\nfunc main() {}\n");
  const auto r = analyze_permissions(t.path(), data());
  const auto& f = function(r, "aws_lambda_function.fn");
  CHECK(f.code_uri == "src");
  CHECK(f.files.empty());
  REQUIRE(f.grants_known);
  CHECK(f.granted_actions.size() == 2);
  CHECK(f.unused.empty());
  CHECK(f.unused_by_grant.empty());
  CHECK(f.over_grant_ratio == 0.0);
  CHECK(has_note(f, "main.tf:11:1: no file under 'src' is code lambdafit reads for SDK calls (runtime 'provided.al2023')"));
}

// A service the permission data does not describe (boto3's `rbin`, newer than the data): its
// calls are not recognised, so its grants cannot be told unused; aws-samples' ami-recycle-bin
// had its `rbin:ListRules` reported "never used" beside the note that the call was not read.
TEST_CASE("terraform: a grant of a service the permission data lacks is never called unused") {
  lambdafit::testing::TempTree t;
  std::string tf = tf_project("index.handler");
  const auto at = tf.find("\"sqs:ReceiveMessage\"");
  REQUIRE(at != std::string::npos);
  tf.replace(at, std::string("\"sqs:ReceiveMessage\"").size(), "\"rbin:ListRules\", \"ec2:DescribeSnapshots\"");
  t.write("main.tf", tf);
  t.write("src/index.py", kBoto + "\nrbin = boto3.client('rbin')\n\ndef rules():\n    return rbin.list_rules(ResourceType='EC2_IMAGE')\n");
  const auto r = analyze_permissions(t.path(), data());
  const auto& f = function(r, "aws_lambda_function.fn");
  REQUIRE(f.grants_known);
  CHECK(f.used_actions == std::vector<std::string>{"s3:GetObject"});
  // ec2 is described and the code never calls it: unused; rbin is not: left alone.
  CHECK(f.unused == std::vector<std::string>{"ec2:DescribeSnapshots"});
}
