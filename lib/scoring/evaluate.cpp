#include "scoring/evaluate.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "facts/resolve.hpp"
#include "scanning/scan.hpp"

namespace lambdafit {

namespace {

Status to_status(Tri t) {
  return t == Tri::yes ? Status::applies : t == Tri::no ? Status::clear : Status::unknown;
}

std::string provenance_note(const Fact& f) {
  switch (f.provenance) {
    case Provenance::answer: {
      std::string s = "answered";
      if (f.answer && !f.answer->by.empty()) s += " by " + f.answer->by;
      if (f.answer && !f.answer->date.empty()) s += " on " + f.answer->date;
      return s;
    }
    case Provenance::evidence:
      return fmt::format("found in {} place{}", f.evidence.size(), f.evidence.size() == 1 ? "" : "s");
    case Provenance::scan: return "from the scan";
    case Provenance::unknown: return "not known yet";
  }
  return {};
}

std::string bound_place(const Evidence& e) {
  return e.line ? fmt::format("{}:{}", e.path, e.line) : e.path;
}

}  // namespace

std::string bound_words(const Fact& f) {
  std::string lo, hi;
  if (f.lower)
    lo = fmt::format("at least {} ({})", f.lower->value.to_string(), bound_place(f.lower->source));
  if (f.upper)
    hi = fmt::format("up to {} ({})", f.upper->value.to_string(), bound_place(f.upper->source));
  if (lo.empty() && hi.empty()) return {};
  return "declared " + (lo.empty() ? hi : hi.empty() ? lo : lo + " and " + hi);
}

namespace {

struct Core {
  std::vector<CriterionResult> criteria;
  Verdict verdict = Verdict::undetermined;
  Verdict optimistic = Verdict::undetermined;
  Verdict pessimistic = Verdict::undetermined;
  double confidence = 0;
  std::vector<std::pair<CriterionKind, Status>> statuses;  ///< every criterion, strengths too
};

// Orders items by place, keeping the facts' order among equal places (as distinct_places).
bool by_place(const Evidence& a, const Evidence& b) {
  return std::tie(a.path, a.line, a.column) < std::tie(b.path, b.line, b.column);
}

// A criterion's evidence, one item per place across its facts (as distinct_places gives),
// held as indices into the facts' table. Where two facts' items share a line, the first one
// stands for both; when it does not already list every detector of the line, a merged copy is
// appended to the table (once for all platforms: `shared` remembers it per criterion).
EvidenceRefs criterion_evidence(const CriterionSpec& spec, const std::vector<const Fact*>& facts,
                                CriterionEvidence* shared) {
  if (shared)
    if (auto it = shared->by_criterion.find(spec.id); it != shared->by_criterion.end()) return it->second;
  const EvidenceTable* table = shared && shared->table ? shared->table.get() : nullptr;
  bool one_table = table != nullptr;
  std::size_t n = 0;
  for (const Fact* f : facts) {
    n += f->evidence.size();
    if (!f->evidence.empty() && f->evidence.table().get() != table) one_table = false;
  }
  if (!one_table) {
    // Facts made by hand, each with a table of its own: copy, as before tables.
    std::vector<Evidence> items;
    items.reserve(n);
    for (const Fact* f : facts) items.insert(items.end(), f->evidence.begin(), f->evidence.end());
    return EvidenceRefs(distinct_places(std::move(items)));
  }
  std::vector<std::uint32_t> order;
  order.reserve(n);
  for (const Fact* f : facts) order.insert(order.end(), f->evidence.indices().begin(), f->evidence.indices().end());
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return by_place((*table)[a], (*table)[b]); });
  std::vector<std::uint32_t> out;
  out.reserve(order.size());
  for (std::size_t i = 0; i < order.size();) {
    const Evidence& first = (*table)[order[i]];
    std::size_t j = i + 1;
    while (j < order.size() && (*table)[order[j]].path == first.path && (*table)[order[j]].line == first.line) ++j;
    // Reports read no detectors as just `detector`.
    auto ids = [](const Evidence& e) { return e.detectors.empty() ? std::vector<std::string>{e.detector} : e.detectors; };
    const auto first_ids = ids(first);
    bool same = true;
    for (std::size_t k = i + 1; k < j && same; ++k)
      for (const auto& d : ids((*table)[order[k]]))
        same = same && std::find(first_ids.begin(), first_ids.end(), d) != first_ids.end();
    if (same) {
      out.push_back(order[i]);
    } else {
      std::vector<Evidence> run;
      for (std::size_t k = i; k < j; ++k) run.push_back((*table)[order[k]]);
      auto merged = distinct_places(std::move(run));
      shared->table->push_back(std::move(merged.front()));  // facts refer by index: growing is safe
      table = shared->table.get();
      out.push_back(static_cast<std::uint32_t>(table->size() - 1));
    }
    i = j;
  }
  EvidenceRefs refs(shared->table, std::move(out));
  shared->by_criterion.emplace(spec.id, refs);
  return refs;
}

// Criteria and verdict without open questions (used again for each hypothetical answer).
Core evaluate_core(const detail::RulePackData& pack, const std::vector<Fact>& facts,
                   const PlatformSpec& platform, bool with_details, CriterionEvidence* shared = nullptr) {
  const auto values = fact_values(facts);
  std::map<std::string, std::string> titles;
  std::map<std::string, const Fact*> by_id;
  for (const auto& f : facts) {
    titles[f.id] = f.title;
    by_id[f.id] = &f;
  }
  std::map<std::string, KnownBounds> bounds;
  std::map<std::string, std::string> settled;
  for (const auto& f : facts) {
    if (!f.settled_by.empty()) settled[f.id] = f.settled_by;
    if (!f.lower && !f.upper) continue;
    KnownBounds& b = bounds[f.id];
    b.words = bound_words(f);
    if (f.lower) b.lower = f.lower->value.value;
    if (f.upper) b.upper = f.upper->value.value;
  }
  std::map<std::string, Status> memo;
  EvalContext ctx{&values, &platform.limits, &titles, {}, &bounds, &settled, &pack.limit_titles};
  std::function<Status(const std::string&)> status_of = [&](const std::string& id) -> Status {
    if (auto it = memo.find(id); it != memo.end()) return it->second;
    const auto* c = pack.criterion(id);
    const Status s = c ? to_status(evaluate(c->when, ctx, nullptr)) : Status::unknown;
    memo[id] = s;
    return s;
  };
  ctx.criterion_status = status_of;

  Core core;
  std::size_t decided = 0, counted = 0;
  std::vector<std::pair<CriterionKind, Status>>& statuses = core.statuses;
  for (const auto& spec : pack.criteria) {
    CriterionResult r;
    r.id = spec.id;
    r.title = spec.title;
    r.kind = spec.kind;
    std::vector<std::string> reasons;
    r.status = to_status(evaluate(spec.when, ctx, with_details ? &reasons : nullptr));
    memo[spec.id] = r.status;
    if (spec.limit_when && evaluate(*spec.limit_when, ctx, nullptr) == Tri::yes)
      r.kind = CriterionKind::limit;
    if (r.kind != CriterionKind::strength) {
      ++counted;
      if (r.status != Status::unknown) ++decided;
    }
    statuses.emplace_back(r.kind, r.status);
    if (with_details) {
      r.facts = spec.facts;
      r.advice = spec.advice;
      r.needs_change = spec.needs_change;
      std::vector<std::string> notes, titles;
      std::vector<const Fact*> read;
      for (const auto& fid : spec.facts) {
        const Fact* f = by_id.at(fid);
        read.push_back(f);
        if (f->answer) r.answers.push_back(AnsweredFact{fid, *f->answer});
        if (f->contradiction) r.contradictions.push_back(*f->contradiction);
        if (f->provenance == Provenance::unknown || f->provenance == Provenance::scan) continue;
        notes.push_back(provenance_note(*f));
        titles.push_back(f->title);
      }
      r.evidence = criterion_evidence(spec, read, shared);  // one item per place across facts
      // With one note the reason already names its fact; with several, say which is which.
      if (notes.size() > 1)
        for (std::size_t i = 0; i < notes.size(); ++i) notes[i] = fmt::format("{}: {}", titles[i], notes[i]);
      r.reason = fmt::format("{}", fmt::join(reasons, "; "));
      if (!notes.empty()) r.reason += fmt::format(" ({})", fmt::join(notes, "; "));
    }
    core.criteria.push_back(std::move(r));
  }
  core.optimistic = classify(statuses, pack.scoring, Status::clear);
  core.pessimistic = classify(statuses, pack.scoring, Status::applies);
  core.confidence = counted ? static_cast<double>(decided) / static_cast<double>(counted) : 1.0;
  if (core.optimistic == core.pessimistic) core.verdict = core.optimistic;
  else if (core.confidence >= pack.scoring.lean_confidence) core.verdict = core.optimistic;
  else core.verdict = Verdict::undetermined;
  return core;
}

// Points for statuses with every unknown taken as `unknown_as` (strengths: applies or not),
// capped by the band of the verdict class those statuses give.
int points(const std::vector<std::pair<CriterionKind, Status>>& statuses, const ScoringSpec& s,
           Status unknown_as, bool unknown_strengths_apply) {
  int score = 100;
  std::vector<std::pair<CriterionKind, Status>> settled;
  for (const auto& [kind, status] : statuses) {
    if (kind == CriterionKind::strength) {
      if (status == Status::applies || (status == Status::unknown && unknown_strengths_apply))
        score += s.strength_bonus;
      continue;
    }
    const Status st = status == Status::unknown ? unknown_as : status;
    settled.emplace_back(kind, st);
    if (st != Status::applies) continue;
    if (auto it = s.penalty.find(kind); it != s.penalty.end()) score -= it->second;
  }
  const auto [lo, hi] = s.bands.at(classify(settled, s, Status::unknown));
  return std::clamp(score, lo, hi);
}

// Candidate answers for a fact: yes/no, each choice, or values either side of every threshold
// the criteria compare it with.
std::vector<std::pair<Value, std::string>> candidates(const detail::RulePackData& pack,
                                                      const FactSpec& fact,
                                                      const PlatformSpec& platform) {
  std::vector<std::pair<Value, std::string>> out;
  if (fact.type == "bool") {
    out.emplace_back(true, "yes");
    out.emplace_back(false, "no");
    return out;
  }
  if (const auto* q = pack.question_for_fact(fact.id); q && !q->choices.empty()) {
    for (const auto& c : q->choices) out.emplace_back(c, c);
    return out;
  }
  if (fact.type != "number") return out;
  std::set<double> thresholds;
  std::function<void(const Condition&)> walk = [&](const Condition& c) {
    if (c.op == Condition::Op::compare && c.fact == fact.id) {
      const Value* v = &c.literal;
      if (!c.platform_limit.empty()) {
        auto it = platform.limits.find(c.platform_limit);
        v = it == platform.limits.end() ? nullptr : &it->second;
      }
      if (const auto* q = v ? std::get_if<Quantity>(v) : nullptr) thresholds.insert(q->value);
    }
    for (const auto& ch : c.children) walk(ch);
  };
  for (const auto& c : pack.criteria) walk(c.when);
  for (double t : thresholds) {
    const Quantity above{t + std::max(1.0, t * 0.01), fact.dimension};
    const Quantity below{std::max(0.0, t - std::max(1.0, t * 0.01)), fact.dimension};
    const Quantity at{t, fact.dimension};
    out.emplace_back(above, "over " + at.to_string());
    out.emplace_back(below, "under " + at.to_string());
  }
  return out;
}

int severity_rank(Verdict v) {
  switch (v) {
    case Verdict::not_a_fit: return 3;
    case Verdict::fit_with_caveats: return 2;
    case Verdict::good_fit: return 1;
    case Verdict::undetermined: return 0;
  }
  return 0;
}

}  // namespace

Verdict classify(const std::vector<std::pair<CriterionKind, Status>>& statuses,
                 const ScoringSpec& scoring, Status unknown_as) {
  int limits = 0, concerns = 0, adaptations = 0;
  for (const auto& [kind, status] : statuses) {
    const Status s = status == Status::unknown ? unknown_as : status;
    if (s != Status::applies) continue;
    if (kind == CriterionKind::limit) ++limits;
    if (kind == CriterionKind::concern) ++concerns;
    if (kind == CriterionKind::adaptation) ++adaptations;
  }
  if (limits > 0 || concerns >= scoring.concerns_for_not_a_fit) return Verdict::not_a_fit;
  if (concerns > 0 || adaptations > 0) return Verdict::fit_with_caveats;
  return Verdict::good_fit;
}

ScoreRange score_statuses(const std::vector<std::pair<CriterionKind, Status>>& statuses,
                          const ScoringSpec& scoring) {
  ScoreRange r;
  r.score = points(statuses, scoring, Status::clear, false);
  r.low = points(statuses, scoring, Status::applies, false);
  r.high = points(statuses, scoring, Status::clear, true);
  return r;
}

PlatformResult evaluate_platform(const detail::RulePackData& pack, const std::vector<Fact>& facts,
                                 const PlatformSpec& platform, CriterionEvidence* shared) {
  Core core = evaluate_core(pack, facts, platform, /*with_details=*/true, shared);
  PlatformResult r;
  r.platform = platform.id;
  r.name = platform.name;
  r.as_of = platform.as_of;
  r.limit_titles = pack.limit_titles;
  for (const auto& name : platform.limit_order) {
    r.limits[name] = value_to_string(platform.limits.at(name));
    r.limit_values[name] = platform.limits.at(name);
  }
  r.verdict = core.verdict;
  r.optimistic = core.optimistic;
  r.pessimistic = core.pessimistic;
  r.confidence = core.confidence;
  const ScoreRange sr = score_statuses(core.statuses, pack.scoring);
  r.score = sr.score;
  r.score_range = {sr.low, sr.high};

  int concerns = 0;
  for (const auto& c : core.criteria)
    if (c.status == Status::applies && c.kind == CriterionKind::concern) ++concerns;
  for (const auto& c : core.criteria) {
    if (c.status != Status::applies) continue;
    if (c.kind == CriterionKind::strength) r.strengths.push_back(c.id);
    else if (c.kind == CriterionKind::limit ||
             (c.kind == CriterionKind::concern && concerns >= pack.scoring.concerns_for_not_a_fit))
      r.blocking.push_back(c.id);
  }

  // Open questions: facts still unknown or contradicted that a question can settle.
  std::vector<OpenQuestion> changing, other;
  for (const auto& q : pack.questions) {
    auto fit = std::find_if(facts.begin(), facts.end(), [&](const Fact& f) { return f.id == q.fact; });
    if (fit == facts.end()) continue;
    const bool open = fit->provenance == Provenance::unknown || fit->contradiction.has_value();
    if (!open) continue;
    OpenQuestion oq;
    oq.id = q.id;
    oq.fact = q.fact;
    oq.prompt = q.prompt;
    for (const auto& c : pack.criteria)
      if (std::find(c.facts.begin(), c.facts.end(), q.fact) != c.facts.end()) oq.criteria.push_back(c.id);
    if (oq.criteria.empty()) continue;  // nothing reads it: the answer cannot matter here
    const FactSpec* spec = pack.fact(q.fact);
    for (auto& [value, words] : candidates(pack, *spec, platform)) {
      std::vector<Fact> hypo = facts;
      for (auto& f : hypo)
        if (f.id == q.fact) {
          f.value = value;
          f.provenance = Provenance::answer;
        }
      const Verdict v = evaluate_core(pack, hypo, platform, false).verdict;
      if (v == core.verdict) continue;
      if (!oq.would_change_verdict_to || severity_rank(v) > severity_rank(*oq.would_change_verdict_to)) {
        oq.would_change_verdict_to = v;
        oq.if_answer = words;
      }
    }
    (oq.would_change_verdict_to ? changing : other).push_back(std::move(oq));
  }
  r.open_questions = std::move(changing);
  r.open_questions.insert(r.open_questions.end(), other.begin(), other.end());
  r.criteria = std::move(core.criteria);
  return r;
}

}  // namespace lambdafit
