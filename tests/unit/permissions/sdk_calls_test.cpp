// Golden fixtures per language: the exact SDK calls (and what they say about resources) the
// readers find, and the look-alikes they must not count.
#include <fstream>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "support/permission_data.hpp"
#include "permissions/sdk_calls.hpp"

using namespace lambdafit;
using namespace lambdafit::permissions;

namespace {

const Data& data() { return lambdafit::testing::permission_data(); }

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(LAMBDAFIT_TEST_FIXTURES) + "/permissions/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// "line service:Operation resource" per call; the resource is "=literal", "$ENV" or empty.
std::set<std::string> summary(const FileCalls& calls) {
  std::set<std::string> out;
  for (const auto& c : calls.calls) {
    std::string res = !c.resource_literal.empty() ? "=" + c.resource_literal
                      : !c.resource_env.empty()   ? "$" + c.resource_env
                                                  : "";
    out.insert(fmt::format("{} {}:{}{}{}", c.line, c.service, c.operation, res.empty() ? "" : " ", res));
  }
  return out;
}

}  // namespace

TEST_CASE("boto3: aliases, sessions, clients passed around, paginators, resources, helpers") {
  const auto calls = read_python_calls(data(), "boto3_calls.py", fixture("boto3_calls.py"));
  const std::set<std::string> expected{
      "13 s3:ListObjectsV2 =logs-bucket",
      "20 s3:upload_file =out-bucket",
      "22 sqs:SendMessage =https://sqs.us-east-1.amazonaws.com/123456789012/jobs",
      "25 sns:Publish =arn:aws:sns:us-east-1:123456789012:alerts",
      "27 dynamodb:GetItem $USERS_TABLE",
      "28 dynamodb:BatchWriteItem $USERS_TABLE",
      "31 s3:ListObjects =photos",
  };
  CHECK(summary(calls) == expected);
  for (const auto& c : calls.calls) CHECK(c.sdk == "boto3");
}

TEST_CASE("boto3: actions of the calls, through the exceptions table") {
  const auto* s3 = data().service("s3");
  REQUIRE(s3);
  CHECK(data().actions_for(*s3, "ListObjectsV2") == std::vector<std::string>{"s3:ListBucket"});
  CHECK(data().actions_for(*s3, "HeadObject") == std::vector<std::string>{"s3:GetObject"});
  CHECK(data().actions_for(*s3, "PutObject") == std::vector<std::string>{"s3:PutObject"});
  CHECK(s3->helpers.at("upload_file").size() == 5);
  const auto* lambda = data().service("lambda");
  REQUIRE(lambda);
  CHECK(data().actions_for(*lambda, "Invoke") == std::vector<std::string>{"lambda:InvokeFunction"});
  const auto* sfn = data().service("stepfunctions");
  REQUIRE(sfn);
  CHECK(data().actions_for(*sfn, "StartExecution") == std::vector<std::string>{"states:StartExecution"});
}

TEST_CASE("boto3: a client of a service outside the data is a note, not a dropped call") {
  const auto calls = read_python_calls(data(), "x.py", "import boto3\nc = boto3.client('braket')\nc.search_jobs()\n");
  CHECK(calls.calls.empty());
  REQUIRE(calls.notes.size() == 1);
  CHECK(calls.notes[0].line == 3);
  CHECK(calls.notes[0].message.find("braket") != std::string::npos);
}

TEST_CASE("boto3: no SDK import means no calls, whatever the names") {
  const auto calls = read_python_calls(data(), "x.py",
                                       "s3 = make()\ns3.put_object(Bucket='b')\ntable.put_item(Item={})\n");
  CHECK(calls.calls.empty());
  CHECK(calls.notes.empty());
}

TEST_CASE("SDK readers: a file that never names the SDK keeps its imports for reachability") {
  // Such files are not walked for calls (most files of a large tree), but a handler that
  // reaches the SDK through a helper module is followed through them.
  const auto py = read_python_calls(data(), "app.py", "import helpers\nfrom lib import aws\nhelpers.run(aws.s3)\n");
  CHECK(py.calls.empty());
  CHECK(std::set<std::string>(py.imports.begin(), py.imports.end()) == std::set<std::string>{"helpers", "lib.aws"});
  // An alias still spells the module, so the file is read.
  const auto aliased = read_python_calls(data(), "x.py", "import boto3 as b\nb.client('s3').put_object(Bucket='k')\n");
  CHECK(summary(aliased) == std::set<std::string>{"2 s3:PutObject =k"});
  const auto java = read_java_calls(data(), "A.java", "package a;\nimport a.util.Store;\nclass A { void f(Store s) { s.putObject(); } }\n");
  CHECK(java.calls.empty());
  CHECK(java.imports == std::vector<std::string>{"a.util.Store"});
}

TEST_CASE("JavaScript: v3 commands, document client, lib-storage, v2 clients") {
  const auto calls = read_js_calls(data(), ts::Grammar::javascript, "sdk_v3.mjs", fixture("sdk_v3.mjs"));
  const std::set<std::string> expected{
      "15 s3:PutObject $UPLOAD_BUCKET",
      "16 s3:GetObject =fixed-bucket",
      "17 dynamodb:PutItem =orders",
      "18 sqs:SendMessage =q",
      "19 s3:Upload =big-bucket",
      "21 sns:Publish =arn:aws:sns:us-east-1:1:t",
      "23 dynamodb:Query =orders",
  };
  CHECK(summary(calls) == expected);
}

TEST_CASE("JavaScript: v2 per-service modules (aws-sdk/clients/…) and their document client") {
  const auto calls =
      read_js_calls(data(), ts::Grammar::javascript, "sdk_v2_clients.js", fixture("sdk_v2_clients.js"));
  const std::set<std::string> expected{
      "9 dynamodb:Scan $SAMPLE_TABLE",
      "10 dynamodb:PutItem $SAMPLE_TABLE",
      "11 s3:GetObject =fixed-bucket",
  };
  CHECK(summary(calls) == expected);
}

TEST_CASE("JavaScript: a params object passed by name gives the resource") {
  const auto calls = read_js_calls(data(), ts::Grammar::javascript, "sdk_params.js", fixture("sdk_params.js"));
  const std::set<std::string> expected{
      "11 dynamodb:GetItem $ORDERS",
      "13 s3:GetObject =reports",
      "14 dynamodb:GetItem $ORDERS",
      "17 s3:PutObject",    // `let`, reassigned: which object is not known
      "18 s3:DeleteObject", // two consts of that name in the file: not known either
      "20 s3:HeadObject =var-bucket",
      "21 s3:PutObject =reports",  // a presigned URL is used with the function's credentials
  };
  CHECK(summary(calls) == expected);
}

TEST_CASE("JavaScript: clients passed to functions of the same file bind their parameters") {
  const auto calls = read_js_calls(data(), ts::Grammar::javascript, "sdk_passed.js", fixture("sdk_passed.js"));
  const std::set<std::string> expected{
      "6 s3:PutObject =passed-bucket",
      "9 dynamodb:Scan $TABLE",
      "11 s3:DeleteObject =v3-bucket",  // v3's aggregated client (short class name)
      "22 s3:Upload =upload-bucket",    // v2's managed upload: the helper's operations
  };
  CHECK(summary(calls) == expected);
  CHECK(calls.notes.empty());
}

TEST_CASE("TypeScript: a parameter typed as an SDK client is one; the SDK's input types are not") {
  const auto calls = read_js_calls(data(), ts::Grammar::typescript, "sdk_typed.ts", fixture("sdk_typed.ts"));
  const std::set<std::string> expected{
      "6 s3:CopyObject =typed-bucket",
      "9 sns:Publish =arn:aws:sns:us-east-1:1:t",
  };
  CHECK(summary(calls) == expected);
  CHECK(calls.notes.empty());
}

TEST_CASE("Java SDK v2: typed fields and parameters, builders, paginators") {
  const auto calls = read_java_calls(data(), "SdkV2.java", fixture("SdkV2.java"));
  const std::set<std::string> expected{
      "16 s3:PutObject =reports",
      "17 s3:ListObjectsV2 =reports",
      "18 dynamodb:PutItem $TABLE_NAME",
  };
  CHECK(summary(calls) == expected);
}

TEST_CASE("action patterns match as IAM does") {
  CHECK(action_matches("s3:*", "s3:PutObject"));
  CHECK(action_matches("S3:get*", "s3:GetObject"));
  CHECK_FALSE(action_matches("s3:Get*", "s3:PutObject"));
  CHECK(action_matches("*", "dynamodb:PutItem"));
  CHECK_FALSE(action_matches("dynamodb:*", "s3:PutObject"));
  CHECK(action_matches("sqs:SendMessage*", "sqs:SendMessage"));
}

TEST_CASE("aws-sdk-cpp without headers: request types, namespaces, model headers, unqualified under a using") {
  const auto calls = read_cpp_calls(data(), "sdk_cpp.cpp", fixture("sdk_cpp.cpp"));
  const std::set<std::string> expected{
      "10 s3:PutObject =thumbs",
      "13 s3:GetObject =originals",
      "16 dynamodb:PutItem =photos",
      "29 dynamodb:Query =orders",  // unqualified under `using namespace Aws::DynamoDB::Model`
  };
  CHECK(summary(calls) == expected);
  CHECK(calls.notes.empty());
  const auto none = read_cpp_calls(data(), "not_aws.cpp", fixture("not_aws.cpp"));
  CHECK(none.calls.empty());
  CHECK(none.notes.empty());
}

TEST_CASE("imported clients: parameter keys round-trip, client names are not keys") {
  CHECK(parameter_key("store", 2) == "store(2)");
  const auto k = parse_parameter_key(parameter_key("store", 2));
  REQUIRE(k);
  CHECK(k->first == "store");
  CHECK(k->second == 2u);
  CHECK_FALSE(parse_parameter_key("s3"));
  CHECK_FALSE(parse_parameter_key("clients.s3"));
  CHECK_FALSE(parse_parameter_key("f(x)"));
  CHECK_FALSE(parse_parameter_key("f()"));
  CHECK_FALSE(parse_parameter_key("(1)"));
}
