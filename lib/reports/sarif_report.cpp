#include "reports/sarif_report.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "reports/permissions_section.hpp"

namespace lambdafit {

using nlohmann::json;

namespace {

constexpr const char* kSarifSchema =
    "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json";
constexpr const char* kFingerprintKey = "lambdafit/v1";

// SARIF levels by criterion kind: a hard limit is an error, a concern a warning, a needed
// adaptation a note, and a strength is informational.
int kind_weight(CriterionKind k) {
  switch (k) {
    case CriterionKind::limit: return 3;
    case CriterionKind::concern: return 2;
    case CriterionKind::adaptation: return 1;
    case CriterionKind::strength: return 0;
  }
  return 0;
}

const char* level_for(int weight) {
  return weight >= 3 ? "error" : weight == 2 ? "warning" : weight == 1 ? "note" : "none";
}

const char* level_from_severity(const std::string& s) {
  return s == "error" ? "error" : s == "note" ? "note" : "warning";
}

std::string uri_encode(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/')
      out += static_cast<char>(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

std::string srcroot_uri(const std::string& workload_path) {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::absolute(workload_path, ec);
  if (ec) p = workload_path;
  std::string s = p.lexically_normal().generic_string();
  if (s.empty() || s.back() != '/') s += '/';
  return "file://" + uri_encode(s);
}

std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 0xcbf29ce484222325ULL) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

struct RuleTable {
  json rules = json::array();
  std::map<std::string, std::size_t> index;
  /// Detectors that declare `severity: note`: what they find is a declaration (a template's
  /// Timeout, a Dockerfile's CMD), so it is a note whatever criterion reads it.
  std::set<std::string> notes;

  void add(json rule) {
    const std::string id = rule["id"];
    if (index.count(id)) return;
    index[id] = rules.size();
    rules.push_back(std::move(rule));
  }
};

RuleTable rules_from_pack(const RulePack& pack) {
  std::map<std::string, CriterionInfo> criteria;
  for (auto& c : pack.criteria()) criteria[c.id] = c;
  RuleTable t;
  for (const auto& d : pack.detectors()) {
    std::string help_text, help_md;
    int weight = -1;
    for (const auto& cid : d.criteria) {
      auto it = criteria.find(cid);
      if (it == criteria.end()) continue;
      weight = std::max(weight, kind_weight(it->second.kind));
      if (it->second.advice.empty()) continue;
      help_text += fmt::format("{}{} ({}): {}", help_text.empty() ? "" : "\n\n", it->second.title, cid,
                               it->second.advice);
      help_md += fmt::format("{}**{}** (`{}`): {}", help_md.empty() ? "" : "\n\n", it->second.title, cid,
                             it->second.advice);
    }
    if (help_text.empty()) help_text = help_md = d.description.empty() ? d.message : d.description;
    json rule{{"id", d.id},
              {"shortDescription", {{"text", d.message.empty() ? d.id : d.message}}},
              {"fullDescription", {{"text", d.description.empty() ? d.message : d.description}}},
              {"help", {{"text", help_text}, {"markdown", help_md}}},
              {"defaultConfiguration",
               {{"level", weight >= 0 && d.severity != "note" ? level_for(weight)
                                                             : level_from_severity(d.severity)}}}};
    json props{{"fact", d.fact}, {"kind", d.kind}, {"criteria", d.criteria}};
    if (!d.criteria.empty()) props["criterion"] = d.criteria.front();
    json tags = json::array({"lambdafit"});
    for (const auto& c : d.criteria) tags.push_back(c);
    props["tags"] = tags;
    rule["properties"] = props;
    if (rule["fullDescription"]["text"].get<std::string>().empty())
      rule["fullDescription"]["text"] = d.id;
    if (d.severity == "note") t.notes.insert(d.id);
    t.add(std::move(rule));
  }
  return t;
}

}  // namespace

std::string normalize_source_line(std::string_view s) {
  std::string out;
  bool blank = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') {
      blank = true;
      continue;
    }
    if (blank && !out.empty()) out += ' ';
    blank = false;
    out += c;
  }
  return out;
}

std::string finding_fingerprint(std::string_view detector, std::string_view path,
                                std::string_view snippet, std::size_t occurrence) {
  std::string key;
  key.append(detector).push_back('\0');
  key.append(path).push_back('\0');
  key.append(normalize_source_line(snippet)).push_back('\0');
  key += std::to_string(occurrence);
  return fmt::format("{:016x}", fnv1a(key));
}

std::string render_sarif(const Assessment& a, const RulePack* pack) {
  const auto& p = a.primary();
  RuleTable rules = pack ? rules_from_pack(*pack) : RuleTable{};

  // Criteria on the primary platform that read each fact, for levels and messages.
  std::map<std::string, std::vector<const CriterionResult*>> by_fact;
  for (const auto& c : p.criteria)
    for (const auto& f : c.facts) by_fact[f].push_back(&c);

  // Every evidence item once: the facts' evidence plus what lambdafit-ignore comments silenced.
  std::vector<const Evidence*> items;
  for (const auto& f : a.facts)
    for (const auto& e : f.evidence) items.push_back(&e);
  for (const auto& e : a.scan.suppressed) items.push_back(&e);
  // Evidence from roles the fact does not count: informational results (level "none").
  for (const auto& e : a.scan.not_counted) items.push_back(&e);
  std::stable_sort(items.begin(), items.end(), [](const Evidence* x, const Evidence* y) {
    return std::tie(x->path, x->line, x->column, x->detector) < std::tie(y->path, y->line, y->column, y->detector);
  });

  std::map<std::string, std::size_t> occurrences;
  json results = json::array();
  for (const Evidence* e : items) {
    if (!rules.index.count(e->detector)) {
      rules.add({{"id", e->detector},
                 {"shortDescription", {{"text", e->message.empty() ? e->detector : e->message}}},
                 {"properties", {{"fact", e->fact}}}});
    }
    const auto& readers = by_fact[e->fact];
    int weight = readers.empty() || !e->counted ? 1 : 0;
    std::vector<std::string> ids;
    for (const auto* c : readers) {
      if (e->counted) weight = std::max(weight, kind_weight(c->kind));
      ids.push_back(c->id);
    }
    // A place every matching detector calls a note is a declaration, not a problem.
    const auto& dets = e->detectors.empty() ? std::vector<std::string>{e->detector} : e->detectors;
    if (std::all_of(dets.begin(), dets.end(), [&](const std::string& d) { return rules.notes.count(d) > 0; }))
      weight = std::min(weight, 1);
    std::string text = e->message.empty() ? e->detector : e->message;
    if (!ids.empty()) text += fmt::format(" (checklist: {})", fmt::join(ids, ", "));
    if (!e->counted) text += fmt::format(" — not counted: in a {} file", to_string(e->role));

    json loc{{"artifactLocation", {{"uri", uri_encode(e->path)}, {"uriBaseId", "%SRCROOT%"}}}};
    if (e->line > 0) {
      json region{{"startLine", e->line}};
      if (e->column > 0) region["startColumn"] = e->column;
      if (!e->snippet.empty()) region["snippet"] = {{"text", e->snippet}};
      loc["region"] = region;
    }
    const std::string key = e->detector + '\0' + e->path + '\0' + normalize_source_line(e->snippet);
    const std::size_t occurrence = occurrences[key]++;
    json r{{"ruleId", e->detector},
           {"ruleIndex", rules.index.at(e->detector)},
           {"level", level_for(weight)},
           {"message", {{"text", text}}},
           {"locations", json::array({{{"physicalLocation", loc}}})},
           {"partialFingerprints",
            {{kFingerprintKey, finding_fingerprint(e->detector, e->path, e->snippet, occurrence)}}},
           {"properties",
            {{"fact", e->fact},
             {"criteria", ids},
             {"role", std::string(to_string(e->role))},
             {"counted", e->counted},
             {"detectors", e->detectors.empty() ? std::vector<std::string>{e->detector} : e->detectors}}}};
    if (!e->counted) {
      r["kind"] = "informational";
      r["level"] = "none";
    }
    if (e->suppressed) {
      json s{{"kind", "inSource"}, {"status", "accepted"}};
      s["justification"] = e->suppression_reason.empty() ? "suppressed by a lambdafit-ignore comment"
                                                         : e->suppression_reason;
      r["suppressions"] = json::array({s});
    }
    results.push_back(std::move(r));
  }

  // Least-privilege findings: the template grants more than the code uses, or less.
  for (const auto& f : permission_findings(a)) {
    if (!rules.index.count(f.rule))
      rules.add({{"id", f.rule}, {"shortDescription", {{"text", f.rule == "permissions-not-granted"
                                                                   ? "an AWS call the function is not granted"
                                                                   : "a grant wider than the code's AWS calls"}}}});
    const std::size_t occurrence = occurrences[f.rule + '\0' + f.where.file + '\0' + f.message]++;
    results.push_back(
        {{"ruleId", f.rule},
         {"ruleIndex", rules.index.at(f.rule)},
         {"level", "warning"},
         {"message", {{"text", f.message}}},
         {"locations", json::array({{{"physicalLocation",
                                      {{"artifactLocation", {{"uri", uri_encode(f.where.file)}, {"uriBaseId", "%SRCROOT%"}}},
                                       {"region", {{"startLine", f.where.line}, {"startColumn", f.where.column}}}}}}})},
         {"partialFingerprints", {{kFingerprintKey, finding_fingerprint(f.rule, f.where.file, f.message, occurrence)}}}});
  }

  json notifications = json::array();
  for (const auto& n : a.scan.coverage_notes)
    notifications.push_back({{"level", "warning"}, {"message", {{"text", n}}}});
  for (const auto& w : a.warnings)
    notifications.push_back({{"level", "warning"}, {"message", {{"text", w.format()}}}});

  json driver{{"name", a.tool_name}, {"rules", rules.rules}};
  if (!a.tool_version.empty()) {
    driver["version"] = a.tool_version;
    driver["semanticVersion"] = a.tool_version;
  }
  json run{{"tool", {{"driver", driver}}},
           {"originalUriBaseIds", {{"%SRCROOT%", {{"uri", srcroot_uri(a.workload_path)}}}}},
           {"invocations", json::array({{{"executionSuccessful", true},
                                         {"toolExecutionNotifications", notifications}}})},
           {"results", results},
           {"properties",
            {{"workload", a.workload_name},
             {"platform", p.platform},
             {"verdict", std::string(to_string(p.verdict))},
             {"score", p.score},
             {"score_range", {p.score_range.first, p.score_range.second}},
             {"confidence", p.confidence},
             {"blocking", p.blocking}}}};
  json log{{"$schema", kSarifSchema}, {"version", "2.1.0"}, {"runs", json::array({run})}};
  return log.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace lambdafit
