// Reading typed answers, choosing and describing questions, and re-evaluating without a scan.
#include <catch2/catch.hpp>

#include "questionnaire/session.hpp"
#include "support/temp_tree.hpp"
#include "support/shipped_pack.hpp"

using namespace lambdafit;
using lambdafit::testing::TempTree;

namespace {

const RulePack& rules() { return lambdafit::testing::shipped_pack(); }
const detail::RulePackData& pack() { return rules().data(); }

std::optional<TypedAnswer> typed(std::string_view fact, std::string_view input, std::string* why = nullptr) {
  const FactSpec* f = pack().fact(fact);
  REQUIRE(f);
  return parse_typed(input, pack(), *f, why);
}

double seconds(const std::optional<TypedAnswer>& t) { return std::get<Quantity>(t->value).value; }

Assessment scan(const std::string& root, std::map<std::string, AnswerInput> answers = {}) {
  AssessOptions o;
  o.path = root;
  o.jobs = 1;
  o.answers = std::move(answers);
  auto a = assess(rules(), o);
  INFO(a.error_text());
  REQUIRE(a.ok());
  return std::move(a).value();
}

}  // namespace

TEST_CASE("typed answers: numbers with units in the fact's canonical unit", "[questionnaire][parse]") {
  CHECK(seconds(typed("runtime.max_seconds", "90s")) == 90);
  CHECK(seconds(typed("runtime.max_seconds", "7m")) == 420);
  CHECK(seconds(typed("runtime.max_seconds", " 2 h ")) == 7200);
  CHECK(seconds(typed("memory.peak_mb", "1.5GB")) == 1536);
  CHECK(seconds(typed("memory.peak_mb", "800 MB")) == 800);
  CHECK(seconds(typed("memory.peak_mb", "512")) == 512);
  // The text is saved as typed, so the file says what the person said.
  CHECK(typed("runtime.max_seconds", "7m")->record.value == "7m");
  CHECK(typed("memory.peak_mb", "1.5GB")->record.value == "1.5GB");
}

TEST_CASE("typed answers: yes/no, notes and lists", "[questionnaire][parse]") {
  auto y = typed("ssh.routine_access", "Y");
  REQUIRE(y);
  CHECK(std::get<bool>(y->value));
  CHECK(y->record.value == "yes");
  auto n = typed("ssh.routine_access", "no  # only in emergencies");
  REQUIRE(n);
  CHECK_FALSE(std::get<bool>(n->value));
  CHECK(n->record.note == "only in emergencies");
  auto l = typed("code.languages", "python, shell");
  REQUIRE(l);
  CHECK(std::get<StringList>(l->value) == StringList{"python", "shell"});
  REQUIRE(l->record.list);
}

TEST_CASE("typed answers: bad values are explained", "[questionnaire][parse]") {
  std::string why;
  CHECK_FALSE(typed("runtime.max_seconds", "forever", &why));
  CHECK(why.find("'forever' is not a duration") != std::string::npos);
  CHECK_FALSE(typed("runtime.max_seconds", "5 GB", &why));
  CHECK(why.find("unknown unit 'gb'") != std::string::npos);
  CHECK_FALSE(typed("memory.peak_mb", "7 minutes", &why));
  CHECK(why.find("unknown unit 'minutes'") != std::string::npos);
  CHECK_FALSE(typed("memory.peak_mb", "-3 GB", &why));
  CHECK(why.find("negative") != std::string::npos);
  CHECK_FALSE(typed("ssh.routine_access", "maybe", &why));
  CHECK(why.find("'maybe' is not yes or no") != std::string::npos);
  CHECK_FALSE(typed("setup.dependency_count", "3 MB", &why));
  CHECK(why.find("takes no unit") != std::string::npos);
  CHECK_FALSE(typed("ssh.routine_access", "   # just a note", &why));
  CHECK(why == "type yes or no");
}

TEST_CASE("dates: YYYY-MM-DD only, real days only", "[questionnaire][parse]") {
  CHECK(day_number("1970-01-02") == 1);
  CHECK(*day_number("2026-11-27") - *day_number("2025-11-27") == 365);
  CHECK_FALSE(day_number("2026-02-30"));
  CHECK_FALSE(day_number("27/11/2026"));
  CHECK_FALSE(day_number("2026-1-5"));
  CHECK(day_number(today_utc()));
}

TEST_CASE("questions: re-evaluation with new answers matches a fresh assessment", "[questionnaire][session]") {
  TempTree t;
  t.write("handler.py", "def handler(event, context):\n    return event\n");
  const Assessment base = scan(t.path());
  const auto before = questions_to_ask(base);
  REQUIRE_FALSE(before.empty());
  // Verdict-changing questions come first.
  bool seen_other = false;
  for (const auto& q : before) {
    if (!q.would_change_verdict_to) seen_other = true;
    else CHECK_FALSE(seen_other);
  }
  auto answers = answers_of(base);
  answers["runtime.max_seconds"] = Answer{Quantity{2700, Dimension::time}, "dev", "2026-11-27", "", {}};
  const Assessment again = reevaluate(pack(), base, answers);
  const Assessment fresh = scan(t.path(), {{"runtime.max_seconds", AnswerInput{"45m", "dev", "2026-11-27", ""}}});
  CHECK(again.primary().verdict == Verdict::not_a_fit);
  CHECK(again.primary().verdict == fresh.primary().verdict);
  CHECK(again.primary().score == fresh.primary().score);
  CHECK(again.primary().confidence == fresh.primary().confidence);
  CHECK(again.primary().open_questions.size() == fresh.primary().open_questions.size());
  for (const auto& q : questions_to_ask(again)) CHECK(q.fact != "runtime.max_seconds");
}

TEST_CASE("questions: a contradicted answer is asked again with the evidence as default", "[questionnaire][session]") {
  TempTree t;
  t.write("src/shade.cu", "__global__ void shade() {}\n");
  t.write("lambdafit.yaml", "answers:\n  gpu.required: {value: no, by: a@example.com, date: 2026-11-01}\n");
  const Assessment a = scan(t.path());
  std::optional<OpenQuestion> gpu;
  for (const auto& q : questions_to_ask(a))
    if (q.fact == "gpu.required") gpu = q;
  REQUIRE(gpu);
  const QuestionView v = describe(pack(), a, *gpu);
  REQUIRE(v.spec);
  CHECK(v.spec->id == "q.gpu.required");
  CHECK(v.default_text == "yes");
  CHECK(v.default_reason == "what the scan found");
  REQUIRE(v.current);
  CHECK(v.current->by == "a@example.com");
  REQUIRE(v.contradiction);
  bool found = false;
  for (const auto& e : v.evidence) found = found || e.path == "src/shade.cu";
  CHECK(found);
  bool gpu_criterion = false;
  for (const auto& [id, title] : v.criteria) gpu_criterion = gpu_criterion || id == "gpu";
  CHECK(gpu_criterion);
  CHECK(v.expects == "yes or no");
}

TEST_CASE("questions: an unknown fact has no default unless the pack gives one", "[questionnaire][session]") {
  TempTree t;
  t.write("handler.py", "def handler(event, context):\n    return event\n");
  const Assessment a = scan(t.path());
  std::optional<OpenQuestion> rt;
  for (const auto& q : questions_to_ask(a))
    if (q.fact == "runtime.max_seconds") rt = q;
  REQUIRE(rt);
  CHECK(rt->would_change_verdict_to == Verdict::not_a_fit);
  const QuestionView v = describe(pack(), a, *rt);
  CHECK(v.default_text.empty());
  CHECK(v.expects == "a duration such as 90s, 7m or 2h");
}

TEST_CASE("questions: evidence of criteria the question's criterion refers to is shown", "[questionnaire][session]") {
  // stateless-handler reads handler.stateless and refers to background-process; the sample's
  // daemon evidence belongs with the question. The sample is only read.
  const Assessment a = scan(std::string(LAMBDAFIT_TEST_SOURCE_DIR) + "/samples/legacy-daemon");
  std::optional<OpenQuestion> q;
  for (const auto& oq : questions_to_ask(a))
    if (oq.fact == "handler.stateless") q = oq;
  REQUIRE(q);
  const QuestionView v = describe(pack(), a, *q);
  bool service = false;
  for (const auto& e : v.evidence) service = service || e.path == "packaging/legacyd.service";
  CHECK(service);
}
