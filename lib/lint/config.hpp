// The `lint:` section of a workload's lambdafit.yaml and the command-line flags that override
// it: which detectors run, at which severity, and which paths are left alone.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/diagnostics.hpp"
#include "rulepack/model.hpp"

namespace lambdafit::lint {

/// The pseudo-detector id of problems with suppression comments themselves.
inline constexpr const char* kSuppressionCheck = "lambdafit-ignore";

struct LintConfig {
  std::string path;                   ///< the lambdafit.yaml read, empty when none
  std::vector<std::string> enable;    ///< detector, criterion or fact ids or globs; empty = all
  std::vector<std::string> disable;
  std::vector<std::pair<std::string, std::string>> severity;  ///< id or glob -> level, in order
  std::vector<std::string> ignore;    ///< path globs left out of the lint
  std::vector<std::string> exclude;   ///< the manifest's top-level `exclude`
  std::string fail_on;                ///< warning or error; empty = not set
  std::string baseline;               ///< path relative to the workload root; empty = none
};

/// Reads `lint:` (and `exclude:`) from `<root>/lambdafit.yaml` if the file exists. Unknown
/// keys, ids and levels are errors at file:line:col with the nearest spelling.
std::optional<LintConfig> load_lint_config(const std::string& root,
                                           const detail::RulePackData& pack, Diagnostics& d);

/// Flags from the command line; each list is applied after the file's.
struct LintOverrides {
  std::vector<std::string> enable;
  std::vector<std::string> disable;
  std::vector<std::string> severity;  ///< "ID=LEVEL"
  std::vector<std::string> ignore;
};

/// Checks command-line ids and levels like the file's; errors have no position.
bool check_overrides(const LintOverrides& o, const detail::RulePackData& pack, Diagnostics& d);

/// The names a pattern may use for a detector: its id, its fact, the criteria reading the fact.
std::vector<std::string> detector_names(const DetectorSpec& det, const detail::RulePackData& pack);

/// Whether a detector runs, given its names: the file's enable (when set) and disable, then
/// the command line's disable and enable, the last one matching wins.
bool is_enabled(const std::vector<std::string>& names, const LintConfig& c, const LintOverrides& o);

/// The detector's severity after the file's and the command line's overrides.
std::string effective_severity(const std::vector<std::string>& names, std::string severity,
                               const LintConfig& c, const LintOverrides& o);

}  // namespace lambdafit::lint
