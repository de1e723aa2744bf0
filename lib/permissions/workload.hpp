// Permissions of a workload with the rule directories: the IAM data from the first one holding
// permissions/actions.yaml, and only deployed files counted (the role conventions of
// roles/*.yaml). The rule pack itself is not loaded, so the command stays quick.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "lambdafit/lambdafit.hpp"
#include "permissions/policy.hpp"

namespace lambdafit::permissions {

/// With rule directories (the default one first, then --rules directories).
/// `cache_dir`: where the parses of C/C++ units for aws-sdk-cpp calls are remembered (the TU
/// result cache); empty: not remembered.
PermissionsResult analyze_workload(const std::vector<std::string>& rule_dirs, const std::string& root,
                                   const std::string& cache_dir = {});

/// With a loaded pack (the assessment): its directories, and `counts` deciding which files
/// count (the scan's roles, manifest overrides included); unset: the pack's conventions.
/// `parsed`: what the scan's C/C++ parses saw of aws-sdk-cpp; without it (or when the scan
/// parsed nothing), a workload whose C/C++ includes SDK headers is parsed for SDK calls here.
PermissionsResult analyze_workload(const RulePack& pack, const std::string& root,
                                   std::function<bool(std::string_view)> counts = {},
                                   const cpp::SdkCalls* parsed = nullptr, const std::string& cache_dir = {});

}  // namespace lambdafit::permissions
