#include "questionnaire/session.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <set>

#include <fmt/format.h>

#include "core/quantity.hpp"
#include "core/spelling.hpp"
#include "core/yaml_file.hpp"
#include "facts/manifest.hpp"
#include "facts/resolve.hpp"
#include "scoring/evaluate.hpp"

namespace lambdafit {

namespace {

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

const QuestionSpec* question(const detail::RulePackData& pack, std::string_view id) {
  for (const auto& q : pack.questions)
    if (q.id == id) return &q;
  return nullptr;
}

const Fact* fact_in(const Assessment& a, std::string_view id) {
  for (const auto& f : a.facts)
    if (f.id == id) return &f;
  return nullptr;
}

}  // namespace

std::map<std::string, Answer> answers_of(const Assessment& a) {
  std::map<std::string, Answer> out;
  for (const auto& f : a.facts)
    if (f.answer) out[f.id] = *f.answer;
  return out;
}

Assessment reevaluate(const detail::RulePackData& pack, const Assessment& scanned,
                      const std::map<std::string, Answer>& answers) {
  // The facts' items in one new table (the scanned one also holds places merged for
  // criteria), which the re-scored facts and every platform's criteria then share.
  auto table = std::make_shared<EvidenceTable>();
  std::map<std::string, Value> computed;
  for (const auto& f : scanned.facts) {
    table->insert(table->end(), f.evidence.begin(), f.evidence.end());
    if (f.provenance == Provenance::scan) computed[f.id] = f.value;
  }
  Assessment out = scanned;
  out.facts = resolve_facts_in_table(pack, table, computed, answers);
  out.platforms.clear();
  CriterionEvidence shared{table, {}};
  for (const auto& p : scanned.platforms)
    if (const auto* spec = pack.platform(p.platform))
      out.platforms.push_back(evaluate_platform(pack, out.facts, *spec, &shared));
  out.evidence = std::move(table);
  return out;
}

std::vector<OpenQuestion> questions_to_ask(const Assessment& a) {
  if (a.platforms.empty()) return {};
  // The evaluation already puts the questions that could change the verdict first; among
  // those, the ones that could make it not-a-fit come before milder changes.
  auto qs = a.primary().open_questions;
  auto rank = [](const OpenQuestion& q) {
    if (!q.would_change_verdict_to) return 3;
    return *q.would_change_verdict_to == Verdict::not_a_fit ? 0 : *q.would_change_verdict_to == Verdict::undetermined ? 2 : 1;
  };
  std::stable_sort(qs.begin(), qs.end(), [&](const auto& x, const auto& y) { return rank(x) < rank(y); });
  return qs;
}

std::string expected_input(const detail::RulePackData& pack, const FactSpec& fact) {
  if (const auto* q = pack.question_for_fact(fact.id); q && !q->choices.empty())
    return fmt::format("one of: {}", fmt::join(q->choices, ", "));
  if (fact.type == "bool") return "yes or no";
  if (fact.type == "list") return "values separated by commas";
  if (fact.type == "number") {
    switch (fact.dimension) {
      case Dimension::time: return "a duration such as 90s, 7m or 2h";
      case Dimension::size: return "a size such as 800 MB or 1.5GB";
      case Dimension::count: return "a number";
    }
  }
  return "text";
}

QuestionView describe(const detail::RulePackData& pack, const Assessment& a, const OpenQuestion& q) {
  QuestionView v;
  v.open = q;
  v.spec = question(pack, q.id);
  v.fact = pack.fact(q.fact);
  if (v.fact) v.expects = expected_input(pack, *v.fact);
  std::set<std::tuple<std::string, int, std::string>> seen;
  auto add = [&](const Evidence& e) {
    if (seen.insert({e.path, e.line, e.detector}).second) v.evidence.push_back(e);
  };
  const Fact* f = fact_in(a, q.fact);
  if (f) {
    for (const auto& e : f->evidence) add(e);
    v.current = f->answer;
    v.contradiction = f->contradiction;
  }
  // Evidence of the criteria that read the fact, and of the criteria those refer to (a
  // stateless handler is one that is not a background process, so a daemon loop is relevant).
  std::vector<std::string> related;
  for (const auto& cid : q.criteria) {
    const auto* spec = pack.criterion(cid);
    v.criteria.emplace_back(cid, spec ? spec->title : cid);
    related.push_back(cid);
    if (spec) collect_criteria(spec->when, related);
  }
  if (!a.platforms.empty())
    for (const auto& cid : related)
      for (const auto& r : a.primary().criteria)
        if (r.id == cid)
          for (const auto& e : r.evidence) add(e);
  // The default: what the scan found for the fact, else the rule pack's literal default.
  if (v.contradiction) {
    v.default_text = value_to_string(v.contradiction->scanned);
    v.default_reason = "what the scan found";
  } else if (f && (f->provenance == Provenance::evidence || f->provenance == Provenance::scan)) {
    v.default_text = value_to_string(f->value);
    v.default_reason = "what the scan found";
  } else if (v.spec && !v.spec->prefill.empty() && v.spec->prefill != "evidence" &&
             v.spec->prefill != "none") {
    v.default_text = v.spec->prefill;
    v.default_reason = "the rule pack's default";
  }
  return v;
}

std::optional<TypedAnswer> parse_typed(std::string_view input, const detail::RulePackData& pack,
                                       const FactSpec& fact, std::string* error) {
  auto fail = [&](std::string why) -> std::optional<TypedAnswer> {
    if (error) *error = std::move(why);
    return std::nullopt;
  };
  std::string text(input), note;
  if (const auto hash = text.find('#'); hash != std::string::npos) {
    note = trim(text.substr(hash + 1));
    text = text.substr(0, hash);
  }
  text = trim(text);
  if (text.empty()) return fail(fmt::format("type {}", expected_input(pack, fact)));
  if (fact.type == "bool") {
    text = lower(text);
    if (text == "y") text = "yes";
    if (text == "n") text = "no";
  }
  if (const auto* q = pack.question_for_fact(fact.id); q && !q->choices.empty()) {
    for (const auto& c : q->choices)
      if (lower(c) == lower(text)) text = c;
  }
  std::string why;
  auto value = parse_answer_value(text, fact, pack, &why);
  if (!value) return fail(why);
  TypedAnswer t;
  t.value = *value;
  t.record.fact = fact.id;
  t.record.note = note;
  if (const auto* b = std::get_if<bool>(&*value)) t.record.value = *b ? "yes" : "no";
  else if (const auto* l = std::get_if<StringList>(&*value)) t.record.list = *l;
  else t.record.value = text;
  return t;
}

std::string today_utc() {
  using namespace std::chrono;
  const year_month_day d{floor<days>(system_clock::now())};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                     static_cast<unsigned>(d.day()));
}

std::optional<long> day_number(std::string_view date) {
  using namespace std::chrono;
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0, dd = 0;
  auto num = [&](std::size_t pos, std::size_t len, auto& out) {
    auto [p, ec] = std::from_chars(date.data() + pos, date.data() + pos + len, out);
    return ec == std::errc() && p == date.data() + pos + len;
  };
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, dd)) return std::nullopt;
  const year_month_day ymd{year{y}, month{m}, day{dd}};
  if (!ymd.ok()) return std::nullopt;
  return static_cast<long>(sys_days{ymd}.time_since_epoch().count());
}

std::optional<std::vector<AnswerRecord>> records_from_file(const std::string& path,
                                                           const detail::RulePackData& pack,
                                                           const std::string& default_by,
                                                           const std::string& today, Diagnostics& d) {
  // Validate with the manifest's own reader (types, units, unknown facts), then take the
  // value text as written so the saved file keeps "7m" rather than "420 s".
  if (!load_answers_file(path, pack, d)) return std::nullopt;
  auto f = YamlFile::load(path, d);
  if (!f) return std::nullopt;
  std::vector<AnswerRecord> out;
  const auto& r = f->root();
  if (!r || r.IsNull()) return out;
  const YAML::Node answers = r.IsMap() && r["answers"] ? r["answers"] : r;
  for (const auto& kv : answers) {
    AnswerRecord rec;
    rec.fact = kv.first.Scalar();
    const YAML::Node value = kv.second.IsMap() ? kv.second["value"] : kv.second;
    if (!value || value.IsNull()) continue;  // left blank in a template: not answered
    if (value.IsSequence()) {
      StringList l;
      for (const auto& i : value) l.push_back(i.Scalar());
      rec.list = std::move(l);
    } else {
      rec.value = value.Scalar();
    }
    if (kv.second.IsMap()) {
      for (const auto& [key, field] :
           {std::pair{"by", &rec.by}, {"date", &rec.date}, {"note", &rec.note}, {"ask", &rec.ask}})
        if (const auto n = kv.second[key]; n && n.IsScalar()) *field = n.Scalar();
    }
    if (rec.by.empty()) rec.by = default_by;
    if (rec.date.empty()) rec.date = today;
    out.push_back(std::move(rec));
  }
  return out;
}

std::optional<Answer> answer_of(const AnswerRecord& r, const detail::RulePackData& pack,
                                std::string* error) {
  const FactSpec* fact = pack.fact(r.fact);
  if (!fact) {
    if (error) *error = fmt::format("unknown fact '{}'", r.fact);
    return std::nullopt;
  }
  if (!r.list && r.value == kUnknownAnswer) {
    if (error) *error = "not known yet";
    return std::nullopt;
  }
  Answer a;
  if (r.list) {
    a.value = *r.list;
  } else {
    auto v = parse_answer_value(r.value, *fact, pack, error);
    if (!v) return std::nullopt;
    a.value = std::move(*v);
  }
  a.by = r.by;
  a.date = r.date;
  a.note = r.note;
  return a;
}

}  // namespace lambdafit
