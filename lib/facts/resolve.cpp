#include "facts/resolve.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace lambdafit {

namespace {

bool same(const Value& a, const Value& b) {
  const auto* qa = std::get_if<Quantity>(&a);
  const auto* qb = std::get_if<Quantity>(&b);
  if (qa && qb) return std::fabs(qa->value - qb->value) < 1e-9;
  return a == b;
}

// What the matched detectors say the fact is.
Value value_from_evidence(const FactSpec& spec, const std::vector<const Evidence*>& ev,
                          const detail::RulePackData& pack) {
  if (spec.type == "bool") return true;
  Value out;
  std::vector<const DetectorSpec*> matched;  // every detector behind every place
  for (const Evidence* e : ev) {
    const auto& ids = e->detectors.empty() ? std::vector<std::string>{e->detector} : e->detectors;
    for (const auto& id : ids)
      for (const auto& d : pack.detectors)
        if (d.id == id) matched.push_back(&d);
  }
  for (const DetectorSpec* det : matched) {
    const Value& v = det->value;
    if (spec.type == "number") {
      const auto* q = std::get_if<Quantity>(&v);
      const auto* cur = std::get_if<Quantity>(&out);
      if (q && (!cur || q->value > cur->value)) out = *q;
    } else if (spec.type == "list") {
      StringList l = std::holds_alternative<StringList>(out) ? std::get<StringList>(out) : StringList{};
      if (const auto* add = std::get_if<StringList>(&v))
        for (const auto& s : *add)
          if (std::find(l.begin(), l.end(), s) == l.end()) l.push_back(s);
      out = std::move(l);
    } else if (std::holds_alternative<std::monostate>(out)) {
      out = v;
    }
  }
  return out;
}

}  // namespace

std::vector<Fact> resolve_facts(const detail::RulePackData& pack,
                                const std::vector<Evidence>& evidence,
                                const std::map<std::string, Value>& computed,
                                const std::map<std::string, Answer>& answers) {
  std::vector<Fact> facts;
  for (const auto& spec : pack.facts) {
    Fact f;
    f.id = spec.id;
    f.title = spec.title;
    std::vector<const Evidence*> ev;
    for (const auto& e : evidence)
      if (e.fact == spec.id && !e.suppressed && e.counted) {
        ev.push_back(&e);
        f.evidence.push_back(e);
      }
    if (!ev.empty()) {
      f.value = value_from_evidence(spec, ev, pack);
      f.provenance = Provenance::evidence;
    } else if (auto it = computed.find(spec.id); it != computed.end()) {
      f.value = it->second;
      f.provenance = Provenance::scan;
    } else if (spec.when_no_evidence == WhenNoEvidence::no && spec.type == "bool") {
      f.value = false;
      f.provenance = Provenance::scan;
    }
    if (auto a = answers.find(spec.id); a != answers.end()) {
      if (f.provenance == Provenance::evidence && !same(f.value, a->second.value)) {
        Contradiction c;
        c.fact = spec.id;
        c.answer = a->second.value;
        c.scanned = f.value;
        c.evidence_count = f.evidence.size();
        c.message = fmt::format("answered '{}', but the scan found {} ({} place{})",
                                value_to_string(c.answer), value_to_string(c.scanned),
                                c.evidence_count, c.evidence_count == 1 ? "" : "s");
        f.contradiction = std::move(c);
      }
      f.value = a->second.value;
      f.answer = a->second;
      f.provenance = Provenance::answer;
    }
    facts.push_back(std::move(f));
  }
  return facts;
}

std::map<std::string, Value> fact_values(const std::vector<Fact>& facts) {
  std::map<std::string, Value> out;
  for (const auto& f : facts) out[f.id] = f.value;
  return out;
}

}  // namespace lambdafit
