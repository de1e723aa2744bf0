#include <catch2/catch.hpp>

#include "rulepack/model.hpp"
#include "scanning/detector_kind.hpp"
#include "scanning/roles.hpp"
#include "support/shipped_pack.hpp"
#include "support/temp_tree.hpp"

using namespace lambdafit;
using lambdafit::testing::TempTree;

namespace {

const std::vector<RoleRule>& conventions() { return lambdafit::testing::shipped_pack().data().roles; }

FileRole role(std::string_view path) { return convention_role(conventions(), path).role; }

std::vector<WorkloadFile> files_of(std::initializer_list<const char*> paths) {
  std::vector<WorkloadFile> out;
  for (const char* p : paths) out.push_back(WorkloadFile{p, {}, 1});
  return out;
}

}  // namespace

TEST_CASE("roles: the shipped conventions", "[roles]") {
  const std::pair<const char*, FileRole> cases[] = {
      {"app.py", FileRole::deployed},
      {"hello_world/app.py", FileRole::deployed},
      {"scripts/install.sh", FileRole::deployed},  // host setup scripts stay in view
      {"Dockerfile", FileRole::deployed},
      {"requirements.txt", FileRole::deployed},
      {"tests/unit/test_handler.py", FileRole::test},
      {"pkg/test_util.py", FileRole::test},
      {"pkg/util_test.py", FileRole::test},
      {"conftest.py", FileRole::test},
      {"server/handler_test.go", FileRole::test},
      {"web/src/__tests__/app.js", FileRole::test},
      {"web/src/app.spec.ts", FileRole::test},
      {"web/src/app.test.js", FileRole::test},
      {"spec/models/user_spec.rb", FileRole::test},
      {"roles/web/molecule/default/converge.yml", FileRole::test},
      {"src/test/java/org/example/AppTest.java", FileRole::test},
      {"examples/local_server.py", FileRole::example},
      {"samples/demo.js", FileRole::example},
      {".devcontainer/Dockerfile", FileRole::tooling},
      {"devtools/Dockerfile.dev", FileRole::tooling},
      {".github/workflows/ci.yml", FileRole::tooling},
      {".gitlab-ci.yml", FileRole::tooling},
      {"invoke.sh", FileRole::tooling},
      {"4-invoke.sh", FileRole::tooling},
      {"3-deploy.sh", FileRole::tooling},
      {"build-layer.sh", FileRole::build},
      {"2-build-layer.sh", FileRole::build},
      {"layer-numpy/1-install.sh", FileRole::build},
      {"app/layer/2-package.sh", FileRole::build},
      {"0-run-tests.sh", FileRole::test},
      {"function/lambda_function.test.py", FileRole::test},
      {"Makefile", FileRole::build},
      {"CMakeLists.txt", FileRole::build},
      {"pom.xml", FileRole::build},
      {"docs/guide.html", FileRole::docs},
      {"README.md", FileRole::docs},
      {"vendor/lib/tests/test_a.py", FileRole::vendored},  // the outermost directory decides
      {"web/x.min.js", FileRole::vendored},
      // A Java package folder named example or samples is code, not an example.
      {"src/main/java/org/example/OrderHandler.java", FileRole::deployed},
      {"orders/src/main/java/com/amazonaws/samples/App.java", FileRole::deployed},
      {"examples/src/main/java/org/x/App.java", FileRole::example},
  };
  for (const auto& [path, expected] : cases) {
    INFO(path);
    CHECK(to_string(role(path)) == to_string(expected));
  }
  const auto d = convention_role(conventions(), "tests/unit/test_handler.py");
  CHECK(d.where == "tests/");
  CHECK(d.source.find("rules/roles/common.yaml:") != std::string::npos);
  CHECK(convention_role(conventions(), "app.py").where.empty());
}

TEST_CASE("roles: manifest globs win over conventions", "[roles]") {
  RoleMap m;
  const std::vector<RoleGlob> overrides{{FileRole::deployed, "examples/server", {"lambdafit.yaml", 3, 5}},
                                        {FileRole::tooling, "ops/*.sh", {"lambdafit.yaml", 4, 5}}};
  m.assign(files_of({"examples/server/main.py", "examples/other.py", "ops/run.sh", "app.py"}), conventions(),
           overrides);
  CHECK(m.role_of("examples/server/main.py") == FileRole::deployed);
  CHECK(m.decision("examples/server/main.py").source == "lambdafit.yaml:3:5");
  CHECK(m.role_of("examples/other.py") == FileRole::example);
  CHECK(m.role_of("ops/run.sh") == FileRole::tooling);
  CHECK(m.role_of("app.py") == FileRole::deployed);
  CHECK(m.role_of("not/walked.py") == FileRole::deployed);
  const auto counts = m.counts();
  CHECK(counts.size() == all_file_roles().size());
  CHECK(counts.at(FileRole::deployed) == 2);
  CHECK(counts.at(FileRole::example) == 1);
  CHECK(counts.at(FileRole::tooling) == 1);
  CHECK(counts.at(FileRole::test) == 0);
}

TEST_CASE("roles: a descriptor marks its code deployed, but not tests or manifest choices", "[roles]") {
  RoleMap m;
  m.assign(files_of({"fn/examples/handler.py", "fn/tests/test_a.py", "fn/keep.py", "other/examples/x.py"}),
           conventions(), {{FileRole::tooling, "fn/keep.py", {"lambdafit.yaml", 2, 3}}});
  CHECK(m.role_of("fn/examples/handler.py") == FileRole::example);
  m.mark_deployed("fn/", "template.yaml:9:7");
  CHECK(m.role_of("fn/examples/handler.py") == FileRole::deployed);
  CHECK(m.decision("fn/examples/handler.py").source == "template.yaml:9:7");
  CHECK(m.role_of("fn/tests/test_a.py") == FileRole::test);
  CHECK(m.role_of("fn/keep.py") == FileRole::tooling);
  CHECK(m.role_of("other/examples/x.py") == FileRole::example);
}

TEST_CASE("roles: rule-file errors name file, line and column", "[roles][loader]") {
  TempTree t;
  t.write("roles.yaml", "roles:\n  - role: tset\n    dirs: [qa]\n  - role: docs\n    dir: [notes]\n"
                        "  - role: example\n");
  t.write("facts.yaml", "facts:\n  - id: x.fact\n    roles: [deployed, biuld]\n");
  const auto r = load_rule_pack({lambdafit::testing::shipped_rules_dir(), t.path()});
  REQUIRE_FALSE(r.ok());
  const std::string all = r.error_text();
  CHECK(all.find("roles.yaml:2:11: error: unknown role 'tset'; did you mean 'test'?") != std::string::npos);
  CHECK(all.find("roles.yaml:5:5: error: unknown key 'dir' in a role convention; did you mean 'dirs'?") !=
        std::string::npos);
  CHECK(all.find("roles.yaml:6:5: error: a role convention needs 'dirs' or 'files'") != std::string::npos);
  CHECK(all.find("facts.yaml:3:23: error: unknown role 'biuld'; did you mean 'build'?") != std::string::npos);
}

TEST_CASE("roles: facts count deployed evidence unless they say otherwise", "[roles][loader]") {
  const auto& data = lambdafit::testing::shipped_pack().data();
  CHECK(data.fact("os.changes_settings")->counted_roles == std::vector<FileRole>{FileRole::deployed});
  CHECK(data.fact("deps.cross_project")->counts(FileRole::build));
  CHECK_FALSE(data.fact("deps.cross_project")->counts(FileRole::test));
  CHECK(data.fact("ssh.routine_access")->counts(FileRole::tooling));
  CHECK_FALSE(data.fact("setup.dependency_count")->counts(FileRole::build));
}

TEST_CASE("roles: the build stages of a multi-stage Dockerfile", "[roles]") {
  CHECK(final_stage_line("FROM python:3.12\nRUN pip install x\n") == 0);
  CHECK(final_stage_line("FROM golang:1.22 AS build\nRUN go build ./...\n\n  from gcr.io/distroless/base\n"
                         "COPY --from=build /app /app\n") == 4);
  CHECK(final_stage_line("") == 0);
  CHECK(final_stage_line("# FROM a\nFROMAGE b\n") == 0);
}

TEST_CASE("roles: install steps in a Dockerfile build stage are build evidence", "[roles]") {
  TempTree t;
  t.write("Dockerfile", "FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\n"
                        "RUN make\nFROM debian:12-slim\nRUN apt-get update && apt-get install -y libssl3\n");
  ScanOutput out;
  lambdafit::testing::scan_tree(lambdafit::testing::shipped_pack().data(), t.path(), out);
  int build = 0, deployed = 0;
  for (const auto& e : out.evidence()) {
    if (e.fact != "setup.installs") continue;
    if (e.line == 2) {
      CHECK(e.role == FileRole::build);
      CHECK_FALSE(e.counted);
      ++build;
    }
    if (e.line == 5) {
      CHECK(e.role == FileRole::deployed);
      CHECK(e.counted);
      ++deployed;
    }
  }
  CHECK(build == 1);
  CHECK(deployed == 1);
}
