// Over-grant findings for `lambdafit lint`, from the permission analysis of the whole
// workload: a wildcard grant and a grant of actions the code never uses at the template line
// that grants them, and an action the code needs but is not granted at the call.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "lambdafit/lambdafit.hpp"
#include "permissions/policy.hpp"

namespace lambdafit::lint {

/// One Evidence item per finding (detector: a permission check id, fact "permissions"), each
/// with the source line of its place as the snippet; `root` is where the paths are relative to.
std::vector<Evidence> permission_evidence(const permissions::PermissionsResult& r, const std::string& root);

}  // namespace lambdafit::lint
