// Terraform local modules: functions declared in a module a folder calls with a local source,
// its inputs bound from the call, its outputs read where the caller uses them, and the calls
// that are not followed; on the golden fixture tests/fixtures/workloads/tf-modules.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "support/permission_data.hpp"
#include "permissions/policy.hpp"
#include "support/temp_tree.hpp"

using namespace lambdafit::permissions;
namespace fs = std::filesystem;

namespace {

const std::string kFixture = std::string(LAMBDAFIT_TEST_SOURCE_DIR) + "/tests/fixtures/workloads/tf-modules";

const FunctionPolicy* function(const PermissionsResult& r, const std::string& name) {
  for (const auto& f : r.functions)
    if (f.name == name) return &f;
  return nullptr;
}

std::vector<std::string> grants_of(const FunctionPolicy& f) {
  std::vector<std::string> out;
  for (const auto& g : f.granted)
    if (g.source != "AmazonS3ReadOnlyAccess")
      out.push_back(g.action + " on " + g.resource + " from " + g.source + " at " + g.file + ":" + std::to_string(g.line));
  std::sort(out.begin(), out.end());
  return out;
}

bool noted(const PermissionsResult& r, const std::string& file, int line, const std::string& text) {
  return std::any_of(r.notes.begin(), r.notes.end(), [&](const CallNote& n) {
    return n.file == file && n.line == line && n.message.find(text) != std::string::npos;
  });
}

}  // namespace

TEST_CASE("terraform modules: functions of local modules, named by their module address") {
  const auto r = analyze_permissions(kFixture, lambdafit::testing::permission_data());
  CHECK(r.errors.empty());
  std::vector<std::string> names;
  for (const auto& f : r.functions) names.push_back(f.name);
  CHECK(names == std::vector<std::string>{"module.api.aws_lambda_function.this", "module.worker.aws_lambda_function.this",
                                          "module.odd.aws_lambda_function.this"});
  // negative: the module folders are not read again on their own (var.handler unknown)
  CHECK(function(r, "aws_lambda_function.this") == nullptr);
}

TEST_CASE("terraform modules: inputs bound from the call, the role passed in") {
  const auto r = analyze_permissions(kFixture, lambdafit::testing::permission_data());
  const auto* api = function(r, "module.api.aws_lambda_function.this");
  REQUIRE(api);
  CHECK(api->handler == "api.handler");  // var.handler = "api.handler"
  CHECK(api->template_file == "modules/fn/main.tf");
  CHECK(api->code_uri == "modules/fn/src");  // ${path.module} is the module's folder
  CHECK(api->files == std::vector<std::string>{"modules/fn/src/api.py"});
  CHECK(api->used_actions == std::vector<std::string>{"s3:GetObject"});
  REQUIRE(api->grants_known);
  // role = var.role_arn -> aws_iam_role.api of the root, and the policy attached to it there
  CHECK(grants_of(*api) == std::vector<std::string>{
                               "s3:DeleteObject on ${aws_s3_bucket.uploads.arn}/* from data.aws_iam_policy_document.api at main.tf:42",
                               "s3:GetObject on ${aws_s3_bucket.uploads.arn}/* from data.aws_iam_policy_document.api at main.tf:38",
                           });
  // BUCKET = var.bucket = aws_s3_bucket.uploads.bucket: the call's resource is the granted one
  CHECK(api->missing.empty());
  CHECK(api->unused == std::vector<std::string>{"s3:DeleteObject"});
}

TEST_CASE("terraform modules: the module's own role, and a policy the caller attaches to its output") {
  const auto r = analyze_permissions(kFixture, lambdafit::testing::permission_data());
  const auto* w = function(r, "module.worker.aws_lambda_function.this");
  REQUIRE(w);
  CHECK(w->handler == "worker.handler");
  CHECK(w->used_actions == std::vector<std::string>{"dynamodb:DeleteItem", "dynamodb:PutItem", "s3:GetObject", "sqs:SendMessage"});
  REQUIRE(w->grants_known);
  CHECK(grants_of(*w) == std::vector<std::string>{
                             "dynamodb:PutItem on ${aws_dynamodb_table.jobs.arn} from module.worker.data.aws_iam_policy_document.table "
                             "at modules/worker/main.tf:30",
                             "dynamodb:Scan on ${aws_dynamodb_table.jobs.arn} from module.worker.data.aws_iam_policy_document.table "
                             "at modules/worker/main.tf:31",
                             // the module's own queue, named with the module's address
                             "sqs:SendMessage on ${module.worker.aws_sqs_queue.failed.arn} from "
                             "module.worker.data.aws_iam_policy_document.queue at modules/worker/main.tf:44",
                         });
  // role = module.worker.role_name in the root: the managed policy reaches the module's role
  const bool reads = std::any_of(w->granted.begin(), w->granted.end(), [](const Grant& g) {
    return g.source == "AmazonS3ReadOnlyAccess" && g.file == "main.tf" && g.line == 71;
  });
  CHECK(reads);
  // only PutItem and Scan on the table; SendMessage to FAILED = aws_sqs_queue.failed.url is
  // granted on the module's queue
  CHECK(w->missing == std::vector<std::string>{"dynamodb:DeleteItem"});
  REQUIRE(w->not_granted.size() == 1);
  CHECK(w->not_granted[0].resource.value ==
        "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${aws_dynamodb_table.jobs}");
  REQUIRE(w->not_granted[0].calls.size() == 1);
  CHECK(w->not_granted[0].calls[0].file == "modules/worker/src/worker.py");
  CHECK(w->not_granted[0].calls[0].line == 16);
  CHECK(std::find(w->unused.begin(), w->unused.end(), "dynamodb:Scan") != w->unused.end());
}

TEST_CASE("terraform modules: what is not followed is noted") {
  const auto r = analyze_permissions(kFixture, lambdafit::testing::permission_data());
  const auto* odd = function(r, "module.odd.aws_lambda_function.this");
  REQUIRE(odd);
  CHECK(odd->handler.empty());  // lower("API.handler") is not bound
  CHECK(std::any_of(odd->notes.begin(), odd->notes.end(), [](const std::string& n) {
    return n.rfind("main.tf:80:", 0) == 0 && n.find("module input 'handler' is not a literal or a simple reference") != std::string::npos;
  }));
  CHECK(noted(r, "main.tf", 86, "the remote source 'terraform-aws-modules/lambda/aws' is not followed"));
  CHECK(noted(r, "main.tf", 91, "a source outside the workload '../../shared/fn' is not followed"));
  CHECK(noted(r, "modules/loop/main.tf", 4, "calls itself (a cycle)"));
}

TEST_CASE("terraform modules: a module folder reached through a link is not followed") {
  const fs::path dir = fs::temp_directory_path() / "lambdafit-tf-link";
  fs::remove_all(dir);
  fs::create_directories(dir / "real");
  {
    std::ofstream(dir / "main.tf") << "module \"fn\" {\n  source  = \"./linked\"\n  handler = \"app.handler\"\n}\n";
    std::ofstream(dir / "real" / "main.tf") << "variable \"handler\" {}\nresource \"aws_lambda_function\" \"f\" {\n"
                                               "  handler = var.handler\n  role = aws_iam_role.r.arn\n}\n";
  }
  std::error_code ec;
  fs::create_directory_symlink(dir / "real", dir / "linked", ec);
  if (ec) {
    WARN("no symlinks here: " << ec.message());
    return;
  }
  const auto r = analyze_permissions(dir.string(), lambdafit::testing::permission_data());
  CHECK(noted(r, "main.tf", 2, "'./linked' is a link; not followed"));
  // the real folder, called by nothing that is followed, is read on its own
  for (const auto& f : r.functions) CHECK(f.name.rfind("module.", 0) != 0);
  fs::remove_all(dir);
}

TEST_CASE("terraform modules: an example calling the workload's root module follows it") {
  // terraform-aws-modules repositories: examples/<name>/main.tf calls `source = "../../"`,
  // which is the workload's own root when the repository is assessed; it was taken for a
  // source outside the workload.
  lambdafit::testing::TempTree t;
  t.write("main.tf", "variable \"handler\" {}\nresource \"aws_lambda_function\" \"this\" {\n"
                     "  handler = var.handler\n  role = aws_iam_role.r.arn\n}\n");
  t.write("examples/simple/main.tf", "module \"fn\" {\n  source  = \"../../\"\n  handler = \"index.handler\"\n}\n");
  const auto r = analyze_permissions(t.path(), lambdafit::testing::permission_data());
  const auto* called = function(r, "module.fn.aws_lambda_function.this");
  REQUIRE(called);
  CHECK(called->handler == "index.handler");
  CHECK_FALSE(noted(r, "examples/simple/main.tf", 2, "outside the workload"));
  CHECK(function(r, "aws_lambda_function.this"));  // the root is still read on its own
}

TEST_CASE("terraform modules: locals and attributes of objects are followed to the resources they name") {
  const auto r = analyze_permissions(std::string(LAMBDAFIT_TEST_SOURCE_DIR) + "/tests/fixtures/workloads/tf-locals",
                                     lambdafit::testing::permission_data());
  CHECK(r.errors.empty());
  const auto* f = function(r, "module.orders.aws_lambda_function.this");
  REQUIRE(f);
  CHECK(f->handler == "app.handler");  // var.settings.handler, an attribute of the call's object
  CHECK(f->used_actions == std::vector<std::string>{"dynamodb:GetItem", "s3:PutObject"});
  // TABLE = local.env.TABLE = var.settings.table = local.tables.orders.name (the root's local)
  // = aws_dynamodb_table.orders.name: the calls' resources are the root's table and bucket
  REQUIRE(f->statements.size() == 2);
  CHECK(f->statements[0].resources == std::vector<ResourceRef>{
                                          {"arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/"
                                           "${aws_dynamodb_table.orders}", true}});
  CHECK(f->statements[1].resources ==
        std::vector<ResourceRef>{{"arn:${AWS::Partition}:s3:::${aws_s3_bucket.reports}/*", true}});
  // role = local.role_arn = aws_iam_role.this.arn; the document's resources through
  // var.settings.table_arn and "${var.settings.bucket.arn}/*" (bucket = aws_s3_bucket.reports)
  REQUIRE(f->grants_known);
  std::vector<std::string> grants;
  for (const auto& g : f->granted) grants.push_back(g.action + " on " + g.resource);
  std::sort(grants.begin(), grants.end());
  CHECK(grants == std::vector<std::string>{
                      "dynamodb:DeleteItem on ${aws_dynamodb_table.orders.arn}",
                      "dynamodb:GetItem on ${aws_dynamodb_table.orders.arn}",
                      "s3:PutObject on ${aws_s3_bucket.reports.arn}/*",
                      // negative: an attribute the object does not have stays a reference
                      "sqs:SendMessage on ${var.settings.queue}",
                  });
  CHECK(f->missing.empty());
  CHECK(f->unused == std::vector<std::string>{"dynamodb:DeleteItem", "sqs:SendMessage"});
}

TEST_CASE("terraform modules: locals that name each other's attributes end, unresolved") {
  // Each hop could nest another resolution; one step budget per reference bounds them all.
  lambdafit::testing::TempTree t;
  t.write("main.tf",
          "locals {\n  a = local.a.x\n  b = { x = local.c.y }\n  c = { y = local.b.x }\n}\n"
          "resource \"aws_iam_role\" \"r\" {\n  name = \"r\"\n}\n"
          "resource \"aws_lambda_function\" \"f\" {\n  handler = local.a.y.z\n  role = aws_iam_role.r.arn\n"
          "  environment {\n    variables = {\n      T = local.b.x\n    }\n  }\n}\n");
  t.write("app.py", "import os, boto3\nboto3.client('s3').put_object(Bucket=os.environ['T'])\n");
  const auto r = analyze_permissions(t.path(), lambdafit::testing::permission_data());
  CHECK(r.errors.empty());
  const auto* f = function(r, "aws_lambda_function.f");
  REQUIRE(f);
  CHECK(f->handler.empty());
  CHECK(f->used_actions == std::vector<std::string>{"s3:PutObject"});
}

TEST_CASE("terraform: an instance of a counted resource ([0], [\"key\"], [count.index]) stands for the resource") {
  lambdafit::testing::TempTree t;
  t.write("main.tf",
          "resource \"aws_iam_role\" \"this\" {\n"
          "  count = var.create_role ? 1 : 0\n"
          "  name  = \"fn\"\n"
          "}\n"
          "resource \"aws_iam_role_policy\" \"inline\" {\n"
          "  count = var.create_role ? 1 : 0\n"
          "  role  = aws_iam_role.this[count.index].id\n"
          "  policy = jsonencode({ Statement = [{ Effect = \"Allow\", Action = [\"s3:GetObject\"], Resource = \"*\" }] })\n"
          "}\n"
          "resource \"aws_lambda_function\" \"fn\" {\n"
          "  function_name = \"fn\"\n"
          "  filename      = \"fn.zip\"\n"
          "  handler       = \"app.handler\"\n"
          "  runtime       = \"python3.12\"\n"
          "  role          = aws_iam_role.this[0].arn\n"
          "}\n"
          "resource \"aws_lambda_function\" \"other\" {\n"
          "  function_name = \"other\"\n"
          "  filename      = \"fn.zip\"\n"
          "  handler       = \"app.handler\"\n"
          "  runtime       = \"python3.12\"\n"
          "  role          = aws_iam_role.this[var.which].arn  # which instance is not known\n"
          "}\n");
  t.write("app.py", "import boto3\ndef handler(e, c):\n    boto3.client('s3').get_object(Bucket='b', Key='k')\n");
  const auto r = analyze_permissions(t.path(), lambdafit::testing::permission_data());
  const auto* fn = function(r, "aws_lambda_function.fn");
  REQUIRE(fn);
  CHECK(fn->grants_known);
  CHECK(fn->missing.empty());  // the counted role's inline policy grants s3:GetObject
  CHECK(fn->used_actions == std::vector<std::string>{"s3:GetObject"});
  const auto* other = function(r, "aws_lambda_function.other");
  REQUIRE(other);
  CHECK_FALSE(other->grants_known);
}
