// The permissions part of an assessment: what the reports show of a PermissionsResult.
#pragma once

#include "lambdafit/lambdafit.hpp"
#include "permissions/policy.hpp"

namespace lambdafit::permissions {

PermissionsSummary summarize(const PermissionsResult& r);

}  // namespace lambdafit::permissions
