// Permissions of a workload with a loaded rule pack: the data from the pack's
// permissions/ folder, and only deployed files counted (the pack's role conventions).
#pragma once

#include <string>

#include "lambdafit/lambdafit.hpp"
#include "permissions/policy.hpp"

namespace lambdafit::permissions {

/// The rule directory of the pack that holds permissions/actions.yaml, or empty.
std::string data_dir_of(const RulePack& pack);

/// Analyses the workload at `root`; a pack without permission data gives a result whose
/// `errors` says so.
PermissionsResult analyze_workload(const RulePack& pack, const std::string& root);

}  // namespace lambdafit::permissions
