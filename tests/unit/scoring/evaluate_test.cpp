#include <catch2/catch.hpp>

#include "facts/resolve.hpp"
#include "scoring/evaluate.hpp"
#include "support/shipped_pack.hpp"

using namespace lambdafit;

namespace {

const RulePack& pack() { return lambdafit::testing::shipped_pack(); }

// Every questionnaire fact answered "harmless", so only what a test sets decides.
std::map<std::string, Answer> benign() {
  std::map<std::string, Answer> a;
  for (const char* f : {"ssh.routine_access", "patching.immediate", "compliance.host_snapshots",
                        "os.update_fragile", "image.heavy", "instance.optimized", "gpu.required"})
    a[f].value = false;
  a["runtime.max_seconds"].value = Quantity{30, Dimension::time};
  a["memory.peak_mb"].value = Quantity{256, Dimension::size};
  a["package.size_mb"].value = Quantity{10, Dimension::size};
  a["package.avoidable_mb"].value = Quantity{0, Dimension::size};
  a["setup.dependency_count"].value = Quantity{0, Dimension::count};
  a["code.languages"].value = StringList{"python"};
  return a;
}

PlatformResult run(const std::map<std::string, Answer>& answers, const char* platform = "aws-lambda-2016",
                   std::vector<Evidence> evidence = {}) {
  const auto& data = pack().data();
  auto facts = resolve_facts(data, evidence, {}, answers);
  return evaluate_platform(data, facts, *data.platform(platform));
}

const CriterionResult& criterion(const PlatformResult& r, const std::string& id) {
  for (const auto& c : r.criteria)
    if (c.id == id) return c;
  FAIL("no criterion " << id);
  throw;
}

}  // namespace

TEST_CASE("scoring: nothing applies is a good fit", "[scoring]") {
  auto r = run(benign());
  CHECK(r.verdict == Verdict::good_fit);
  CHECK(r.score >= 80);
  CHECK(r.confidence == 1.0);
  CHECK(r.blocking.empty());
}

TEST_CASE("scoring: 400 s breaks the 300 s default but not the 900 s profile", "[scoring]") {
  auto a = benign();
  a["runtime.max_seconds"].value = Quantity{400, Dimension::time};
  a["runtime.max_seconds"].by = "ops@example.com";
  auto old = run(a);
  CHECK(old.verdict == Verdict::not_a_fit);
  CHECK(old.blocking == std::vector<std::string>{"runtime-limit"});
  const auto& c = criterion(old, "runtime-limit");
  CHECK(c.status == Status::applies);
  CHECK(c.reason.find("400 s, over the platform's timeout of 300 s") != std::string::npos);
  CHECK(c.reason.find("answered by ops@example.com") != std::string::npos);
  CHECK_FALSE(c.advice.empty());
  REQUIRE(c.answers.size() == 1);
  CHECK(run(a, "aws-lambda").verdict == Verdict::good_fit);
}

TEST_CASE("scoring: concerns count up to not-a-fit at four", "[scoring]") {
  auto a = benign();
  a["ssh.routine_access"].value = true;
  a["patching.immediate"].value = true;
  a["os.update_fragile"].value = true;
  auto three = run(a);
  CHECK(three.verdict == Verdict::fit_with_caveats);
  CHECK(three.score >= 40);
  CHECK(three.score <= 79);
  a["compliance.host_snapshots"].value = true;
  auto four = run(a);
  CHECK(four.verdict == Verdict::not_a_fit);
  CHECK(four.blocking.size() == 4);
}

TEST_CASE("scoring: adaptations alone give fit-with-caveats", "[scoring]") {
  auto a = benign();
  a["code.languages"].value = StringList{"cpp"};
  auto r = run(a);
  CHECK(r.verdict == Verdict::fit_with_caveats);
  CHECK(criterion(r, "runtime-language").kind == CriterionKind::adaptation);
}

TEST_CASE("scoring: GPU is a limit only where the platform has none", "[scoring]") {
  auto a = benign();
  a["gpu.required"].value = true;
  auto lambda = run(a);
  CHECK(criterion(lambda, "gpu").kind == CriterionKind::limit);
  CHECK(lambda.verdict == Verdict::not_a_fit);
  auto cloud_run = run(a, "gcp-cloud-run-functions");
  CHECK(criterion(cloud_run, "gpu").kind == CriterionKind::concern);
  CHECK(cloud_run.verdict == Verdict::fit_with_caveats);
}

TEST_CASE("scoring: with no answers the open questions say what would change", "[scoring]") {
  auto r = run({});
  CHECK(r.verdict == Verdict::undetermined);
  CHECK(r.optimistic == Verdict::good_fit);
  CHECK(r.pessimistic == Verdict::not_a_fit);
  CHECK(r.confidence < 0.75);
  bool runtime_seen = false;
  for (const auto& q : r.open_questions) {
    if (q.fact == "runtime.max_seconds") {
      runtime_seen = true;
      REQUIRE(q.would_change_verdict_to);
      CHECK(*q.would_change_verdict_to == Verdict::not_a_fit);
      CHECK(q.if_answer == "over 300 s");
    }
  }
  CHECK(runtime_seen);
  // Questions that could flip the verdict come first.
  REQUIRE_FALSE(r.open_questions.empty());
  CHECK(r.open_questions.front().would_change_verdict_to.has_value());
}

TEST_CASE("scoring: an answer overrides evidence and the contradiction is kept", "[scoring]") {
  auto a = benign();
  Evidence e;
  e.path = "src/gpu.cu";
  e.line = 1;
  e.detector = "cuda-source-file";
  e.fact = "gpu.required";
  auto r = run(a, "aws-lambda-2016", {e});
  const auto& c = criterion(r, "gpu");
  CHECK(c.status == Status::clear);
  REQUIRE(c.contradictions.size() == 1);
  CHECK(c.contradictions[0].message.find("answered 'no', but the scan found yes (1 place)") != std::string::npos);
  bool reopened = false;
  for (const auto& q : r.open_questions) reopened |= q.fact == "gpu.required";
  CHECK(reopened);
}

TEST_CASE("scoring: strengths raise the score but never hide a blocker", "[scoring]") {
  auto a = benign();
  a["trigger.event_driven"].value = true;
  a["handler.stateless"].value = true;
  auto good = run(a);
  CHECK(good.strengths.size() == 2);
  a["memory.peak_mb"].value = Quantity{4096, Dimension::size};
  auto blocked = run(a);
  CHECK(blocked.verdict == Verdict::not_a_fit);
  CHECK(blocked.score <= 39);
}
