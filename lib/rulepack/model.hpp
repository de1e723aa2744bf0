// The rule pack as loaded: facts, detectors, questions, criteria, platforms and scoring.
// Everything here is immutable after loading and shared read-only across threads.
#pragma once

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "criteria/condition.hpp"
#include "lambdafit/lambdafit.hpp"

namespace lambdafit {

/// What a fact is when the scan ran and found nothing for it.
enum class WhenNoEvidence { unknown, no };

struct FactSpec {
  std::string id;
  std::string title;
  std::string description;
  std::string type = "bool";  ///< bool, number, string, list
  Dimension dimension = Dimension::count;
  WhenNoEvidence when_no_evidence = WhenNoEvidence::unknown;
  /// The file roles whose evidence counts for this fact (`roles:`); deployed by default.
  std::vector<FileRole> counted_roles{FileRole::deployed};
  /// Free labels from the rule file. `host`: a fact about the machine the workload runs on,
  /// settled as "no host of its own" when a fact tagged `function-deployment` has evidence.
  std::vector<std::string> tags;
  SourceLocation at;

  bool counts(FileRole r) const {
    return std::find(counted_roles.begin(), counted_roles.end(), r) != counted_roles.end();
  }
};

/// One convention from rules/roles/*.yaml: directories or file names that give a role.
struct RoleRule {
  FileRole role = FileRole::deployed;
  std::string ecosystem;           ///< informational: python, java, any, …
  std::vector<std::string> dirs;   ///< directory globs: a name, or segments "src/main"
  std::vector<std::string> files;  ///< file-name globs, or path globs when they hold a '/'
  SourceLocation at;
};

/// A role given by a glob, as in the manifest's `roles:` mapping.
struct RoleGlob {
  FileRole role = FileRole::deployed;
  std::string glob;
  SourceLocation at;
};

/// Kind-specific settings of a detector (a compiled matcher, a set of globs, …); each detector
/// kind derives its own.
class DetectorConfig {
 public:
  virtual ~DetectorConfig() = default;
};

/// A key of a deployment file that names deployed files (`deployed_by:` in
/// rules/roles/deployment.yaml); read by scanning/deployment_roles.cpp.
struct DeployRule {
  std::string id;
  std::shared_ptr<const DetectorConfig> config;  ///< scanning/deployment_roles.cpp's settings
  SourceLocation at;
};

struct DetectorSpec {
  std::string id;
  std::string kind;
  std::string fact;
  Value value = true;  ///< the value a match gives the fact
  std::string message;
  std::string description;
  std::string severity = "warning";
  std::shared_ptr<const DetectorConfig> config;
  SourceLocation at;
  /// The content key (core/content_key.hpp) of the rule file's text as loaded, so the result
  /// caches name their rule set without reading the rule files again; empty: read them.
  std::string rules_key;
};

struct QuestionSpec {
  std::string id;
  std::string fact;
  std::string prompt;
  std::string help;
  std::vector<std::string> choices;
  /// "evidence" (default from the scan), "none", or a literal default used when the scan has
  /// no value; a literal is checked against the fact's type when the pack loads.
  std::string prefill;
  SourceLocation at;
};

struct CriterionSpec {
  std::string id;
  std::string title;
  CriterionKind kind = CriterionKind::concern;
  std::string description;
  std::string advice;
  Condition when;
  std::optional<Condition> limit_when;  ///< over platform limits: then the kind is `limit`
  bool needs_change = false;            ///< a strength only once its advice is followed
  std::vector<std::string> facts;       ///< facts `when` reads
  SourceLocation at;
};

struct PlatformSpec {
  std::string id;
  std::string name;
  std::string as_of;
  std::string description;
  std::vector<std::string> sources;
  std::map<std::string, Value> limits;
  std::vector<std::string> limit_order;  ///< limits in file order, for reports
  SourceLocation at;
};

struct ScoringSpec {
  int concerns_for_not_a_fit = 4;  ///< "more than a few" concerns
  std::map<CriterionKind, int> penalty{{CriterionKind::limit, 60},
                                       {CriterionKind::concern, 12},
                                       {CriterionKind::adaptation, 6}};
  int strength_bonus = 4;
  std::map<Verdict, std::pair<int, int>> bands{{Verdict::good_fit, {80, 100}},
                                               {Verdict::fit_with_caveats, {40, 79}},
                                               {Verdict::not_a_fit, {0, 39}},
                                               {Verdict::undetermined, {0, 100}}};
  double lean_confidence = 0.75;  ///< lean to the optimistic verdict from this confidence on
  std::string default_platform = "aws-lambda-2016";
  SourceLocation at;
};

namespace detail {

struct RulePackData {
  std::vector<std::string> dirs;
  std::vector<FactSpec> facts;
  std::vector<DetectorSpec> detectors;
  std::vector<QuestionSpec> questions;
  std::vector<CriterionSpec> criteria;
  std::vector<PlatformSpec> platforms;
  std::vector<RoleRule> roles;  ///< file-role conventions, in load order
  std::vector<DeployRule> deployed_by;  ///< deployment-file keys naming deployed files
  /// Platform limit name -> its title (`platform_limits:`), in declaration order.
  std::vector<std::pair<std::string, std::string>> limit_titles;
  ScoringSpec scoring;
  /// Declared runtimes (`runtimes:`): runtime id -> the file types whose code runs on it.
  std::map<std::string, std::vector<std::string>> runtimes;
  /// file type -> runtime id, the inverse of `runtimes`.
  std::map<std::string, std::string> runtime_of_type;

  const FactSpec* fact(std::string_view id) const;
  const PlatformSpec* platform(std::string_view id) const;
  const CriterionSpec* criterion(std::string_view id) const;
  const QuestionSpec* question_for_fact(std::string_view fact) const;
  /// Ids of the facts that carry `tag`, in pack order.
  std::vector<std::string> facts_tagged(std::string_view tag) const;
  /// Every fact / platform id, for "did you mean" suggestions.
  std::vector<std::string> fact_ids() const;
  std::vector<std::string> platform_ids() const;
};

}  // namespace detail

/// Loads a rule pack from directories of YAML files (every `*.yaml`, recursively, sorted).
Result<RulePack> load_rule_pack(const std::vector<std::string>& dirs);

}  // namespace lambdafit
