// Loads rules/*.yaml into a RulePackData, checking every reference at load time.
#include <algorithm>
#include <filesystem>
#include <functional>
#include <set>

#include <fmt/format.h>

#include "core/content_key.hpp"
#include "core/lazy_regex.hpp"
#include "core/quantity.hpp"
#include "core/spelling.hpp"
#include "core/yaml_file.hpp"
#include "rulepack/compiled.hpp"
#include "rulepack/declarations.hpp"
#include "rulepack/load_util.hpp"
#include "rulepack/model.hpp"
#include "rulepack/roles.hpp"
#include "scanning/deployment_roles.hpp"
#include "scanning/detector_kind.hpp"
#include "scanning/text/file_type.hpp"

namespace lambdafit {

namespace detail {

const FactSpec* RulePackData::fact(std::string_view id) const {
  for (const auto& f : facts)
    if (f.id == id) return &f;
  return nullptr;
}
const PlatformSpec* RulePackData::platform(std::string_view id) const {
  for (const auto& p : platforms)
    if (p.id == id) return &p;
  return nullptr;
}
const CriterionSpec* RulePackData::criterion(std::string_view id) const {
  for (const auto& c : criteria)
    if (c.id == id) return &c;
  return nullptr;
}
const QuestionSpec* RulePackData::question_for_fact(std::string_view fact) const {
  for (const auto& q : questions)
    if (q.fact == fact) return &q;
  return nullptr;
}

std::vector<std::string> RulePackData::facts_tagged(std::string_view tag) const {
  std::vector<std::string> ids;
  for (const auto& f : facts)
    if (std::find(f.tags.begin(), f.tags.end(), tag) != f.tags.end()) ids.push_back(f.id);
  return ids;
}

std::vector<std::string> RulePackData::fact_ids() const {
  std::vector<std::string> ids;
  for (const auto& f : facts) ids.push_back(f.id);
  return ids;
}
std::vector<std::string> RulePackData::platform_ids() const {
  std::vector<std::string> ids;
  for (const auto& p : platforms) ids.push_back(p.id);
  return ids;
}

}  // namespace detail

namespace {

namespace fs = std::filesystem;
using load::get_id;
using load::IdTable;
using load::items;

const std::vector<std::string> kTopKeys{"facts",    "detectors",       "questions", "criteria",
                                        "platform", "scoring",         "roles",     "platform_limits",
                                        "runtimes", "deployed_by",     "file_types", "file_names"};
const std::vector<std::string> kFactKeys{"id",           "title", "description", "type", "unit",
                                         "if_not_found", "roles", "tags"};
const std::vector<std::string> kDetectorCommonKeys{"id",      "kind",        "fact",    "value",
                                                   "message", "description", "severity"};
const std::vector<std::string> kQuestionKeys{"id", "fact", "prompt", "help", "choices", "prefill"};
const std::vector<std::string> kCriterionKeys{"id",     "title", "kind",      "description",
                                              "advice", "when",  "limit_when", "needs_change"};
const std::vector<std::string> kPlatformKeys{"id",          "name",    "as_of",
                                             "description", "sources", "limits"};
const std::vector<std::string> kScoringKeys{"concerns_for_not_a_fit", "penalties", "strength_bonus",
                                            "bands", "lean_confidence", "default_platform"};

class Loader {
 public:
  explicit Loader(detail::RulePackData& data) : data_(data) {}

  // Lists and reads every rule file (parse_texts() parses them), feeding each directory, path
  // and the content key of its text to `key`, the compiled pack's name (rulepack/compiled.hpp);
  // the content keys also name each detector's rule file for the result caches (rules_key).
  void read_dirs(const std::vector<std::string>& dirs, compiled_pack::Key& key) {
    for (const auto& dir : dirs) {
      std::error_code ec;
      if (!fs::is_directory(dir, ec)) {
        diags_.error(fs::exists(dir, ec) ? fmt::format("rule directory '{}' is not a directory", dir)
                                         : fmt::format("rule directory '{}' does not exist", dir),
                     {dir, 0, 0});
        continue;
      }
      std::vector<fs::path> paths;
      fs::recursive_directory_iterator it(dir, ec), end;
      for (; !ec && it != end; it.increment(ec)) {
        // NAME.test/ folders hold the annotated test files of NAME.yaml (`rules test`), and
        // their YAML files are workloads, not rules.
        if (it->is_directory() && it->path().extension() == ".test") {
          it.disable_recursion_pending();
          continue;
        }
        // permissions/ holds the IAM data lib/permissions reads itself, not rules.
        if (it->is_directory() && it.depth() == 0 && it->path().filename() == "permissions") {
          it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file() && it->path().extension() == ".yaml") paths.push_back(it->path());
      }
      if (ec) diags_.error(fmt::format("cannot list '{}': {}", dir, ec.message()), {dir, 0, 0});
      std::sort(paths.begin(), paths.end());
      key.dir(dir);
      for (const auto& p : paths) {
        if (auto text = YamlFile::read(p.string(), diags_)) {
          const std::string& file_key = file_keys_[p.string()] = content_key(*text);
          key.file(p.string(), file_key);
          texts_.emplace_back(p.string(), std::move(*text));
        }
      }
      data_.dirs.push_back(dir);
    }
  }

  /// Whether every rule file was listed and read.
  bool read_ok() const { return !diags_.has_errors(); }

  void parse_texts() {
    for (auto& [path, text] : texts_)
      if (auto f = YamlFile::parse(std::move(text), path, diags_)) files_.push_back(std::move(*f));
    texts_.clear();
  }

  Diagnostics run() {
    for (const auto& f : files_) {
      if (!f.root() || f.root().IsNull()) continue;
      check_keys(f, f.root(), kTopKeys, diags_, "a rule file");
    }
    for (const auto& f : files_) load_facts(f);
    for (const auto& f : files_) load_role_rules(f, data_.roles, diags_);
    for (const auto& f : files_) load_deploy_rules(f, data_.deployed_by, diags_);
    check_file_types();
    for (const auto& f : files_) decls_.load_runtimes(f);
    for (const auto& f : files_) decls_.load_limits(f);
    for (const auto& f : files_) load_platform(f);
    for (const auto& f : files_) load_scoring(f);
    for (const auto& f : files_) load_detectors(f);
    finish_detector_load(data_, diags_);
    for (const auto& f : files_) load_questions(f);
    for (const auto& f : files_) load_criteria(f);
    check_criterion_refs();
    check_default_platform();
    check_analyzer_contract(data_, diags_);
    return std::move(diags_);
  }

 private:
  // The file types are compiled in (scanning/text/file_type.hpp): a pack that declares them
  // (the shipped rules/file-types.yaml) is checked in full and must declare the same table.
  void check_file_types() {
    // The usual case, the shipped file unchanged, is the compiled-in table (valid by a unit
    // test): it is read once, from this parse, and needs no comparison.
    const YamlFile* declaring = nullptr;
    int declarations = 0;
    for (const auto& f : files_)
      if (f.root() && f.root().IsMap() && (f.root()["file_types"] || f.root()["file_names"])) {
        declaring = &f;
        ++declarations;
      }
    if (declarations == 1 && declaring->text() == builtin_file_types_text()) {
      builtin_file_types(*declaring);
      return;
    }
    Diagnostics d;
    FileTypeReader reader(d);
    for (const auto& f : files_) reader.read(f);
    if (!reader.declared()) return;
    const FileTypeTable table = reader.finish();
    if (!d.has_errors())
      if (auto diff = builtin_file_types().difference(table); !diff.empty())
        d.error(fmt::format("the pack's file types differ from the ones built into lambdafit: {} (the "
                            "table is compiled in from rules/file-types.yaml; rebuild to change it)",
                            diff),
                reader.declared_at());
    for (const auto& item : d.items()) diags_.add(item);
  }

  void load_facts(const YamlFile& f) {
    for (const auto& n : items(f, "facts", diags_)) {
      if (!check_keys(f, n, kFactKeys, diags_, "a fact")) continue;
      auto id = get_id(f, n, diags_);
      if (!id || !fact_ids_.add(f, n["id"], *id, diags_)) continue;
      FactSpec s;
      s.id = *id;
      s.at = f.where(n);
      s.title = get_scalar(f, n, "title", diags_).value_or(*id);
      s.description = get_scalar(f, n, "description", diags_).value_or("");
      s.type = get_scalar(f, n, "type", diags_).value_or("bool");
      static const std::vector<std::string> kTypes{"bool", "number", "string", "list"};
      if (std::find(kTypes.begin(), kTypes.end(), s.type) == kTypes.end()) {
        f.error(diags_, n["type"],
                fmt::format("unknown fact type '{}'{}", s.type, did_you_mean(s.type, kTypes)));
        continue;
      }
      if (auto unit = get_scalar(f, n, "unit", diags_)) {
        auto dim = dimension_from_unit(*unit);
        if (!dim || s.type != "number") {
          f.error(diags_, n["unit"],
                  fmt::format("unit '{}' is not allowed here; numbers take 's' or 'MB'", *unit));
          continue;
        }
        s.dimension = *dim;
      }
      if (auto w = get_scalar(f, n, "if_not_found", diags_)) {
        if (*w == "no" || *w == "false") s.when_no_evidence = WhenNoEvidence::no;
        else if (*w == "unknown") s.when_no_evidence = WhenNoEvidence::unknown;
        else {
          f.error(diags_, n["if_not_found"], "'if_not_found' is 'no' or 'unknown'");
          continue;
        }
      }
      if (const auto roles = n["roles"]) {
        // Which file roles' evidence counts for the fact (rulepack/roles.hpp).
        std::vector<YAML::Node> names;
        if (roles.IsSequence())
          for (const auto& r : roles) names.push_back(r);
        else names.push_back(roles);
        s.counted_roles.clear();
        bool ok = true;
        for (const auto& r : names) {
          auto role = parse_role(f, r, diags_);
          if (role) s.counted_roles.push_back(*role);
          ok = ok && role;
        }
        if (!ok) continue;
      }
      s.tags = get_string_list(f, n, "tags", diags_).value_or(StringList{});
      fact_types_[s.id] = FactTypeInfo{s.type, s.dimension};
      data_.facts.push_back(std::move(s));
    }
  }

  void load_platform(const YamlFile& f) {
    const auto n = f.root()["platform"];
    if (!n) return;
    if (!check_keys(f, n, kPlatformKeys, diags_, "a platform")) return;
    auto id = get_id(f, n, diags_);
    if (!id || !platform_ids_.add(f, n["id"], *id, diags_)) return;
    PlatformSpec p;
    p.id = *id;
    p.at = f.where(n);
    p.name = get_scalar(f, n, "name", diags_, true).value_or(*id);
    p.as_of = get_scalar(f, n, "as_of", diags_, true).value_or("");
    p.description = get_scalar(f, n, "description", diags_).value_or("");
    p.sources = get_string_list(f, n, "sources", diags_, true).value_or(StringList{});
    const auto limits = n["limits"];
    if (!limits || !limits.IsMap()) {
      f.error(diags_, limits ? limits : n, "a platform needs a 'limits' mapping");
      return;
    }
    bool ok = true;
    for (const auto& kv : limits) {
      const std::string name = kv.first.Scalar();
      auto v = decls_.platform_limit(f, kv.first, kv.second, name);
      if (!v) {
        ok = false;
        continue;
      }
      p.limit_order.push_back(name);
      p.limits[name] = std::move(*v);
    }
    if (ok) data_.platforms.push_back(std::move(p));
  }
  void load_scoring(const YamlFile& f) {
    const auto n = f.root()["scoring"];
    if (!n) return;
    if (scoring_seen_) {
      f.error(diags_, n, "the scoring section is defined twice");
      return;
    }
    scoring_seen_ = true;
    if (!check_keys(f, n, kScoringKeys, diags_, "scoring")) return;
    auto& s = data_.scoring;
    s.at = f.where(n);
    auto integer = [&](const YAML::Node& v, int& out) {
      try {
        out = v.as<int>();
      } catch (const YAML::Exception&) {
        f.error(diags_, v, "expected a whole number");
      }
    };
    if (const auto v = n["concerns_for_not_a_fit"]) integer(v, s.concerns_for_not_a_fit);
    if (const auto v = n["strength_bonus"]) integer(v, s.strength_bonus);
    if (const auto v = n["lean_confidence"]) {
      try {
        s.lean_confidence = v.as<double>();
      } catch (const YAML::Exception&) {
        f.error(diags_, v, "expected a number between 0 and 1");
      }
    }
    if (const auto v = n["default_platform"]) {
      s.default_platform = v.Scalar();
      default_platform_node_ = v;
      default_platform_file_ = &f;
    }
    if (const auto p = n["penalties"]) {
      if (check_keys(f, p, {"limit", "concern", "adaptation"}, diags_, "penalties")) {
        for (auto k : {CriterionKind::limit, CriterionKind::concern, CriterionKind::adaptation})
          if (const auto v = p[std::string(to_string(k))]) integer(v, s.penalty[k]);
      }
    }
    if (const auto b = n["bands"]) {
      if (check_keys(f, b, {"good-fit", "fit-with-caveats", "not-a-fit", "undetermined"}, diags_,
                     "bands")) {
        for (const auto& kv : b) {
          const auto v = verdict_from_string(kv.first.Scalar());
          if (!kv.second.IsSequence() || kv.second.size() != 2) {
            f.error(diags_, kv.second, "a band is [lowest, highest]");
            continue;
          }
          int lo = 0, hi = 0;
          integer(kv.second[0], lo);
          integer(kv.second[1], hi);
          if (lo > hi || lo < 0 || hi > 100) {
            f.error(diags_, kv.second, "a band must satisfy 0 <= lowest <= highest <= 100");
            continue;
          }
          s.bands[*v] = {lo, hi};
        }
      }
    }
  }

  bool check_fact_ref(const YamlFile& f, const YAML::Node& n, const std::string& fact) {
    if (fact_types_.count(fact)) return true;
    f.error(diags_, n,
            fmt::format("unknown fact '{}'{}", fact, did_you_mean(fact, fact_ids_.ids())));
    return false;
  }

  void load_detectors(const YamlFile& f) {
    for (const auto& n : items(f, "detectors", diags_)) {
      auto kind_name = get_scalar(f, n, "kind", diags_, true);
      if (!kind_name) continue;
      const DetectorKind* kind = find_detector_kind(*kind_name);
      if (!kind) {
        f.error(diags_, n["kind"],
                fmt::format("unknown detector kind '{}'{}", *kind_name,
                            did_you_mean(*kind_name, detector_kind_names())));
        continue;
      }
      auto allowed = kDetectorCommonKeys;
      for (auto& k : kind->keys()) allowed.push_back(k);
      if (!check_keys(f, n, allowed, diags_, fmt::format("a '{}' detector", *kind_name))) continue;
      auto id = get_id(f, n, diags_);
      if (!id || !detector_ids_.add(f, n["id"], *id, diags_)) continue;
      DetectorSpec s;
      s.id = *id;
      s.kind = *kind_name;
      s.at = f.where(n);
      if (const auto k = file_keys_.find(f.display()); k != file_keys_.end()) s.rules_key = k->second;
      auto fact = get_scalar(f, n, "fact", diags_, true);
      if (!fact || !check_fact_ref(f, n["fact"], *fact)) continue;
      s.fact = *fact;
      s.message = get_scalar(f, n, "message", diags_, true).value_or("");
      s.description = get_scalar(f, n, "description", diags_).value_or("");
      s.severity = get_scalar(f, n, "severity", diags_).value_or("warning");
      static const std::vector<std::string> kSeverities{"error", "warning", "note"};
      if (std::find(kSeverities.begin(), kSeverities.end(), s.severity) == kSeverities.end()) {
        f.error(diags_, n["severity"],
                fmt::format("unknown severity '{}'{}", s.severity, did_you_mean(s.severity, kSeverities)));
        continue;
      }
      const auto& type = fact_types_.at(s.fact);
      if (const auto v = n["value"]) {
        if (type.type == "bool") {
          if (auto b = parse_bool(v.Scalar())) s.value = *b;
          else {
            f.error(diags_, v, "the fact is yes/no; 'value' must be yes or no");
            continue;
          }
        } else if (type.type == "number") {
          std::string why;
          auto q = parse_quantity(v.Scalar(), type.dimension, &why);
          if (!q) {
            f.error(diags_, v, why);
            continue;
          }
          s.value = *q;
        } else if (type.type == "list") {
          s.value = StringList{v.Scalar()};
        } else {
          s.value = v.Scalar();
        }
      } else if (type.type != "bool" && kind->states_values()) {
        s.value = std::monostate{};  // each match states its own value
      } else if (type.type != "bool") {
        f.error(diags_, n, fmt::format("fact '{}' is a {}; the detector needs a 'value'", s.fact, type.type));
        continue;
      }
      s.config = kind->parse(f, n, diags_);
      if (!s.config) continue;
      data_.detectors.push_back(std::move(s));
    }
  }

  void load_questions(const YamlFile& f) {
    for (const auto& n : items(f, "questions", diags_)) {
      if (!check_keys(f, n, kQuestionKeys, diags_, "a question")) continue;
      auto id = get_id(f, n, diags_);
      if (!id || !question_ids_.add(f, n["id"], *id, diags_)) continue;
      QuestionSpec q;
      q.id = *id;
      q.at = f.where(n);
      auto fact = get_scalar(f, n, "fact", diags_, true);
      if (!fact || !check_fact_ref(f, n["fact"], *fact)) continue;
      q.fact = *fact;
      q.prompt = get_scalar(f, n, "prompt", diags_, true).value_or("");
      q.help = get_scalar(f, n, "help", diags_).value_or("");
      q.choices = get_string_list(f, n, "choices", diags_).value_or(StringList{});
      q.prefill = get_scalar(f, n, "prefill", diags_).value_or("evidence");
      if (!valid_prefill(f, n, q)) continue;
      data_.questions.push_back(std::move(q));
    }
  }

  // `prefill` is "evidence" (the scanned value, when there is one), "none" (never suggest a
  // default) or a literal default, used when the scan has no value, that must fit the fact.
  bool valid_prefill(const YamlFile& f, const YAML::Node& n, const QuestionSpec& q) {
    if (q.prefill == "evidence" || q.prefill == "none") return true;
    const auto& type = fact_types_.at(q.fact);
    std::string why;
    if (!q.choices.empty()) {
      if (std::find(q.choices.begin(), q.choices.end(), q.prefill) == q.choices.end())
        why = fmt::format("'{}' is not one of the choices{}", q.prefill, did_you_mean(q.prefill, q.choices));
    } else if (type.type == "bool") {
      if (!parse_bool(q.prefill)) why = fmt::format("'{}' is not yes or no", q.prefill);
    } else if (type.type == "number") {
      parse_quantity(q.prefill, type.dimension, &why);
    }
    if (why.empty()) return true;
    f.error(diags_, n["prefill"],
            fmt::format("bad 'prefill' for fact '{}': {}; use 'evidence', 'none' or a default value",
                        q.fact, why));
    return false;
  }

  void load_criteria(const YamlFile& f) {
    for (const auto& n : items(f, "criteria", diags_)) {
      if (!check_keys(f, n, kCriterionKeys, diags_, "a criterion")) continue;
      auto id = get_id(f, n, diags_);
      if (!id || !criterion_ids_.add(f, n["id"], *id, diags_)) continue;
      CriterionSpec c;
      c.id = *id;
      c.at = f.where(n);
      c.title = get_scalar(f, n, "title", diags_, true).value_or(*id);
      c.description = get_scalar(f, n, "description", diags_).value_or("");
      c.advice = get_scalar(f, n, "advice", diags_, true).value_or("");
      if (auto nc = get_scalar(f, n, "needs_change", diags_)) {
        if (*nc != "true" && *nc != "false") {
          f.error(diags_, n["needs_change"], "'needs_change' must be true or false");
          continue;
        }
        c.needs_change = *nc == "true";
      }
      const auto kind = get_scalar(f, n, "kind", diags_, true);
      if (!kind) continue;
      static const std::vector<std::string> kKinds{"limit", "concern", "adaptation", "strength"};
      auto k = std::find(kKinds.begin(), kKinds.end(), *kind);
      if (k == kKinds.end()) {
        f.error(diags_, n["kind"],
                fmt::format("unknown criterion kind '{}'{}", *kind, did_you_mean(*kind, kKinds)));
        continue;
      }
      c.kind = static_cast<CriterionKind>(k - kKinds.begin());
      if (!n["when"]) {
        f.error(diags_, n, "missing required key 'when'");
        continue;
      }
      auto when = parse_condition(f, n["when"], fact_types_, decls_.limits(), diags_);
      if (!when) continue;
      c.when = std::move(*when);
      if (const auto lw = n["limit_when"]) {
        auto cond = parse_condition(f, lw, fact_types_, decls_.limits(), diags_);
        if (!cond) continue;
        c.limit_when = std::move(*cond);
      }
      collect_facts(c.when, c.facts);
      criterion_nodes_.emplace_back(&f, n);
      data_.criteria.push_back(std::move(c));
    }
  }

  // `criterion:` leaves must name real criteria and must not form a cycle.
  void check_criterion_refs() {
    std::map<std::string, std::vector<std::string>> refs;
    for (std::size_t i = 0; i < data_.criteria.size(); ++i) {
      auto& c = data_.criteria[i];
      std::vector<std::string> out;
      collect_criteria(c.when, out);
      if (c.limit_when) collect_criteria(*c.limit_when, out);
      for (const auto& r : out) {
        if (!data_.criterion(r)) {
          const auto& [file, node] = criterion_nodes_[i];
          file->error(diags_, node["when"],
                      fmt::format("criterion '{}' refers to unknown criterion '{}'{}", c.id, r,
                                  did_you_mean(r, criterion_ids_.ids())));
        }
      }
      refs[c.id] = std::move(out);
    }
    std::map<std::string, int> state;  // 0 new, 1 on stack, 2 done
    std::vector<std::string> stack;
    std::function<bool(const std::string&)> visit = [&](const std::string& id) {
      if (state[id] == 2) return true;
      if (state[id] == 1) {
        auto from = std::find(stack.begin(), stack.end(), id);
        std::vector<std::string> cycle(from, stack.end());
        cycle.push_back(id);
        const auto* c = data_.criterion(id);
        diags_.error(fmt::format("criteria refer to each other in a cycle: {}", fmt::join(cycle, " -> ")),
                     c ? c->at : SourceLocation{});
        return false;
      }
      state[id] = 1;
      stack.push_back(id);
      bool ok = true;
      for (const auto& r : refs[id])
        if (data_.criterion(r) && !visit(r)) {
          ok = false;
          break;
        }
      stack.pop_back();
      state[id] = 2;
      return ok;
    };
    for (const auto& c : data_.criteria)
      if (!visit(c.id)) break;
  }

  void check_default_platform() {
    if (data_.platforms.empty()) return;  // a pack that only adds rules to another
    if (data_.platform(data_.scoring.default_platform)) return;
    const std::string msg = fmt::format("unknown default platform '{}'{}", data_.scoring.default_platform,
                                        did_you_mean(data_.scoring.default_platform, platform_ids_.ids()));
    if (default_platform_file_) default_platform_file_->error(diags_, default_platform_node_, msg);
    else diags_.error(msg);
  }

  detail::RulePackData& data_;
  Diagnostics diags_;
  std::vector<std::pair<std::string, std::string>> texts_;  ///< path, text: read, not yet parsed
  std::map<std::string, std::string> file_keys_;             ///< path -> content key of its text
  std::vector<YamlFile> files_;
  std::map<std::string, FactTypeInfo> fact_types_;
  Declarations decls_{data_, diags_};
  IdTable fact_ids_{"fact"}, detector_ids_{"detector"}, question_ids_{"question"},
      criterion_ids_{"criterion"}, platform_ids_{"platform"};
  std::vector<std::pair<const YamlFile*, YAML::Node>> criterion_nodes_;
  bool scoring_seen_ = false;
  YAML::Node default_platform_node_;
  const YamlFile* default_platform_file_ = nullptr;
};

}  // namespace

Result<RulePack> load_rule_pack(const std::vector<std::string>& dirs) {
  auto data = std::make_shared<detail::RulePackData>();
  Diagnostics diags;
  std::string key;  // the compiled pack's name, once every file was read
  try {
    Loader loader(*data);
    compiled_pack::Key k;
    loader.read_dirs(dirs, k);
    if (loader.read_ok()) {
      key = k.hex();
      if (auto compiled = compiled_pack::read(key)) return RulePack(std::shared_ptr<const detail::RulePackData>(compiled));
    }
    loader.parse_texts();
    diags = loader.run();
    Regex::known().save();  // the patterns this load compiled are compiled on first use next time
  } catch (const std::exception& e) {
    diags.error(fmt::format("internal error while loading rules: {}", e.what()));
  }
  if (diags.has_errors()) return Result<RulePack>(diags.take());
  if (data->criteria.empty()) return Result<RulePack>::failure("the rule pack defines no criteria");
  if (data->platforms.empty()) return Result<RulePack>::failure("the rule pack defines no platform");
  if (!key.empty()) compiled_pack::write(key, *data);
  return RulePack(std::shared_ptr<const detail::RulePackData>(std::move(data)));
}

}  // namespace lambdafit
