#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "rulepack/model.hpp"
#include "scanning/deployment_roles.hpp"
#include "scanning/scan.hpp"
#include "support/shipped_pack.hpp"
#include "support/temp_tree.hpp"

using namespace lambdafit;
using lambdafit::testing::TempTree;

namespace {

// Walks `t`, assigns the shipped conventions, then the deployment marks.
struct Marked {
  ScanOutput out;
  explicit Marked(const TempTree& t) {
    ScanInput in;
    in.root = t.path();
    in.files = walk_workload(in.root, {}, out);
    const auto& pack = lambdafit::testing::shipped_pack().data();
    out.roles().assign(in.files, pack.roles, {});
    mark_deployment_roles(in, pack.deployed_by, out);
  }
  std::string role(std::string_view p) const { return std::string(to_string(out.roles().role_of(p))); }
  std::string source(std::string_view p) const { return out.roles().decision(p).source; }
  std::string notes() { return fmt::format("{}", fmt::join(out.summary().coverage_notes, "\n")); }
};

}  // namespace

TEST_CASE("deployment roles: a SAM CodeUri under examples/ makes that code deployed", "[roles][deployed_by]") {
  TempTree t;
  t.write("template.yaml",
          "Transform: AWS::Serverless-2016-10-31\n"
          "Resources:\n"
          "  Hello:\n"
          "    Type: AWS::Serverless::Function\n"
          "    Properties:\n"
          "      CodeUri: examples/hello/\n"
          "      Handler: app.handler\n");
  t.write("examples/hello/app.py", "def handler(e, c): return 1\n");
  t.write("examples/hello/tests/test_app.py", "def test(): pass\n");
  t.write("examples/hello/README.md", "# hi\n");
  t.write("examples/hello/4-invoke.sh", "aws lambda invoke\n");
  t.write("examples/other/main.py", "print(1)\n");
  Marked m(t);
  CHECK(m.role("examples/hello/app.py") == "deployed");
  CHECK(m.source("examples/hello/app.py") == "template.yaml:6:7");  // the CodeUri, the first to name it
  CHECK(m.role("examples/hello/tests/test_app.py") == "test");      // tests inside stay tests
  CHECK(m.role("examples/hello/README.md") == "docs");
  CHECK(m.role("examples/hello/4-invoke.sh") == "tooling");         // a helper by its name
  CHECK(m.role("examples/other/main.py") == "example");
  const auto marks = m.out.roles().marks();
  REQUIRE(marks.size() == 2);
  CHECK(marks[0].path == "examples/hello");
  CHECK(marks[0].source == "template.yaml:6:7");
  CHECK(marks[0].rule == "sam-code-uri");
  CHECK(marks[0].files == 4);
  CHECK(marks[0].changed == 1);
  CHECK(marks[1].rule == "sam-handler");
}

TEST_CASE("deployment roles: a handler relative to the Globals CodeUri, a file named outright",
          "[roles][deployed_by]") {
  TempTree t;
  t.write("template.yaml",
          "Globals:\n  Function:\n    CodeUri: samples/src\n"
          "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n"
          "      Handler: handlers/get.main\n");
  t.write("samples/src/handlers/get.js", "exports.main = async () => 1;\n");
  Marked m(t);
  CHECK(m.role("samples/src/handlers/get.js") == "deployed");
  CHECK(m.source("samples/src/handlers/get.js") == "template.yaml:3:5");  // the Globals CodeUri, first
}

TEST_CASE("deployment roles: computed values are noted, never guessed", "[roles][deployed_by]") {
  TempTree t;
  t.write("template.yaml",
          "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n"
          "      CodeUri: !Sub '${Dir}/fn'\n"
          "  Other:\n    Type: AWS::Serverless::Function\n    Properties:\n"
          "      CodeUri: !If [Prod, examples/a, examples/b]\n");
  t.write("examples/a/app.py", "x = 1\n");
  Marked m(t);
  CHECK(m.role("examples/a/app.py") == "example");
  const auto notes = m.notes();
  CHECK(notes.find("template.yaml:5:7: note: '!Sub ${Dir}/fn' is computed when deployed, not a literal path") !=
        std::string::npos);
  CHECK(notes.find("template.yaml:9:7: note: '!If") != std::string::npos);
  CHECK(notes.find("[deployed-by:sam-code-uri]") != std::string::npos);
}

TEST_CASE("deployment roles: paths out of the workload and from non-deployed files are ignored",
          "[roles][deployed_by]") {
  TempTree t;
  t.write("template.yaml",
          "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: ../elsewhere\n");
  // A template that is itself an example names nothing deployed.
  t.write("examples/demo/template.yaml",
          "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n");
  t.write("examples/demo/src/app.py", "x = 1\n");
  Marked m(t);
  CHECK(m.role("examples/demo/src/app.py") == "example");
  CHECK(m.out.roles().marks().empty());
}

TEST_CASE("deployment roles: serverless, Dockerfile, package.json and pyproject", "[roles][deployed_by]") {
  TempTree t;
  t.write("serverless.yml",
          "service: s\nfunctions:\n  a:\n    handler: demo/handler.run\n"
          "package:\n  patterns:\n    - '!examples/**'\n    - 'examples/keep/**'\n");
  t.write("demo/handler.js", "module.exports.run = async () => 1;\n");
  t.write("examples/keep/lib.js", "x\n");
  t.write("examples/other.js", "x\n");
  t.write("Dockerfile",
          "FROM python:3.12 AS build\nCOPY --from=builder /out /out\n"
          "COPY samples/worker/ /app/\nCMD [\"python\", \"devtools/serve.py\"]\n");
  t.write("samples/worker/w.py", "x\n");
  t.write("devtools/serve.py", "x\n");
  t.write("cli/package.json", "{\"name\": \"c\", \"main\": \"examples/index.js\", \"bin\": {\"c\": \"bin/c.js\"}}\n");
  t.write("cli/examples/index.js", "x\n");
  t.write("cli/bin/c.js", "x\n");
  t.write("pyproject.toml", "[project]\nname = \"p\"\n[project.scripts]\np = \"examples.tool.main:run\"\n");
  t.write("examples/tool/main.py", "def run(): pass\n");
  Marked m(t);
  CHECK(m.role("demo/handler.js") == "deployed");
  CHECK(m.source("demo/handler.js") == "serverless.yml:4:5");
  CHECK(m.role("examples/keep/lib.js") == "deployed");
  CHECK(m.source("examples/keep/lib.js") == "serverless.yml:8:7");
  CHECK(m.role("examples/other.js") == "example");  // '!' patterns name nothing
  CHECK(m.role("samples/worker/w.py") == "deployed");
  CHECK(m.source("samples/worker/w.py") == "Dockerfile:3:1");
  CHECK(m.role("devtools/serve.py") == "deployed");
  CHECK(m.role("cli/examples/index.js") == "deployed");
  CHECK(m.source("cli/examples/index.js") == "cli/package.json:1:15");
  CHECK(m.role("cli/bin/c.js") == "deployed");
  CHECK(m.role("examples/tool/main.py") == "deployed");
  CHECK(m.source("examples/tool/main.py") == "pyproject.toml:4:1");
}

TEST_CASE("deployment roles: rule-file errors name file, line and column", "[roles][deployed_by][loader]") {
  TempTree t;
  t.write("d.yaml",
          "deployed_by:\n"
          "  - id: x\n    document: yml\n    files: [a]\n    path: a\n    names: path\n"
          "  - id: y\n    document: yaml\n    files: [a]\n    path: a\n    names: hander\n"
          "  - id: z\n    document: yaml\n    files: [a]\n    path: a[\n    names: path\n    bse: x\n");
  const auto r = load_rule_pack({lambdafit::testing::shipped_rules_dir(), t.path()});
  REQUIRE_FALSE(r.ok());
  const std::string all = r.error_text();
  CHECK(all.find("d.yaml:3:15: error: unknown document type 'yml'; did you mean 'yaml'?") != std::string::npos);
  CHECK(all.find("d.yaml:11:12: error: 'names' is one of path, glob, handler, entry-point, copy, command, not "
                 "'hander'; did you mean 'handler'?") != std::string::npos);
  CHECK(all.find("d.yaml:17:5: error: unknown key 'bse' in a deployed_by rule; did you mean 'base'?") !=
        std::string::npos);
}

TEST_CASE("deployment roles: scripts Terraform runs while deploying are build, not deployed",
          "[roles][deployed_by]") {
  // The shape of terraform-aws-modules' Lambda module: an `external` data source and a
  // `local-exec` provisioner run a packaging script beside the .tf file.
  TempTree t;
  t.write("package.tf",
          "data \"external\" \"prepare\" {\n"
          "  program = [local.python, \"${path.module}/package.py\", \"prepare\"]\n"
          "}\n"
          "resource \"null_resource\" \"archive\" {\n"
          "  provisioner \"local-exec\" {\n"
          "    interpreter = [\n"
          "      local.python, \"${path.module}/tools/zip.py\", \"build\",\n"
          "      # the plan's file, computed by the data source\n"
          "      \"--timestamp\", data.external.prepare.result.timestamp\n"
          "    ]\n"
          "    command = \"sh ${path.module}/upload.sh\"\n"
          "  }\n"
          "}\n");
  t.write("package.py", "import threading\n");
  t.write("tools/zip.py", "import zipfile\n");
  t.write("upload.sh", "aws s3 cp x y\n");
  t.write("handler.py", "def handler(e, c): return 1\n");
  t.write("unrelated.py", "x = 1\n");
  Marked m(t);
  CHECK(m.role("package.py") == "build");
  CHECK(m.source("package.py") == "package.tf:2:3");
  CHECK(m.role("tools/zip.py") == "build");
  CHECK(m.role("upload.sh") == "build");
  CHECK(m.role("handler.py") == "deployed");
  CHECK(m.role("unrelated.py") == "deployed");
  const auto marks = m.out.roles().marks();
  REQUIRE(marks.size() == 3);
  for (const auto& mk : marks) {
    CHECK(mk.role == FileRole::build);
    CHECK(mk.rule == "terraform-build-program");
    CHECK(mk.changed == 1);
  }
  // References are noted, never guessed.
  CHECK(m.notes().find("package.tf:2:3: note: 'local.python' is computed when deployed") != std::string::npos);
}

TEST_CASE("deployment roles: a build program that also ships stays deployed", "[roles][deployed_by]") {
  TempTree t;
  t.write("main.tf",
          "data \"external\" \"x\" {\n  program = [\"python3\", \"src/app.py\"]\n}\n");
  t.write("template.yaml",
          "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n"
          "      CodeUri: src/\n      Handler: app.handler\n");
  t.write("src/app.py", "def handler(e, c): return 1\n");
  Marked m(t);
  CHECK(m.role("src/app.py") == "deployed");
  CHECK(m.out.roles().decision("src/app.py").source.rfind("template.yaml", 0) == 0);
}

TEST_CASE("deployment roles: 'role: build' needs 'names: command'", "[roles][deployed_by][loader]") {
  TempTree t;
  t.write("d.yaml",
          "deployed_by:\n"
          "  - id: x\n    document: hcl\n    files: ['**/*.tf']\n    path: a\n    names: path\n    role: build\n"
          "  - id: y\n    document: hcl\n    files: ['**/*.tf']\n    path: a\n    names: command\n    role: tooling\n");
  const auto r = load_rule_pack({lambdafit::testing::shipped_rules_dir(), t.path()});
  REQUIRE_FALSE(r.ok());
  const std::string all = r.error_text();
  CHECK(all.find("d.yaml:7:11: error: 'role' is 'deployed' (the default), or 'build' with 'names: command', not "
                 "'build' with 'names: path'") != std::string::npos);
  CHECK(all.find("d.yaml:13:11: error: 'role' is 'deployed'") != std::string::npos);
}
