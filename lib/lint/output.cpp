#include "lint/output.hpp"

#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "lint/baseline.hpp"
#include "reports/sarif_report.hpp"

namespace lambdafit::lint {

using nlohmann::json;

namespace {

Severity severity_of(const std::string& s) {
  return s == "error" ? Severity::error : s == "note" ? Severity::note : Severity::warning;
}

json finding_json(const Finding& f) {
  const auto& e = f.evidence;
  json j{{"path", e.path},         {"line", e.line},         {"column", e.column},
         {"detector", e.detector}, {"severity", f.severity}, {"message", e.message},
         {"snippet", e.snippet},   {"fact", e.fact},         {"criteria", f.criteria},
         {"fingerprint", f.fingerprint}};
  if (e.suppressed) j["suppression_reason"] = e.suppression_reason;
  return j;
}

}  // namespace

std::string render_text(const LintResult& r, const RulePack& pack, const std::string& prefix, bool advice) {
  std::map<std::string, CriterionInfo> criteria;
  for (auto& c : pack.criteria()) criteria[c.id] = c;
  std::string out;
  std::set<std::string> advised;
  for (const auto& f : r.findings) {
    const auto& e = f.evidence;
    const SourceLocation at{prefix + e.path, e.line, e.column};
    Diagnostic d{severity_of(f.severity), fmt::format("{} [{}]", e.message.empty() ? e.detector : e.message, e.detector),
                 at, e.line > 0 ? e.snippet : std::string()};
    out += d.format() + "\n";
    if (!advice || !advised.insert(e.detector).second) continue;
    for (const auto& id : f.criteria) {
      auto it = criteria.find(id);
      if (it == criteria.end()) continue;
      Diagnostic note{Severity::note,
                      fmt::format("checklist '{}' ({}): {}", id, it->second.title, it->second.advice),
                      at,
                      {}};
      out += note.format() + "\n";
    }
  }
  return out;
}

std::string render_resolved(const LintResult& r, const std::string& prefix) {
  std::string out;
  for (const auto& e : r.resolved)
    out += fmt::format("{}{}:{}: resolved: [{}] {}\n", prefix, e.path, e.line, e.detector, e.snippet);
  return out;
}

std::string render_json(const LintResult& r) {
  json findings = json::array(), baselined = json::array(), suppressed = json::array(),
       suppressions = json::array();
  std::map<std::string, int> by_level{{"error", 0}, {"warning", 0}, {"note", 0}};
  for (const auto& f : r.findings) {
    findings.push_back(finding_json(f));
    ++by_level[f.severity];
  }
  for (const auto& f : r.baselined) baselined.push_back(finding_json(f));
  for (const auto& f : r.suppressed) suppressed.push_back(finding_json(f));
  for (const auto& s : r.suppressions)
    suppressions.push_back({{"path", s.path},
                            {"line", s.line},
                            {"column", s.column},
                            {"form", std::string(to_string(s.form))},
                            {"ids", s.ids},
                            {"reason", s.reason},
                            {"first_line", s.first_line},
                            {"last_line", s.last_line},
                            {"uses", s.uses}});
  json doc{{"schema_version", 1},
           {"tool", {{"name", "lambdafit"}, {"version", std::string(version())}}},
           {"root", r.root},
           {"summary",
            {{"files", r.files},
             {"new", r.findings.size()},
             {"errors", by_level["error"]},
             {"warnings", by_level["warning"]},
             {"notes", by_level["note"]},
             {"baselined", r.baselined.size()},
             {"suppressed", r.suppressed.size()}}},
           {"findings", findings},
           {"baselined", baselined},
           {"suppressed", suppressed},
           {"suppressions", suppressions},
           {"notes", r.notes}};
  if (r.resolved_checked) {
    json resolved = json::array();
    for (const auto& e : r.resolved)
      resolved.push_back({{"path", e.path}, {"line", e.line}, {"detector", e.detector}, {"snippet", e.snippet},
                          {"fingerprint", e.fingerprint}});
    doc["resolved"] = std::move(resolved);
  }
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string render_lint_sarif(const LintResult& r, const RulePack& pack) {
  // The report writer works on an Assessment: give it the findings as fact evidence and the
  // silenced ones as suppressed, with criteria (no statuses) so it can name them.
  Assessment a;
  a.tool_version = std::string(version());
  a.workload_path = r.root;
  a.workload_name = r.root;
  PlatformResult p;
  for (const auto& c : pack.criteria()) {
    CriterionResult cr;
    cr.id = c.id;
    cr.title = c.title;
    cr.kind = c.kind;
    cr.facts = c.facts;
    p.criteria.push_back(std::move(cr));
  }
  a.platforms.push_back(std::move(p));
  Fact all;
  std::vector<Evidence> findings;  // the fact's evidence, set once (push_back copies a shared table)
  // Results are matched back to findings by place, to set the lint's own level, baseline
  // state and fingerprint (occurrences counted over the whole file, as in the baseline).
  std::map<std::string, std::pair<const Finding*, const char*>> by_place;
  auto place = [](const std::string& path, int line, int column, const std::string& detector) {
    return fmt::format("{}\n{}\n{}\n{}", path, line, column, detector);
  };
  for (const auto* list : {&r.findings, &r.baselined, &r.suppressed}) {
    const char* st = list == &r.findings ? "new" : list == &r.baselined ? "unchanged" : nullptr;
    for (const auto& f : *list) {
      if (list == &r.suppressed) a.scan.suppressed.push_back(f.evidence);
      else findings.push_back(f.evidence);
      by_place[place(f.evidence.path, f.evidence.line, f.evidence.column, f.evidence.detector)] = {&f, st};
    }
  }
  all.evidence = EvidenceRefs(std::move(findings));
  a.facts.push_back(std::move(all));
  a.scan.coverage_notes = r.notes;
  json log = json::parse(render_sarif(a, &pack));
  auto& run = log["runs"][0];
  run.erase("properties");  // verdict, score and confidence: lint decides none of them
  for (auto& res : run["results"]) {
    const auto& loc = res["locations"][0]["physicalLocation"];
    std::string path = loc["artifactLocation"].value("uri", "");
    int line = 0, column = 0;
    if (loc.contains("region")) {
      line = loc["region"].value("startLine", 0);
      column = loc["region"].value("startColumn", 0);
    }
    // The writer percent-encodes uris; compare with the decoded path.
    std::string decoded;
    for (std::size_t i = 0; i < path.size(); ++i) {
      if (path[i] == '%' && i + 2 < path.size()) {
        decoded += static_cast<char>(std::stoi(path.substr(i + 1, 2), nullptr, 16));
        i += 2;
      } else {
        decoded += path[i];
      }
    }
    auto it = by_place.find(place(decoded, line, column, res.value("ruleId", "")));
    if (it == by_place.end()) continue;
    const auto& [f, st] = it->second;
    res["level"] = f->severity;
    if (st) res["baselineState"] = st;
    res["partialFingerprints"] = {{"lambdafit/v1", f->fingerprint}};
  }
  return log.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string render_suppressions(const LintResult& r, const std::string& prefix) {
  std::string out;
  for (const auto& s : r.suppressions)
    out += fmt::format("{}{}:{}:{}: {}({}): {} [silenced {}]\n", prefix, s.path, s.line, s.column,
                       to_string(s.form), s.ids.empty() ? "*" : fmt::format("{}", fmt::join(s.ids, ",")),
                       s.reason.empty() ? "(no reason given)" : s.reason, s.uses);
  return out;
}

std::string render_baseline(const LintResult& r) {
  std::vector<BaselineEntry> entries;
  for (const auto* list : {&r.findings, &r.baselined})
    for (const auto& f : *list)
      entries.push_back({f.fingerprint, f.evidence.detector, f.evidence.path, f.evidence.line, f.evidence.snippet});
  return baseline_json(std::move(entries));
}

std::string summary_line(const LintResult& r) {
  std::map<std::string, int> n;
  for (const auto& f : r.findings) ++n[f.severity];
  std::vector<std::string> parts;
  for (const char* level : {"error", "warning", "note"})
    if (n[level]) parts.push_back(fmt::format("{} {}{}", n[level], level, n[level] == 1 ? "" : "s"));
  std::string s = fmt::format("{} new finding{}", r.findings.size(), r.findings.size() == 1 ? "" : "s");
  if (!parts.empty()) s += fmt::format(" ({})", fmt::join(parts, ", "));
  if (!r.baselined.empty()) s += fmt::format("; {} in the baseline", r.baselined.size());
  if (!r.suppressed.empty()) s += fmt::format("; {} suppressed", r.suppressed.size());
  s += fmt::format("; {} file{} linted", r.files, r.files == 1 ? "" : "s");
  return s;
}

}  // namespace lambdafit::lint
