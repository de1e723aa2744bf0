// --check: every kind of problem with saved answers, at the place it is written.
#include <catch2/catch.hpp>

#include "questionnaire/check.hpp"
#include "questionnaire/session.hpp"
#include "support/temp_tree.hpp"
#include "support/shipped_pack.hpp"

using namespace lambdafit;
using lambdafit::testing::TempTree;

namespace {

const RulePack& rules() { return lambdafit::testing::shipped_pack(); }

std::string all_of(const std::vector<Diagnostic>& ds) {
  std::string out;
  for (const auto& d : ds) out += d.format() + "\n";
  return out;
}

CheckOptions on(std::string today, long max_age = 365) {
  CheckOptions o;
  o.today = std::move(today);
  o.max_age_days = max_age;
  return o;
}

}  // namespace

TEST_CASE("check: good answers give nothing to report", "[questionnaire][check]") {
  TempTree t;
  const auto path = t.write("lambdafit.yaml", R"(name: demo
answers:
  runtime.max_seconds: {value: 7m, by: a@example.com, date: 2026-11-01}
  code.languages: {value: [python], by: a@example.com, date: 2026-11-01}
)");
  CHECK(check_answers(rules().data(), path, nullptr, on("2026-11-27")).empty());
}

TEST_CASE("check: ids, keys, types and units are reported with file:line:col", "[questionnaire][check]") {
  TempTree t;
  const auto path = t.write("lambdafit.yaml", R"(answers:
  runtime.max_secnds: {value: 7m, by: a@example.com, date: 2026-11-01}
  q.memory.peak_mb: {value: 1 GB, by: a@example.com, date: 2026-11-01}
  memory.peak_mb: {value: 7 minutes, by: a@example.com, date: 2026-11-01}
  ssh.routine_access: {value: sometimes, by: a@example.com, date: 2026-11-01}
  gpu.required: {value: no, by: a@example.com, date: 2026-11-01, nte: "typo"}
  setup.dependency_count: {value: [a, b], by: a@example.com, date: 2026-11-01}
)");
  const auto ds = check_answers(rules().data(), path, nullptr, on("2026-11-27"));
  const auto text = all_of(ds);
  INFO(text);
  CHECK(text.find(path + ":2:3: error: answer for unknown fact 'runtime.max_secnds'; did you mean "
                         "'runtime.max_seconds'?") != std::string::npos);
  CHECK(text.find(path + ":3:3: error: answer for unknown fact 'q.memory.peak_mb'; answers are keyed by fact, "
                         "did you mean 'memory.peak_mb'?") != std::string::npos);
  CHECK(text.find(path + ":4:27: error: bad answer for 'memory.peak_mb': unknown unit 'minutes'") !=
        std::string::npos);
  CHECK(text.find(path + ":5:31: error: bad answer for 'ssh.routine_access': 'sometimes' is not yes or no") !=
        std::string::npos);
  CHECK(text.find(path + ":6:66: error: unknown key 'nte' in the answer for 'gpu.required'; did you mean 'note'?") !=
        std::string::npos);
  CHECK(text.find("fact 'setup.dependency_count' is a number; a list does not fit") != std::string::npos);
  CHECK(ds.size() == 6);
}

TEST_CASE("check: who and when, and answers too old to trust", "[questionnaire][check]") {
  TempTree t;
  const auto path = t.write("lambdafit.yaml", R"(answers:
  runtime.max_seconds: 7m
  memory.peak_mb: {value: 1 GB, by: a@example.com, date: 2024-01-15}
  gpu.required: {value: no, by: a@example.com, date: 15.01.2026}
  ssh.routine_access: {value: no, by: a@example.com, date: 2027-01-01}
  patching.immediate: {value: no, by: a@example.com, date: 2026-06-01}
)");
  const auto text = all_of(check_answers(rules().data(), path, nullptr, on("2026-11-27", 180)));
  INFO(text);
  CHECK(text.find(":2:3: warning: the answer for 'runtime.max_seconds' does not say who gave it ('by')") !=
        std::string::npos);
  CHECK(text.find(":2:3: warning: the answer for 'runtime.max_seconds' does not say when it was given ('date')") !=
        std::string::npos);
  CHECK(text.find(":3:58: warning: the answer for 'memory.peak_mb' is 1047 days old (more than 180)") !=
        std::string::npos);
  CHECK(text.find(":4:54: error: 'date' of the answer for 'gpu.required' must be YYYY-MM-DD, not '15.01.2026'") !=
        std::string::npos);
  CHECK(text.find("'ssh.routine_access' is dated in the future") != std::string::npos);
  // 179 days old is inside the limit.
  CHECK(text.find("patching.immediate") == std::string::npos);
  // The same answers with a longer limit: the old one is fine.
  CHECK(all_of(check_answers(rules().data(), path, nullptr, on("2026-11-27", 2000))).find("days old") ==
        std::string::npos);
}

TEST_CASE("check: answers the code evidence contradicts, with the evidence as notes", "[questionnaire][check]") {
  TempTree t;
  t.write("src/shade.cu", "__global__ void shade() {}\n");
  const auto path = t.write("lambdafit.yaml",
                            "answers:\n  gpu.required: {value: no, by: a@example.com, date: 2026-11-20}\n");
  AssessOptions o;
  o.path = t.path();
  o.jobs = 1;
  auto a = assess(rules(), o);
  REQUIRE(a.ok());
  const auto ds = check_answers(rules().data(), path, &*a, on("2026-11-27"));
  const auto text = all_of(ds);
  INFO(text);
  CHECK(text.find(":2:3: warning: the code scan contradicts the answer for 'gpu.required': answered 'no', but the "
                  "scan found yes") != std::string::npos);
  CHECK(text.find("shade.cu") != std::string::npos);
  REQUIRE(ds.size() >= 2);
  CHECK(ds[1].severity == Severity::note);
  // Without the contradiction (answered yes), nothing is reported.
  t.write("lambdafit.yaml", "answers:\n  gpu.required: {value: yes, by: a@example.com, date: 2026-11-20}\n");
  auto b = assess(rules(), o);
  REQUIRE(b.ok());
  CHECK(check_answers(rules().data(), path, &*b, on("2026-11-27")).empty());
}
