// Saved JSON reports read back for `lambdafit portfolio REPORT.json…`: the verdict side of
// every platform (criteria, blocking, open questions), enough to rank and roll up workloads
// that were assessed in their own CI jobs. Evidence and facts are not read back.
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/json_error.hpp"
#include "reports/json_report.hpp"

namespace lambdafit {

using nlohmann::json;

namespace {

Verdict verdict_of(const json& j, const char* key) {
  auto v = verdict_from_string(j.value(key, std::string()));
  if (!v) throw std::runtime_error(fmt::format("'{}' is not a verdict", j.value(key, std::string())));
  return *v;
}

CriterionKind kind_of(const std::string& s) {
  if (s == "limit") return CriterionKind::limit;
  if (s == "adaptation") return CriterionKind::adaptation;
  if (s == "strength") return CriterionKind::strength;
  return CriterionKind::concern;
}

Status status_of(const std::string& s) {
  return s == "applies" ? Status::applies : s == "clear" ? Status::clear : Status::unknown;
}

PlatformResult platform_of(const json& j) {
  PlatformResult p;
  p.platform = j.at("id").get<std::string>();
  p.name = j.value("name", p.platform);
  p.as_of = j.value("as_of", std::string());
  p.verdict = verdict_of(j, "verdict");
  p.optimistic = j.contains("optimistic_verdict") ? verdict_of(j, "optimistic_verdict") : p.verdict;
  p.pessimistic = j.contains("pessimistic_verdict") ? verdict_of(j, "pessimistic_verdict") : p.verdict;
  if (const auto l = j.find("limits"); l != j.end() && l->is_object())
    for (const auto& [name, v] : l->items()) {
      if (!v.is_object()) continue;
      if (v.contains("text") && v["text"].is_string()) p.limits[name] = v["text"].get<std::string>();
      if (v.contains("title") && v["title"].is_string()) p.limit_titles.emplace_back(name, v["title"].get<std::string>());
    }
  p.score = j.value("score", 0);
  p.score_range = {p.score, p.score};
  if (const auto r = j.find("score_range"); r != j.end() && r->is_array() && r->size() == 2 &&
                                            (*r)[0].is_number_integer() && (*r)[1].is_number_integer())
    p.score_range = {(*r)[0].get<int>(), (*r)[1].get<int>()};
  p.confidence = j.value("confidence", 0.0);
  p.blocking = j.value("blocking", std::vector<std::string>{});
  p.strengths = j.value("strengths", std::vector<std::string>{});
  for (const auto& c : j.value("criteria", json::array())) {
    CriterionResult r;
    r.id = c.at("id").get<std::string>();
    r.title = c.value("title", r.id);
    r.kind = kind_of(c.value("kind", std::string()));
    r.status = status_of(c.value("status", std::string()));
    r.reason = c.value("reason", std::string());
    r.advice = c.value("advice", std::string());
    r.needs_change = c.value("needs_change", false);
    p.criteria.push_back(std::move(r));
  }
  for (const auto& q : j.value("open_questions", json::array())) {
    OpenQuestion o;
    o.id = q.value("id", std::string());
    o.fact = q.value("fact", std::string());
    o.prompt = q.value("prompt", std::string());
    if (q.contains("would_change_verdict_to")) o.would_change_verdict_to = verdict_of(q, "would_change_verdict_to");
    o.if_answer = q.value("if_answer", std::string());
    p.open_questions.push_back(std::move(o));
  }
  return p;
}

}  // namespace

Result<Assessment> read_json_report(const std::string& file) noexcept {
  try {
    std::ifstream in(file, std::ios::binary);
    if (!in) return Result<Assessment>::failure("cannot read the report", {file, 0, 0});
    std::ostringstream buf;
    buf << in.rdbuf();
    const std::string text = buf.str();
    json j;
    try {
      j = json::parse(text);
    } catch (const json::exception& e) {
      return Result<Assessment>(std::vector<Diagnostic>{json_error(e, text, file, "not a JSON report: the JSON is malformed")});
    }
    if (!j.is_object() || !j.contains("platforms") || !j.contains("workload"))
      return Result<Assessment>::failure(
          "not a lambdafit report (no 'workload' and 'platforms'); save one with 'lambdafit assess --format json'",
          {file, 1, 1});
    const int schema = j.value("schema_version", 0);
    if (schema > kReportSchemaVersion)
      return Result<Assessment>::failure(
          fmt::format("report schema version {} is newer than this lambdafit reads ({})", schema, kReportSchemaVersion),
          {file, 1, 1});
    Assessment a;
    a.tool_version = j.value("tool", json::object()).value("version", std::string());
    a.workload_name = j.at("workload").value("name", std::string());
    a.workload_path = j.at("workload").value("path", std::string());
    for (const auto& p : j.at("platforms")) a.platforms.push_back(platform_of(p));
    if (a.platforms.empty()) return Result<Assessment>::failure("the report has no platform result", {file, 1, 1});
    return a;
  } catch (const std::exception& e) {
    return Result<Assessment>::failure(fmt::format("not a usable lambdafit report: {}", e.what()), {file, 1, 1});
  }
}

}  // namespace lambdafit
