// The permissions part of an assessment: what the reports show of a PermissionsResult, and
// the findings lint and SARIF make of it.
#pragma once

#include <string>
#include <vector>

#include "lambdafit/lambdafit.hpp"
#include "permissions/policy.hpp"

namespace lambdafit::permissions {

PermissionsSummary summarize(const PermissionsResult& r);

/// The first `n` items joined with ", ", then "… k more".
std::string first_few(const std::vector<std::string>& v, std::size_t n = 6);

/// One warning of a permission check at the line a reviewer changes: a wildcard or a grant of
/// never-used actions at the template line that grants it (one per line, however many grants
/// a managed policy or statement writes there), an action not granted at the call needing it.
/// The message names the function.
struct PermissionFinding {
  std::string rule;  ///< kWildcardCheck, kOverGrantCheck, kNotGrantedCheck
  std::string message;
  SourceLocation where;
};

/// Findings of the functions whose grants are known, sorted by place, then rule and message.
std::vector<PermissionFinding> permission_findings(const PermissionsSummary& s);

}  // namespace lambdafit::permissions
