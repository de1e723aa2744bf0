// `prefill` in question rules: "evidence", "none" or a literal default checked at load time.
#include <catch2/catch.hpp>

#include "questionnaire/session.hpp"
#include "support/temp_tree.hpp"

using namespace lambdafit;
using lambdafit::testing::TempTree;

namespace {

const std::string kRules = std::string(LAMBDAFIT_TEST_SOURCE_DIR) + "/rules";

std::string extra_rules(const std::string& prefill, const std::string& more = {}) {
  return R"(facts:
  - id: test.batch_seconds
    title: longest batch
    type: number
    unit: s
questions:
  - id: q.test.batch
    fact: test.batch_seconds
    prompt: How long does the longest batch take?
    prefill: )" + prefill + "\n" + more + R"(
criteria:
  - id: test-batch-long
    title: Batch longer than ten minutes
    kind: concern
    description: used by the questionnaire tests
    advice: split the batch
    when:
      fact: test.batch_seconds
      gt: 600 s
)";
}

std::string errors_of(const Result<RulePack>& r) { return r.error_text(); }

}  // namespace

TEST_CASE("prefill: a literal default is used when the scan has no value", "[questionnaire][prefill]") {
  TempTree rules;
  rules.write("extra.yaml", extra_rules("5m"));
  auto pack = RulePack::load({kRules, rules.path()});
  INFO(errors_of(pack));
  REQUIRE(pack.ok());
  TempTree work;
  work.write("handler.py", "def handler(event, context):\n    return 1\n");
  AssessOptions o;
  o.path = work.path();
  o.jobs = 1;
  auto a = assess(*pack, o);
  REQUIRE(a.ok());
  std::optional<OpenQuestion> q;
  for (const auto& oq : questions_to_ask(*a))
    if (oq.id == "q.test.batch") q = oq;
  REQUIRE(q);
  const auto v = describe(pack->data(), *a, *q);
  CHECK(v.default_text == "5m");
  CHECK(v.default_reason == "the rule pack's default");
}

TEST_CASE("prefill: 'none' and 'evidence' are accepted and give no literal default", "[questionnaire][prefill]") {
  for (const char* p : {"none", "evidence"}) {
    TempTree rules;
    rules.write("extra.yaml", extra_rules(p));
    auto pack = RulePack::load({kRules, rules.path()});
    INFO(errors_of(pack));
    REQUIRE(pack.ok());
    CHECK(pack->data().question_for_fact("test.batch_seconds")->prefill == p);
  }
}

TEST_CASE("prefill: a default that does not fit the fact is an error at its place", "[questionnaire][prefill]") {
  TempTree rules;
  rules.write("extra.yaml", extra_rules("forever"));
  auto pack = RulePack::load({kRules, rules.path()});
  REQUIRE_FALSE(pack.ok());
  const auto text = errors_of(pack);
  CHECK(text.find("extra.yaml:10:14: error: bad 'prefill' for fact 'test.batch_seconds': 'forever' is not a "
                  "duration") != std::string::npos);

  TempTree bool_rules;
  bool_rules.write("extra.yaml", R"(facts:
  - id: test.flag
    type: bool
questions:
  - id: q.test.flag
    fact: test.flag
    prompt: Is it?
    prefill: maybe
)");
  auto b = RulePack::load({kRules, bool_rules.path()});
  REQUIRE_FALSE(b.ok());
  CHECK(errors_of(b).find("'maybe' is not yes or no") != std::string::npos);

  TempTree choice_rules;
  choice_rules.write("extra.yaml", R"(facts:
  - id: test.tier
    type: string
questions:
  - id: q.test.tier
    fact: test.tier
    prompt: Which tier?
    choices: [gold, silver]
    prefill: sliver
)");
  auto c = RulePack::load({kRules, choice_rules.path()});
  REQUIRE_FALSE(c.ok());
  CHECK(errors_of(c).find("'sliver' is not one of the choices; did you mean 'silver'?") != std::string::npos);
}
