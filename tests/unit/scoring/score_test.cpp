// The score is monotone: settling an open question favourably never lowers it.
#include <catch2/catch.hpp>

#include <random>

#include "facts/resolve.hpp"
#include "scoring/evaluate.hpp"
#include "support/shipped_pack.hpp"

using namespace lambdafit;

namespace {

const detail::RulePackData& data() { return lambdafit::testing::shipped_pack().data(); }

// A favourable answer (within every tested platform's limits: Cloudflare Workers allows
// 128 MB) and an unfavourable one for each question-backed fact of the shipped pack.
struct Choice {
  const char* fact;
  Value good, bad;
};
const std::vector<Choice>& choices() {
  static const std::vector<Choice> c{
      {"ssh.routine_access", false, true},
      {"patching.immediate", false, true},
      {"compliance.host_snapshots", false, true},
      {"os.update_fragile", false, true},
      {"image.heavy", false, true},
      {"instance.optimized", false, true},
      {"gpu.required", false, true},
      {"runtime.max_seconds", Quantity{30, Dimension::time}, Quantity{4000, Dimension::time}},
      {"memory.peak_mb", Quantity{64, Dimension::size}, Quantity{8192, Dimension::size}},
      {"package.size_mb", Quantity{1, Dimension::size}, Quantity{900, Dimension::size}},
      {"package.avoidable_mb", Quantity{0, Dimension::size}, Quantity{200, Dimension::size}},
      {"setup.dependency_count", Quantity{0, Dimension::count}, Quantity{9, Dimension::count}},
      {"code.languages", StringList{"python"}, StringList{"cobol"}},
      {"trigger.event_driven", true, false},
      {"handler.stateless", true, false},
  };
  return c;
}

PlatformResult evaluate(const std::map<std::string, Answer>& answers, const char* platform) {
  const auto facts = resolve_facts(data(), {}, {}, answers);
  return evaluate_platform(data(), facts, *data().platform(platform));
}

void check_range(const PlatformResult& r) {
  INFO("score " << r.score << " range " << r.score_range.first << "-" << r.score_range.second);
  CHECK(r.score_range.first <= r.score);
  CHECK(r.score <= r.score_range.second);
}

}  // namespace

TEST_CASE("score: every favourable step over all status combinations keeps or raises it", "[scoring][score]") {
  const std::vector<CriterionKind> kinds{CriterionKind::limit,      CriterionKind::concern,
                                         CriterionKind::concern,    CriterionKind::concern,
                                         CriterionKind::concern,    CriterionKind::adaptation,
                                         CriterionKind::adaptation, CriterionKind::strength};
  const Status all[] = {Status::applies, Status::unknown, Status::clear};
  const ScoringSpec spec;  // the defaults, as in rules/scoring.yaml
  std::size_t combos = 1, steps = 0;
  for (std::size_t i = 0; i < kinds.size(); ++i) combos *= 3;
  for (std::size_t n = 0; n < combos; ++n) {
    std::vector<std::pair<CriterionKind, Status>> s;
    for (std::size_t i = 0, k = n; i < kinds.size(); ++i, k /= 3) s.emplace_back(kinds[i], all[k % 3]);
    const ScoreRange before = score_statuses(s, spec);
    REQUIRE(before.low <= before.score);
    REQUIRE(before.score <= before.high);
    for (std::size_t i = 0; i < s.size(); ++i) {
      // Favourable: a concern moves applies -> unknown -> clear; a strength clear -> unknown -> applies.
      auto t = s;
      const bool strength = kinds[i] == CriterionKind::strength;
      const Status from = s[i].second;
      if (from == Status::unknown) t[i].second = strength ? Status::applies : Status::clear;
      else if (from == (strength ? Status::clear : Status::applies)) t[i].second = Status::unknown;
      else continue;
      const ScoreRange after = score_statuses(t, spec);
      ++steps;
      INFO("combination " << n << ", criterion " << i);
      REQUIRE(after.score >= before.score);
      REQUIRE(after.low >= before.low);
      REQUIRE(after.high >= before.high);
    }
  }
  CHECK(steps > combos);  // the loop really walked the steps
}

TEST_CASE("score: answering open questions favourably never lowers it (shipped pack)", "[scoring][score]") {
  std::mt19937 rng(20261130);
  for (const char* platform : {"aws-lambda-2016", "aws-lambda", "cloudflare-workers"}) {
    for (int trial = 0; trial < 120; ++trial) {
      // A random base: some facts answered either way, the rest open.
      std::map<std::string, Answer> answers;
      std::vector<const Choice*> open;
      for (const auto& c : choices()) {
        switch (rng() % 3) {
          case 0: answers[c.fact].value = c.good; break;
          case 1: answers[c.fact].value = c.bad; break;
          default: open.push_back(&c);
        }
      }
      std::shuffle(open.begin(), open.end(), rng);
      PlatformResult prev = evaluate(answers, platform);
      check_range(prev);
      for (const Choice* c : open) {
        answers[c->fact].value = c->good;
        const PlatformResult next = evaluate(answers, platform);
        INFO(platform << " trial " << trial << ": answering " << c->fact << " favourably, "
                      << to_string(prev.verdict) << " " << prev.score << " -> " << to_string(next.verdict)
                      << " " << next.score);
        REQUIRE(next.score >= prev.score);
        check_range(next);
        prev = next;
      }
      // Everything answered: nothing open, so the range is the score itself.
      CHECK(prev.score_range == std::make_pair(prev.score, prev.score));
    }
  }
}

TEST_CASE("score: undetermined shows the range, settled shows one number", "[scoring][score]") {
  const auto open = evaluate({}, "aws-lambda-2016");
  REQUIRE(open.verdict == Verdict::undetermined);
  CHECK(open.score_range.first < open.score_range.second);
  CHECK(open.score_range.second <= 100);
  std::map<std::string, Answer> all;
  for (const auto& c : choices()) all[c.fact].value = c.good;
  const auto settled = evaluate(all, "aws-lambda-2016");
  CHECK(settled.verdict == Verdict::good_fit);
  CHECK(settled.score >= open.score);  // answering favourably did not cost points
  CHECK(settled.score_range.first == settled.score);
}

TEST_CASE("score: a workload settled by the scan alone can be good-fit", "[scoring][score]") {
  // Every fact computed by the scan (no answers): provenance `scan`, nothing open.
  std::map<std::string, Value> computed;
  for (const auto& c : choices()) computed[c.fact] = c.good;
  const auto facts = resolve_facts(data(), {}, computed, {});
  for (const auto& f : facts) CHECK(f.provenance != Provenance::answer);
  const auto r = evaluate_platform(data(), facts, *data().platform("aws-lambda-2016"));
  CHECK(r.verdict == Verdict::good_fit);
  CHECK(r.confidence == 1.0);
  CHECK(r.score >= 80);
  CHECK(r.open_questions.empty());
}
