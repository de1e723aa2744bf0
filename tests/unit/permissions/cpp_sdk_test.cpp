// aws-sdk-cpp calls through a parse with the SDK's headers (the workload cpp-sdk carries a
// stand-in for them, named by its compile_flags.txt), and the same code read from its text when
// the headers are not there.
#include <algorithm>
#include <filesystem>
#include <set>
#include <string>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "permissions/policy.hpp"
#include "permissions/sdk_calls.hpp"
#include "permissions/workload.hpp"
#include "scanning/clang/engine.hpp"
#include "scanning/scan.hpp"
#include "support/permission_data.hpp"
#include "support/temp_tree.hpp"

using namespace lambdafit;
using namespace lambdafit::permissions;

namespace {

namespace fs = std::filesystem;

const std::string kWorkload = std::string(LAMBDAFIT_TEST_SOURCE_DIR) + "/tests/fixtures/workloads/cpp-sdk";

/// "file:line service:Operation =literal" per call of the workload's one policy.
std::set<std::string> calls_of(const PermissionsResult& r) {
  std::set<std::string> out;
  for (const auto& f : r.functions)
    for (const auto& c : f.calls)
      out.insert(fmt::format("{}:{} {}:{}{}{}", c.file, c.line, c.service, c.operation,
                             c.resource_literal.empty() ? "" : " =" + c.resource_literal,
                             c.resource_env.empty() ? "" : " $" + c.resource_env));
  return out;
}

cpp::SdkCalls parse(const std::string& root, std::vector<std::string>& notes) {
  ScanInput in;
  in.root = root;
  ScanOutput walked;
  in.files = walk_workload(in.root, {}, walked);
  in.isolation = Isolation::threads;  // the test binary has Clang
  return cpp::parse_sdk_calls(in, {std::string(LAMBDAFIT_TEST_SOURCE_DIR) + "/rules"}, notes);
}

bool noted(const PermissionsResult& r, const std::string& file, const std::string& text) {
  return std::any_of(r.notes.begin(), r.notes.end(), [&](const CallNote& n) {
    return n.file == file && n.message.find(text) != std::string::npos;
  });
}

}  // namespace

TEST_CASE("aws-sdk-cpp with the SDK's headers: calls resolved through the client's class") {
  std::vector<std::string> notes;
  const auto sdk = parse(kWorkload, notes);
  INFO(fmt::format("{}", fmt::join(notes, "\n")));
  // The unit parsed cleanly with the flags of the workload's compile_flags.txt.
  CHECK(notes == std::vector<std::string>{"C/C++: compile commands from the compile database in the workload root"});
  REQUIRE(sdk.parsed);
  CHECK(sdk.files.count("src/handler.cpp"));
  CHECK(sdk.files.count("src/storage.h"));  // included by a unit whose SDK includes all resolved
  PermissionsOptions o;
  o.cpp = &sdk;
  o.counts = [](std::string_view rel) { return rel.rfind("third_party/", 0) != 0; };
  const auto r = analyze_permissions(kWorkload, lambdafit::testing::permission_data(), o);
  CHECK(r.errors.empty());
  const std::set<std::string> expected{
      "src/handler.cpp:21 s3:PutObject =thumbs",
      "src/handler.cpp:24 s3:GetObject =originals",  // the request type comes from a macro
      "src/handler.cpp:26 dynamodb:PutItem =photos",  // a chain of With… on a temporary
      "src/handler.cpp:31 s3:PutObject =thumbs",      // PutObjectAsync, the same request
      "src/handler.cpp:40 s3:ListObjectsV2",          // the request through a type alias
      "src/handler.cpp:49 s3:PutObject $ARCHIVE_BUCKET",  // std::getenv through a variable
  };
  CHECK(calls_of(r) == expected);
  REQUIRE(r.functions.size() == 1);
  CHECK(r.functions[0].used_actions ==
        std::vector<std::string>{"dynamodb:PutItem", "s3:GetObject", "s3:ListBucket", "s3:PutObject"});
  // Not calls: mine::S3Client::PutObject, Storage::PutItem, a DeleteObjectRequest that is only
  // a parameter's type, GeneratePresignedUrl (a client member that is no operation).
  CHECK(r.notes.empty());
}

TEST_CASE("aws-sdk-cpp without the SDK's headers: the request type names, and a note saying so") {
  testing::TempTree t;
  for (const char* f : {"compile_flags.txt", "src/handler.cpp", "src/storage.h"}) {
    fs::create_directories((fs::path(t.path()) / f).parent_path());
    fs::copy_file(fs::path(kWorkload) / f, fs::path(t.path()) / f);
  }
  std::vector<std::string> notes;
  const auto sdk = parse(t.path(), notes);
  REQUIRE(sdk.parsed);
  CHECK(sdk.files.empty());  // <aws/…> includes did not resolve
  CHECK(sdk.sites.empty());
  PermissionsOptions o;
  o.cpp = &sdk;
  const auto r = analyze_permissions(t.path(), lambdafit::testing::permission_data(), o);
  // What the text shows: the macro's GetObject is missed, and the parameter type of
  // mine::describe reads as a DeleteObject call: the reason the parse is preferred.
  const std::set<std::string> expected{
      "src/handler.cpp:19 s3:PutObject =thumbs",
      "src/handler.cpp:26 dynamodb:PutItem =photos",
      "src/handler.cpp:35 s3:ListObjectsV2",
      "src/handler.cpp:47 s3:PutObject",
      "src/storage.h:23 s3:DeleteObject",
  };
  CHECK(calls_of(r) == expected);
  CHECK(noted(r, "src/handler.cpp", "no parse of this file found the SDK's headers"));
  CHECK(noted(r, "src/storage.h", "no parse of this file found the SDK's headers"));
  // With no parse at all (no SDK calls structure given), the same calls and no such note.
  const auto plain = analyze_permissions(t.path(), lambdafit::testing::permission_data());
  CHECK(calls_of(plain) == expected);
  CHECK(plain.notes.empty());
}

TEST_CASE("aws-sdk-cpp parse sites: operations, suffixes, literals and what is not a call") {
  const auto& d = lambdafit::testing::permission_data();
  std::vector<cpp::SdkSite> sites{
      {"a.cpp", 3, 5, "S3", "PutObject", "PutObjectRequest", {{"Key", "k"}, {"Bucket", "b"}}, {{"Bucket", "B"}}},
      {"a.cpp", 9, 5, "DynamoDB", "GetItem", "GetItemRequest", {}, {{"TableName", "TABLE"}, {"Key", "K"}}},
      {"a.cpp", 4, 5, "S3", "GetObjectAsync", "GetObjectRequest", {}},
      {"a.cpp", 5, 5, "SQS", "SendMessageCallable", "SendMessageRequest", {{"QueueUrl", "https://q/x"}}},
      {"a.cpp", 6, 5, "S3", "GeneratePresignedUrl", "", {}},        // a member, not an operation
      {"a.cpp", 7, 5, "S3", "Frobnicate", "FrobnicateRequest", {}},  // given a request: noted
      {"a.cpp", 8, 5, "Nowhere", "PutThing", "PutThingRequest", {}},  // a namespace not in the data
      {"a.cpp", 3, 5, "S3", "PutObject", "PutObjectRequest", {}},     // the same call again (another unit)
  };
  const auto calls = cpp_calls_from_parse(d, "a.cpp", sites);
  std::set<std::string> got;
  for (const auto& c : calls.calls)
    got.insert(fmt::format("{} {}:{} {} {}{}", c.line, c.service, c.operation, c.sdk, c.resource_literal,
                           c.resource_env.empty() ? "" : "$" + c.resource_env));
  // A literal wins over an environment variable given to the same parameter.
  CHECK(got == std::set<std::string>{"3 s3:PutObject aws-sdk-cpp b", "4 s3:GetObject aws-sdk-cpp ",
                                     "5 sqs:SendMessage aws-sdk-cpp https://q/x", "9 dynamodb:GetItem aws-sdk-cpp $TABLE"});
  REQUIRE(calls.notes.size() == 2);
  CHECK(calls.notes[0].line == 7);
  CHECK(calls.notes[0].message.find("'Frobnicate' is not an operation of s3") != std::string::npos);
  CHECK(calls.notes[1].line == 8);
  CHECK(calls.notes[1].message.find("Aws::Nowhere") != std::string::npos);
}

TEST_CASE("C++ functions reach the headers their sources include, wherever they are in the workload") {
  CHECK(quoted_includes("#include \"a.h\"\n  #  include \"dir/b.h\" // why\n#include <aws/s3/S3Client.h>\n"
                        "// #include \"commented.h\"\n#include \"\"\n#include \"unclosed.h\n") ==
        std::vector<std::string>{"a.h", "dir/b.h"});
  testing::TempTree t;
  t.write("template.yaml",
          "AWSTemplateFormatVersion: '2010-09-09'\n"
          "Transform: AWS::Serverless-2016-10-31\n"
          "Globals:\n  Function:\n    Runtime: provided.al2023\n    Handler: bootstrap\n"
          "Resources:\n"
          "  Writer:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: functions/writer/\n"
          "  Reader:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: functions/reader/\n");
  t.write("common/include/storage.h",
          "#pragma once\n"
          "#include <aws/s3/S3Client.h>\n"
          "#include \"detail.h\"\n"
          "inline void store(const Aws::S3::S3Client& s3) {\n"
          "  Aws::S3::Model::PutObjectRequest put;\n"
          "  put.SetBucket(\"archive\");\n"
          "  s3.PutObject(put);\n"
          "}\n");
  t.write("common/include/detail.h", "#pragma once\ninline void touch(const Aws::S3::Model::HeadObjectRequest&);\n");
  t.write("functions/writer/main.cpp", "#include \"storage.h\"\nint main() { return 0; }\n");
  t.write("functions/reader/main.cpp",
          "#include <aws/dynamodb/DynamoDBClient.h>\n"
          "int main() { Aws::DynamoDB::Model::GetItemRequest get; get.SetTableName(\"t\"); return 0; }\n");
  const auto r = analyze_permissions(t.path(), lambdafit::testing::permission_data());
  REQUIRE(r.functions.size() == 2);
  const auto& reader = r.functions[0].name == "Reader" ? r.functions[0] : r.functions[1];
  const auto& writer = r.functions[0].name == "Writer" ? r.functions[0] : r.functions[1];
  // storage.h is found in common/include/ (a folder above the source, and its include/), and
  // detail.h beside it; the reader includes neither.
  CHECK(writer.files == std::vector<std::string>{"common/include/detail.h", "common/include/storage.h",
                                                 "functions/writer/main.cpp"});
  CHECK(writer.used_actions == std::vector<std::string>{"s3:GetObject", "s3:PutObject"});
  CHECK(reader.files == std::vector<std::string>{"functions/reader/main.cpp"});
  CHECK(reader.used_actions == std::vector<std::string>{"dynamodb:GetItem"});
}

TEST_CASE("aws-sdk-cpp: with nothing to parse (headers only), the text is read and the note says why") {
  testing::TempTree t;
  t.write("include/store.h",
          "#pragma once\n#include <aws/s3/S3Client.h>\n"
          "inline void put(const Aws::S3::S3Client& c) { Aws::S3::Model::PutObjectRequest r; c.PutObject(r); }\n");
  const auto r = analyze_workload({std::string(LAMBDAFIT_TEST_SOURCE_DIR) + "/rules"}, t.path());
  CHECK(calls_of(r) == std::set<std::string>{"include/store.h:3 s3:PutObject"});
  CHECK(noted(r, "include/store.h", "C/C++ was not parsed; aws-sdk-cpp calls are read from the request type names"));
}
