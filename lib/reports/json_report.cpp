#include "reports/json_report.hpp"

#include <cmath>

#include "core/quantity.hpp"

namespace lambdafit {

using nlohmann::json;

json value_json(const Value& v) {
  struct Visitor {
    json operator()(std::monostate) const { return nullptr; }
    json operator()(bool b) const { return b; }
    json operator()(const Quantity& q) const { return q.value; }
    json operator()(const std::string& s) const { return s; }
    json operator()(const StringList& l) const { return l; }
  };
  return std::visit(Visitor{}, v);
}

json evidence_json(const Evidence& e) {
  json j{{"path", e.path},     {"line", e.line},       {"column", e.column},
         {"detector", e.detector}, {"fact", e.fact}, {"snippet", e.snippet},
         {"message", e.message}};
  j["detectors"] = e.detectors.empty() ? std::vector<std::string>{e.detector} : e.detectors;
  j["role"] = std::string(to_string(e.role));
  j["counted"] = e.counted;
  if (e.suppressed) {
    j["suppressed"] = true;
    j["suppression_reason"] = e.suppression_reason;
  }
  if (!std::holds_alternative<std::monostate>(e.value)) {
    j["value"] = value_json(e.value);
    j["value_text"] = value_to_string(e.value);
    j["bound"] = std::string(to_string(e.bound));
  }
  return j;
}

namespace {

// The report's one evidence table: the assessment's own table in its order (so indices are
// the library's), then items that facts or criteria of a hand-made Assessment keep in tables
// of their own, each distinct item once.
class EvidenceIndex {
 public:
  explicit EvidenceIndex(const Assessment& a) : main_(a.evidence), table_(json::array()) {
    if (main_)
      for (const auto& e : *main_) table_.push_back(evidence_json(e));
  }

  /// The indices of `refs` in the report's table.
  json refs(const EvidenceRefs& refs) {
    json out = json::array();
    if (refs.table() && refs.table() == main_) {
      for (const auto i : refs.indices()) out.push_back(i);
      return out;
    }
    for (const auto& e : refs) {
      json item = evidence_json(e);
      std::string key = item.dump();
      auto [it, added] = foreign_.try_emplace(std::move(key), table_.size());
      if (added) table_.push_back(std::move(item));
      out.push_back(it->second);
    }
    return out;
  }

  json take() { return std::move(table_); }

 private:
  std::shared_ptr<const EvidenceTable> main_;
  json table_;
  std::map<std::string, std::size_t> foreign_;
};

json place_json(const SourceLocation& l) { return {{"path", l.file}, {"line", l.line}, {"column", l.column}}; }

// Least-privilege IAM per function (lib/permissions).
json permissions_json(const PermissionsSummary& p) {
  json fns = json::array();
  for (const auto& f : p.functions) {
    json fj{{"name", f.name}, {"template", f.where.file.empty() ? json() : place_json(f.where)},
            {"used_actions", f.used_actions}, {"calls", json::array()}, {"notes", f.notes}};
    for (const auto& c : f.calls) fj["calls"].push_back(place_json(c));
    json policy = json::array();
    for (const auto& st : f.policy) {
      json calls = json::array();
      for (const auto& c : st.calls) calls.push_back(place_json(c));
      policy.push_back({{"actions", st.actions}, {"resources", st.resources}, {"calls", calls}, {"notes", st.notes}});
    }
    fj["policy"] = std::move(policy);
    if (f.grants_known) {
      json wild = json::array();
      for (const auto& w : f.wildcards) {
        json wj = place_json(w.where);
        wj["action"] = w.action;
        wj["resource"] = w.resource;
        wj["source"] = w.source;
        wild.push_back(std::move(wj));
      }
      json by_grant = json::array();
      for (const auto& u : f.unused_by_grant) {
        json uj = place_json(u.where);
        uj["source"] = u.source;
        uj["actions"] = u.actions;
        by_grant.push_back(std::move(uj));
      }
      json not_granted = json::array();
      for (const auto& n : f.not_granted) {
        json calls = json::array();
        for (const auto& c : n.calls) calls.push_back(place_json(c));
        not_granted.push_back({{"actions", n.actions}, {"resources", n.resources}, {"calls", calls}, {"notes", n.notes}});
      }
      fj["granted"] = {{"actions", f.granted_actions}, {"over_grant_ratio", std::round(f.over_grant_ratio * 10) / 10},
                       {"unused", f.unused}, {"unused_by_grant", by_grant}, {"wildcards", wild}, {"missing", f.missing}, {"not_granted", not_granted}};
    } else {
      fj["granted"] = nullptr;
    }
    fns.push_back(std::move(fj));
  }
  return {{"data_as_of", p.data_as_of}, {"functions", fns}, {"notes", p.notes}};
}

json bound_json(const FactBound& b) {
  return {{"value", b.value.value},
          {"value_text", b.value.to_string()},
          {"unit", std::string(canonical_unit(b.value.dimension))},
          {"source", evidence_json(b.source)}};
}

// Declared bounds and how the scan settled a fact, on both fact listings.
void add_bounds(json& j, const Fact& f) {
  if (f.lower) j["lower"] = bound_json(*f.lower);
  if (f.upper) j["upper"] = bound_json(*f.upper);
  if (!f.settled_by.empty()) j["settled_by"] = f.settled_by;
}

json answer_json(const std::string& fact, const Answer& a) {
  json j{{"fact", fact}, {"value", value_json(a.value)}, {"value_text", value_to_string(a.value)}};
  if (!a.by.empty()) j["by"] = a.by;
  if (!a.date.empty()) j["date"] = a.date;
  if (!a.note.empty()) j["note"] = a.note;
  if (!a.source.file.empty()) j["source"] = {{"file", a.source.file}, {"line", a.source.line}, {"column", a.source.column}};
  return j;
}

json contradiction_json(const Contradiction& c) {
  return {{"fact", c.fact},
          {"answer", value_json(c.answer)},
          {"scanned", value_json(c.scanned)},
          {"evidence_count", c.evidence_count},
          {"message", c.message}};
}

json question_json(const OpenQuestion& q) {
  json j{{"id", q.id}, {"fact", q.fact}, {"prompt", q.prompt}, {"criteria", q.criteria}};
  if (q.would_change_verdict_to) {
    j["would_change_verdict_to"] = std::string(to_string(*q.would_change_verdict_to));
    j["if_answer"] = q.if_answer;
  }
  return j;
}

json criterion_json(const CriterionResult& c, const std::map<std::string, const Fact*>& facts,
                    EvidenceIndex& evidence) {
  json j{{"id", c.id},         {"title", c.title},   {"kind", std::string(to_string(c.kind))},
         {"status", std::string(to_string(c.status))}, {"reason", c.reason}, {"advice", c.advice}};
  // A strength that helps only once its advice is followed (a polling loop to replace).
  j["needs_change"] = c.needs_change;
  j["facts"] = json::array();
  for (const auto& id : c.facts) {
    const Fact* f = facts.at(id);
    json fj{{"id", id},
            {"value", value_json(f->value)},
            {"value_text", value_to_string(f->value)},
            {"provenance", std::string(to_string(f->provenance))}};
    add_bounds(fj, *f);
    j["facts"].push_back(std::move(fj));
  }
  j["evidence"] = evidence.refs(c.evidence);  // indices into the report's `evidence`
  j["answers"] = json::array();
  for (const auto& a : c.answers) j["answers"].push_back(answer_json(a.fact, a.answer));
  if (!c.answers.empty()) j["answer"] = j["answers"].front();
  if (!c.contradictions.empty()) j["contradiction"] = contradiction_json(c.contradictions.front());
  return j;
}

// Each limit as {value, unit, text}: numbers in the canonical unit of their dimension (s, MB),
// yes/no as booleans, lists as arrays, and the text people read.
json limits_json(const PlatformResult& p) {
  json out = json::object();
  for (const auto& [name, text] : p.limits) {
    json l{{"value", text}, {"unit", nullptr}, {"text", text}};
    for (const auto& [k, title] : p.limit_titles)
      if (k == name) l["title"] = title;
    if (auto it = p.limit_values.find(name); it != p.limit_values.end()) {
      l["value"] = value_json(it->second);
      if (const auto* q = std::get_if<Quantity>(&it->second); q && q->dimension != Dimension::count)
        l["unit"] = std::string(canonical_unit(q->dimension));
    }
    out[name] = std::move(l);
  }
  return out;
}

json platform_json(const PlatformResult& p, const std::map<std::string, const Fact*>& facts,
                   EvidenceIndex& evidence) {
  json j{{"id", p.platform},
         {"name", p.name},
         {"as_of", p.as_of},
         {"limits", limits_json(p)},
         {"verdict", std::string(to_string(p.verdict))},
         {"optimistic_verdict", std::string(to_string(p.optimistic))},
         {"pessimistic_verdict", std::string(to_string(p.pessimistic))},
         {"score", p.score},
         {"score_range", {p.score_range.first, p.score_range.second}},
         {"confidence", p.confidence},
         {"blocking", p.blocking},
         {"strengths", p.strengths}};
  j["criteria"] = json::array();
  for (const auto& c : p.criteria) j["criteria"].push_back(criterion_json(c, facts, evidence));
  j["open_questions"] = json::array();
  for (const auto& q : p.open_questions) j["open_questions"].push_back(question_json(q));
  return j;
}

}  // namespace

json report_json(const Assessment& a) {
  std::map<std::string, const Fact*> facts;
  for (const auto& f : a.facts) facts[f.id] = &f;
  json j;
  j["schema_version"] = kReportSchemaVersion;
  j["tool"] = {{"name", a.tool_name}, {"version", a.tool_version}};
  j["workload"] = {{"name", a.workload_name}, {"path", a.workload_path}};
  EvidenceIndex evidence(a);
  json platforms = json::array();
  for (const auto& p : a.platforms) platforms.push_back(platform_json(p, facts, evidence));
  if (!platforms.empty()) {
    const auto& primary = platforms.front();
    j["platform"] = {{"id", primary["id"]}, {"name", primary["name"]}, {"as_of", primary["as_of"]},
                     {"limits", primary["limits"]}};
    for (const char* k : {"verdict", "optimistic_verdict", "pessimistic_verdict", "score",
                          "score_range", "confidence", "blocking", "strengths", "criteria", "open_questions"})
      j[k] = primary[k];
  }
  j["platforms"] = platforms;
  j["facts"] = json::array();
  for (const auto& f : a.facts) {
    json fj{{"id", f.id},
            {"title", f.title},
            {"value", value_json(f.value)},
            {"value_text", value_to_string(f.value)},
            {"provenance", std::string(to_string(f.provenance))},
            {"evidence_count", f.evidence.size()}};
    fj["evidence"] = evidence.refs(f.evidence);
    if (const auto* q = std::get_if<Quantity>(&f.value)) fj["unit"] = std::string(canonical_unit(q->dimension));
    if (f.answer) fj["answer"] = answer_json(f.id, *f.answer);
    if (f.contradiction) fj["contradiction"] = contradiction_json(*f.contradiction);
    add_bounds(fj, f);
    j["facts"].push_back(std::move(fj));
  }
  j["evidence"] = evidence.take();
  json scan{{"files", a.scan.files},
            {"translation_units", a.scan.translation_units},
            {"tu_ok", a.scan.tu_ok},
            {"tu_errors", a.scan.tu_errors},
            {"parse_failures", a.scan.parse_failures},
            {"tu_reused", a.scan.tu_reused},
            {"file_results_reused", a.scan.file_results_reused},
            {"duration_ms", a.scan.duration_ms},
            {"coverage_notes", a.scan.coverage_notes}};
  scan["suppressed"] = json::array();
  for (const auto& e : a.scan.suppressed) scan["suppressed"].push_back(evidence_json(e));
  scan["roles"] = json::object();
  for (auto r : all_file_roles()) {
    auto it = a.scan.roles.find(r);
    scan["roles"][std::string(to_string(r))] = it == a.scan.roles.end() ? 0 : it->second;
  }
  scan["deployed_by"] = json::array();
  for (const auto& d : a.scan.deployed_by)
    scan["deployed_by"].push_back(
        {{"path", d.path}, {"source", d.source}, {"rule", d.rule}, {"files", d.files}, {"changed", d.changed},
         {"role", std::string(to_string(d.role))}});
  scan["not_counted"] = json::array();
  for (const auto& e : a.scan.not_counted) scan["not_counted"].push_back(evidence_json(e));
  j["scan"] = std::move(scan);
  j["scheduled_jobs"] = json::array();
  for (const auto& s : a.scheduled_jobs)
    j["scheduled_jobs"].push_back({{"path", s.path},
                                   {"line", s.line},
                                   {"schedule", s.schedule},
                                   {"command", s.command},
                                   {"script", s.script},
                                   {"candidate", s.candidate},
                                   {"reasons", s.reasons}});
  j["languages"] = json::array();
  for (const auto& l : a.languages) j["languages"].push_back({{"language", l.language}, {"bytes", l.bytes}});
  if (a.package)
    j["package"] = {{"bytes", a.package->bytes},
                    {"avoidable_bytes", a.package->avoidable_bytes},
                    {"avoidable", a.package->avoidable}};
  if (a.permissions.analyzed) j["permissions"] = permissions_json(a.permissions);
  j["warnings"] = json::array();
  for (const auto& w : a.warnings) j["warnings"].push_back(w.format());
  return j;
}

std::string to_json(const Assessment& a, int indent) noexcept {
  try {
    return report_json(a).dump(indent, ' ', false, json::error_handler_t::replace);
  } catch (...) {
    return "{}";
  }
}

}  // namespace lambdafit
