// The ids of the permission checks, as lint, SARIF and suppression comments name them. They
// are not detectors of the rule pack: lib/permissions computes them from the whole workload.
#pragma once

#include <string>
#include <vector>

namespace lambdafit::permissions {

inline constexpr const char* kWildcardCheck = "permissions-wildcard";
inline constexpr const char* kOverGrantCheck = "permissions-over-grant";
inline constexpr const char* kNotGrantedCheck = "permissions-not-granted";
/// The fact all three report on, so `lambdafit-ignore(permissions)` silences each of them.
inline constexpr const char* kPermissionsFact = "permissions";

inline const std::vector<std::string>& permission_check_ids() {
  static const std::vector<std::string> ids{kWildcardCheck, kOverGrantCheck, kNotGrantedCheck, kPermissionsFact};
  return ids;
}

}  // namespace lambdafit::permissions
