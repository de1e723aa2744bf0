#include "facts/manifest.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "core/quantity.hpp"
#include "core/spelling.hpp"
#include "core/yaml_file.hpp"
#include "rulepack/roles.hpp"

namespace lambdafit {

namespace {

const std::vector<std::string> kManifestKeys{"name", "platform", "exclude", "roles", "answers", "lint"};
const std::vector<std::string> kAnswerKeys{"value", "by", "date", "note", "ask"};

// Reads the answers mapping of a YAML file into `out`; returns false on any error.
bool read_answers(const YamlFile& f, const YAML::Node& answers, const detail::RulePackData& pack,
                  std::map<std::string, Answer>& out, Diagnostics& d) {
  if (!answers.IsMap()) {
    f.error(d, answers, "'answers' must be a mapping of fact ids to answers");
    return false;
  }
  bool ok = true;
  for (const auto& kv : answers) {
    const std::string id = kv.first.Scalar();
    const FactSpec* fact = pack.fact(id);
    if (!fact) {
      f.error(d, kv.first, fmt::format("answer for unknown fact '{}'{}", id, did_you_mean(id, pack.fact_ids())));
      ok = false;
      continue;
    }
    Answer a;
    a.source = f.where(kv.first);
    // yaml-cpp assigns through node handles, so pick the value node without reassigning.
    const YAML::Node value_node = kv.second.IsMap() ? kv.second["value"] : kv.second;
    if (kv.second.IsMap()) {
      if (!check_keys(f, kv.second, kAnswerKeys, d, fmt::format("the answer for '{}'", id))) {
        ok = false;
        continue;
      }
      if (!value_node) {
        f.error(d, kv.second, fmt::format("the answer for '{}' has no 'value'", id));
        ok = false;
        continue;
      }
      a.by = get_scalar(f, kv.second, "by", d).value_or("");
      a.date = get_scalar(f, kv.second, "date", d).value_or("");
      a.note = get_scalar(f, kv.second, "note", d).value_or("");
    }
    std::string text;
    if (value_node.IsSequence()) {
      if (fact->type != "list") {
        f.error(d, value_node, fmt::format("fact '{}' is a {}; a list does not fit", id, fact->type));
        ok = false;
        continue;
      }
      StringList l;
      for (const auto& i : value_node) l.push_back(i.Scalar());
      a.value = std::move(l);
    } else if (value_node.IsNull()) {
      continue;  // left blank (a fill-in template): not answered
    } else if (value_node.IsScalar() && value_node.Scalar() == "unknown") {
      continue;  // "don't know" or "ask someone": recorded for people, the fact stays open
    } else if (value_node.IsScalar()) {
      std::string why;
      auto v = parse_answer_value(value_node.Scalar(), *fact, pack, &why);
      if (!v) {
        f.error(d, value_node, fmt::format("bad answer for '{}': {}", id, why));
        ok = false;
        continue;
      }
      a.value = std::move(*v);
    } else {
      f.error(d, value_node, fmt::format("bad answer for '{}': expected a value", id));
      ok = false;
      continue;
    }
    out[id] = std::move(a);
  }
  return ok;
}

}  // namespace

std::optional<Value> parse_answer_value(std::string_view text, const FactSpec& fact,
                                        const detail::RulePackData& pack, std::string* error) {
  auto fail = [&](std::string why) -> std::optional<Value> {
    if (error) *error = std::move(why);
    return std::nullopt;
  };
  if (fact.type == "bool") {
    if (auto b = parse_bool(text)) return Value{*b};
    return fail(fmt::format("'{}' is not yes or no", std::string(text)));
  }
  if (fact.type == "number") {
    std::string why;
    if (auto q = parse_quantity(text, fact.dimension, &why)) return Value{*q};
    return fail(why);
  }
  if (fact.type == "list") {
    StringList l;
    std::string cur;
    for (char c : text) {
      if (c == ',') {
        l.push_back(cur);
        cur.clear();
      } else if (!(cur.empty() && c == ' ')) {
        cur += c;
      }
    }
    while (!cur.empty() && cur.back() == ' ') cur.pop_back();
    if (!cur.empty()) l.push_back(cur);
    return Value{l};
  }
  const QuestionSpec* q = pack.question_for_fact(fact.id);
  if (q && !q->choices.empty()) {
    if (std::find(q->choices.begin(), q->choices.end(), text) == q->choices.end())
      return fail(fmt::format("'{}' is not one of: {}{}", std::string(text), fmt::join(q->choices, ", "),
                              did_you_mean(text, q->choices)));
  }
  return Value{std::string(text)};
}

std::optional<Manifest> load_manifest(const std::string& root, const detail::RulePackData& pack,
                                      Diagnostics& d) {
  Manifest m;
  const auto path = (std::filesystem::path(root) / "lambdafit.yaml").string();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return m;
  m.path = path;
  // lambdafit.yaml belongs to the workload: it may not lead outside it.
  auto f = YamlFile::load(path, d, {}, ReadLimits{root});
  if (!f) return std::nullopt;
  const auto& r = f->root();
  if (!r || r.IsNull()) return m;
  if (!check_keys(*f, r, kManifestKeys, d, "lambdafit.yaml")) return std::nullopt;
  bool ok = true;
  m.name = get_scalar(*f, r, "name", d).value_or("");
  m.platform = get_scalar(*f, r, "platform", d).value_or("");
  if (!m.platform.empty() && !pack.platform(m.platform)) {
    f->error(d, r["platform"],
             fmt::format("unknown platform '{}'{}", m.platform, did_you_mean(m.platform, pack.platform_ids())));
    ok = false;
  }
  if (auto ex = get_string_list(*f, r, "exclude", d)) m.exclude = std::move(*ex);
  if (const auto roles = r["roles"]) ok = load_role_globs(*f, roles, m.roles, d) && ok;
  if (const auto a = r["answers"]) ok = read_answers(*f, a, pack, m.answers, d) && ok;
  if (!ok || d.has_errors()) return std::nullopt;
  return m;
}

std::optional<std::map<std::string, Answer>> load_answers_file(const std::string& path,
                                                               const detail::RulePackData& pack,
                                                               Diagnostics& d) {
  auto f = YamlFile::load(path, d);
  if (!f) return std::nullopt;
  std::map<std::string, Answer> out;
  const auto& r = f->root();
  if (!r || r.IsNull()) return out;
  const auto answers = r.IsMap() && r["answers"] ? r["answers"] : r;
  if (!read_answers(*f, answers, pack, out, d)) return std::nullopt;
  return out;
}

}  // namespace lambdafit
