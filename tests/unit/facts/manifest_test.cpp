#include <catch2/catch.hpp>

#include "facts/manifest.hpp"
#include "support/temp_tree.hpp"
#include "support/shipped_pack.hpp"

using namespace lambdafit;
using lambdafit::testing::TempTree;

namespace {
const detail::RulePackData& pack() { return lambdafit::testing::shipped_pack().data(); }
}  // namespace

TEST_CASE("manifest: plain and detailed answers with units", "[manifest]") {
  TempTree t;
  t.write("lambdafit.yaml", R"(name: demo
platform: aws-lambda
exclude: [vendor/**]
answers:
  runtime.max_seconds: 7m
  memory.peak_mb: 2 GB
  ssh.routine_access: {value: false, by: ops@example.com, date: 2026-11-01, note: "never"}
)");
  Diagnostics d;
  auto m = load_manifest(t.path(), pack(), d);
  REQUIRE(m);
  CHECK(m->name == "demo");
  CHECK(m->platform == "aws-lambda");
  CHECK(m->exclude == std::vector<std::string>{"vendor/**"});
  CHECK(std::get<Quantity>(m->answers.at("runtime.max_seconds").value).value == 420);
  CHECK(std::get<Quantity>(m->answers.at("memory.peak_mb").value).value == 2048);
  const auto& ssh = m->answers.at("ssh.routine_access");
  CHECK(std::get<bool>(ssh.value) == false);
  CHECK(ssh.by == "ops@example.com");
  CHECK(ssh.date == "2026-11-01");
  CHECK(ssh.note == "never");
  CHECK(ssh.source.line == 7);
}

TEST_CASE("manifest: mistyped answers name file, line and column", "[manifest]") {
  TempTree t;
  t.write("lambdafit.yaml", "answers:\n  runtime.max_seconds: forever\n  ssh.routin_access: no\n");
  Diagnostics d;
  CHECK_FALSE(load_manifest(t.path(), pack(), d));
  std::string all;
  for (const auto& i : d.items()) all += i.format() + "\n";
  CHECK(all.find("lambdafit.yaml:2:24: error: bad answer for 'runtime.max_seconds': 'forever' is not a duration") !=
        std::string::npos);
  CHECK(all.find("lambdafit.yaml:3:3: error: answer for unknown fact 'ssh.routin_access'; did you mean "
                 "'ssh.routine_access'?") != std::string::npos);
}

TEST_CASE("manifest: unknown platform and keys", "[manifest]") {
  TempTree t;
  t.write("lambdafit.yaml", "platform: aws-lambda-2061\nanswrs: {}\n");
  Diagnostics d;
  CHECK_FALSE(load_manifest(t.path(), pack(), d));
  std::string all;
  for (const auto& i : d.items()) all += i.format() + "\n";
  CHECK(all.find("unknown key 'answrs' in lambdafit.yaml; did you mean 'answers'?") != std::string::npos);
}

TEST_CASE("manifest: an absent manifest is empty, not an error", "[manifest]") {
  TempTree t;
  Diagnostics d;
  auto m = load_manifest(t.path(), pack(), d);
  REQUIRE(m);
  CHECK(m->answers.empty());
  CHECK(m->path.empty());
}

TEST_CASE("manifest: answers files take a bare mapping or an answers key", "[manifest]") {
  TempTree t;
  const auto a = t.write("a.yaml", "runtime.max_seconds: 400\n");
  const auto b = t.write("b.yaml", "answers:\n  gpu.required: yes\n");
  Diagnostics d;
  auto ra = load_answers_file(a, pack(), d);
  auto rb = load_answers_file(b, pack(), d);
  REQUIRE(ra);
  REQUIRE(rb);
  CHECK(std::get<Quantity>(ra->at("runtime.max_seconds").value).value == 400);
  CHECK(std::get<bool>(rb->at("gpu.required").value));
}

TEST_CASE("manifest: roles map role names to globs and win over conventions", "[manifest][roles]") {
  TempTree t;
  t.write("lambdafit.yaml", "roles:\n  deployed: [examples/server, scripts]\n  tooling: ops/*.sh\n");
  Diagnostics d;
  auto m = load_manifest(t.path(), pack(), d);
  REQUIRE(m);
  REQUIRE(m->roles.size() == 3);
  CHECK(m->roles[0].role == FileRole::deployed);
  CHECK(m->roles[0].glob == "examples/server");
  CHECK(m->roles[0].at.line == 2);
  CHECK(m->roles[2].role == FileRole::tooling);
  CHECK(m->roles[2].glob == "ops/*.sh");
}

TEST_CASE("manifest: a mistyped role names file, line and column", "[manifest][roles]") {
  TempTree t;
  t.write("lambdafit.yaml", "roles:\n  deploy: [src]\n  test: {a: b}\n  docs: [../outside]\n");
  Diagnostics d;
  CHECK_FALSE(load_manifest(t.path(), pack(), d));
  std::string all;
  for (const auto& i : d.items()) all += i.format() + "\n";
  CHECK(all.find("lambdafit.yaml:2:3: error: unknown role 'deploy'; did you mean 'deployed'?") != std::string::npos);
  CHECK(all.find("lambdafit.yaml:3:9: error: the globs for role 'test' must be a list") != std::string::npos);
  CHECK(all.find("lambdafit.yaml:4:10: error: '../outside' is not a workload-relative glob") != std::string::npos);
}
