#include "facts/resolve.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string_view>

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
  std::vector<Value> stated;  // what every place, or every detector behind it, says
  for (const Evidence* e : ev) {
    // A descriptor states its own value; a plain detector gives its fixed one.
    if (!std::holds_alternative<std::monostate>(e->value)) {
      stated.push_back(e->value);
      continue;
    }
    const auto& ids = e->detectors.empty() ? std::vector<std::string>{e->detector} : e->detectors;
    for (const auto& id : ids)
      for (const auto& d : pack.detectors)
        if (d.id == id) stated.push_back(d.value);
  }
  for (Value v : stated) {
    if (spec.type == "list")
      if (const auto* one = std::get_if<std::string>(&v)) v = StringList{*one};
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

std::string place(const Evidence& e) {
  return e.line ? fmt::format("{}:{}", e.path, e.line) : e.path;
}

// Declared bounds: the largest upper bound (a workload with several functions may use any
// of their limits) and the largest lower bound.
void take_bound(std::optional<FactBound>& slot, const Evidence& e) {
  const auto* q = std::get_if<Quantity>(&e.value);
  if (!q) return;
  if (!slot || q->value > slot->value.value) slot = FactBound{*q, e};
}

// A value that falls outside a declared bound, as a sentence; empty when it fits.
std::string outside_bounds(const Fact& f, const Value& v) {
  const auto* q = std::get_if<Quantity>(&v);
  if (!q) return {};
  if (f.upper && q->value > f.upper->value.value + 1e-9)
    return fmt::format("{} declares at most {}", place(f.upper->source), f.upper->value.to_string());
  if (f.lower && q->value + 1e-9 < f.lower->value.value)
    return fmt::format("{} declares at least {}", place(f.lower->source), f.lower->value.to_string());
  return {};
}

bool has_tag(const FactSpec& s, std::string_view tag) {
  return std::find(s.tags.begin(), s.tags.end(), tag) != s.tags.end();
}

}  // namespace

std::vector<Fact> resolve_facts(const detail::RulePackData& pack,
                                const std::vector<Evidence>& evidence,
                                const std::map<std::string, Value>& computed,
                                const std::map<std::string, Answer>& answers) {
  auto table = std::make_shared<EvidenceTable>();
  for (const auto& e : evidence)
    if (!e.suppressed && e.counted) table->push_back(e);
  return resolve_facts_in_table(pack, std::move(table), computed, answers);
}

std::vector<Fact> resolve_facts_in_table(const detail::RulePackData& pack,
                                         std::shared_ptr<const EvidenceTable> table,
                                         const std::map<std::string, Value>& computed,
                                         const std::map<std::string, Answer>& answers) {
  if (!table) table = std::make_shared<const EvidenceTable>();
  if (table->size() > std::numeric_limits<std::uint32_t>::max())
    throw std::length_error("more evidence items than an index can hold");
  // Each fact's items, as indices into the one table.
  std::map<std::string_view, std::vector<std::uint32_t>> by_fact;
  for (std::uint32_t i = 0; i < table->size(); ++i) {
    const Evidence& e = (*table)[i];
    if (!e.suppressed && e.counted) by_fact[e.fact].push_back(i);
  }
  std::vector<Fact> facts;
  for (const auto& spec : pack.facts) {
    Fact f;
    f.id = spec.id;
    f.title = spec.title;
    std::vector<const Evidence*> ev;
    std::vector<std::uint32_t> mine;
    if (auto it = by_fact.find(spec.id); it != by_fact.end()) mine = std::move(it->second);
    for (const std::uint32_t i : mine) {
      const Evidence& e = (*table)[i];
      if (spec.type == "number" && e.bound == Bound::upper) take_bound(f.upper, e);
      else if (spec.type == "number" && e.bound == Bound::lower) take_bound(f.lower, e);
      else ev.push_back(&e);
    }
    f.evidence = EvidenceRefs(table, std::move(mine));
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
    if (const auto why = outside_bounds(f, f.value); !why.empty()) {
      Contradiction c;
      c.fact = spec.id;
      c.scanned = f.value;
      c.evidence_count = f.evidence.size();
      c.message = fmt::format("the scan found {}, but {}", value_to_string(f.value), why);
      f.contradiction = std::move(c);
    }
    if (auto a = answers.find(spec.id); a != answers.end()) {
      if (const auto why = outside_bounds(f, a->second.value); !why.empty()) {
        Contradiction c;
        c.fact = spec.id;
        c.answer = a->second.value;
        c.scanned = f.value;
        c.evidence_count = f.evidence.size();
        c.message = fmt::format("answered '{}', but {}", value_to_string(c.answer), why);
        f.contradiction = std::move(c);
      } else if (f.provenance == Provenance::evidence && !same(f.value, a->second.value)) {
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
  settle_host_facts(pack, facts);
  return facts;
}

void settle_host_facts(const detail::RulePackData& pack, std::vector<Fact>& facts) {
  // Deployed as a function: the first place a descriptor says so.
  const Evidence* deployed = nullptr;
  for (const auto& spec : pack.facts) {
    if (!has_tag(spec, "function-deployment")) continue;
    for (const auto& f : facts)
      if (f.id == spec.id && f.provenance == Provenance::evidence && !f.evidence.empty())
        deployed = &f.evidence.front();
    if (deployed) break;
  }
  if (!deployed) return;
  const Evidence where = *deployed;  // facts may move below
  const std::string because = fmt::format("no host of its own: {} deploys it as a function", place(where));
  for (const auto& spec : pack.facts) {
    if (!has_tag(spec, "host") || spec.type != "bool") continue;
    for (auto& f : facts) {
      if (f.id != spec.id) continue;
      if (f.provenance == Provenance::unknown ||
          (f.provenance == Provenance::scan && !std::holds_alternative<bool>(f.value))) {
        f.value = false;
        f.provenance = Provenance::scan;
        f.settled_by = because;
      } else if (f.provenance == Provenance::evidence && !f.contradiction) {
        // Code says otherwise: keep what it found and show the disagreement.
        Contradiction c;
        c.fact = f.id;
        c.answer = false;
        c.scanned = f.value;
        c.evidence_count = f.evidence.size();
        c.message = fmt::format("{} deploys it as a function, which has no host of its own, but the "
                                "scan found {} ({} place{})",
                                place(where), value_to_string(f.value), c.evidence_count,
                                c.evidence_count == 1 ? "" : "s");
        f.contradiction = std::move(c);
      }
    }
  }
}

std::map<std::string, Value> fact_values(const std::vector<Fact>& facts) {
  std::map<std::string, Value> out;
  for (const auto& f : facts) out[f.id] = f.value;
  return out;
}

}  // namespace lambdafit
