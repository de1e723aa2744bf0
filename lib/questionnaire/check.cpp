#include "questionnaire/check.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "core/diagnostics.hpp"
#include "core/spelling.hpp"
#include "core/yaml_file.hpp"
#include "facts/manifest.hpp"
#include "questionnaire/answer_text.hpp"
#include "questionnaire/session.hpp"

namespace lambdafit {

namespace {

const std::vector<std::string> kAnswerKeys{"value", "by", "date", "note", "ask"};
constexpr std::size_t kMaxEvidenceNotes = 5;

std::string scalar_or_empty(const YAML::Node& map, const char* key) {
  if (!map.IsMap()) return {};
  const YAML::Node n = map[key];
  return n && n.IsScalar() ? n.Scalar() : std::string();
}

// Checks the value of one answer: its shape, type and unit. Returns false when unreadable.
bool check_value(const YamlFile& f, const YAML::Node& entry, const FactSpec& fact,
                 const detail::RulePackData& pack, Diagnostics& d) {
  const YAML::Node value = entry.IsMap() ? entry["value"] : entry;
  if (entry.IsMap() && !value) {
    f.error(d, entry, fmt::format("the answer for '{}' has no 'value'", fact.id));
    return false;
  }
  if (value.IsSequence()) {
    if (fact.type == "list") return true;
    f.error(d, value, fmt::format("fact '{}' is a {}; a list does not fit", fact.id, fact.type));
    return false;
  }
  if (!value.IsScalar()) {
    f.error(d, value, fmt::format("bad answer for '{}': expected {}", fact.id, expected_input(pack, fact)));
    return false;
  }
  std::string why;
  if (!parse_answer_value(value.Scalar(), fact, pack, &why)) {
    f.error(d, value, fmt::format("bad answer for '{}': {}", fact.id, why));
    return false;
  }
  return true;
}

void check_provenance(const YamlFile& f, const YAML::Node& key, const YAML::Node& entry,
                      const std::string& id, const CheckOptions& o, Diagnostics& d) {
  if (scalar_or_empty(entry, "by").empty())
    f.warning(d, key, fmt::format("the answer for '{}' does not say who gave it ('by')", id));
  const std::string date = scalar_or_empty(entry, "date");
  if (date.empty()) {
    f.warning(d, key, fmt::format("the answer for '{}' does not say when it was given ('date')", id));
    return;
  }
  const auto day = day_number(date);
  if (!day) {
    f.error(d, entry["date"], fmt::format("'date' of the answer for '{}' must be YYYY-MM-DD, not '{}'", id, date));
    return;
  }
  const auto today = day_number(o.today);
  if (!today) return;
  const long age = *today - *day;
  if (age < 0) {
    f.warning(d, entry["date"], fmt::format("the answer for '{}' is dated in the future ({})", id, date));
  } else if (age > o.max_age_days) {
    f.warning(d, entry["date"],
              fmt::format("the answer for '{}' is {} days old (more than {}); confirm it still holds "
                          "and update its date",
                          id, age, o.max_age_days));
  }
}

void check_contradiction(const YamlFile& f, const YAML::Node& key, const std::string& id,
                         const Assessment& scanned, Diagnostics& d) {
  for (const auto& fact : scanned.facts) {
    if (fact.id != id || !fact.contradiction) continue;
    f.warning(d, key, fmt::format("the code scan contradicts the answer for '{}': {}", id,
                                  fact.contradiction->message));
    std::size_t shown = 0;
    for (const auto& e : fact.evidence) {
      if (shown++ == kMaxEvidenceNotes) {
        d.add({Severity::note, fmt::format("and {} more", fact.evidence.size() - kMaxEvidenceNotes), {}, {}});
        break;
      }
      const auto file = (std::filesystem::path(scanned.workload_path) / e.path).lexically_normal().string();
      d.add({Severity::note, fmt::format("found here: {} [{}]", e.message, e.detector),
             {file, e.line, e.column}, e.line > 0 ? e.snippet : std::string()});
    }
  }
}

}  // namespace

std::vector<Diagnostic> check_answers(const detail::RulePackData& pack, const std::string& path,
                                      const Assessment* scanned, const CheckOptions& o) {
  Diagnostics d;
  auto f = YamlFile::load(path, d);
  if (!f) return d.take();
  const auto& r = f->root();
  if (!r || r.IsNull()) return {};
  YAML::Node answers;
  if (r.IsMap() && r["answers"]) answers = r["answers"];
  else if (std::filesystem::path(path).filename() != "lambdafit.yaml") answers = r;
  if (!answers || answers.IsNull()) return {};
  if (!answers.IsMap()) {
    f->error(d, answers, "'answers' must be a mapping of fact ids to answers");
    return d.take();
  }
  const std::vector<std::string> fact_ids = pack.fact_ids();
  for (const auto& kv : answers) {
    const std::string id = kv.first.Scalar();
    const FactSpec* fact = pack.fact(id);
    if (!fact) {
      std::string hint = did_you_mean(id, fact_ids);
      for (const auto& q : pack.questions)
        if (q.id == id) hint = fmt::format("; answers are keyed by fact, did you mean '{}'?", q.fact);
      f->error(d, kv.first, fmt::format("answer for unknown fact '{}'{}", id, hint));
      continue;
    }
    if (kv.second.IsMap())
      check_keys(*f, kv.second, kAnswerKeys, d, fmt::format("the answer for '{}'", id));
    const YAML::Node value = kv.second.IsMap() ? kv.second["value"] : kv.second;
    if (value && value.IsScalar() && value.Scalar() == kUnknownAnswer) {
      // "don't know" / "ask someone": not wrong, but the question is still open.
      const std::string ask = scalar_or_empty(kv.second, "ask");
      d.add({Severity::note,
             ask.empty() ? fmt::format("'{}' is still open: nobody who answered knew", id)
                         : fmt::format("'{}' is still open: waiting for {}", id, ask),
             f->where(kv.first), {}});
      continue;
    }
    const bool readable = check_value(*f, kv.second, *fact, pack, d);
    check_provenance(*f, kv.first, kv.second, id, o, d);
    if (readable && scanned) check_contradiction(*f, kv.first, id, *scanned, d);
  }
  return d.take();
}

}  // namespace lambdafit
