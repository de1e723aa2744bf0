// Terraform: functions, their roles' grants (policy documents, jsonencode and heredoc
// policies, attachments, AWS-managed ARNs) and the comparison by resource, on the golden
// fixture tests/fixtures/workloads/tf-python-media.
#include <algorithm>
#include <string>

#include <catch2/catch.hpp>

#include "support/permission_data.hpp"
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
