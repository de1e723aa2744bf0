#include "permissions/workload.hpp"

#include <filesystem>

#include "rulepack/model.hpp"
#include "scanning/roles.hpp"

namespace lambdafit::permissions {

std::string data_dir_of(const RulePack& pack) {
  std::error_code ec;
  for (const auto& d : pack.data().dirs)
    if (std::filesystem::exists(std::filesystem::path(d) / "permissions" / "actions.yaml", ec)) return d;
  return {};
}

PermissionsResult analyze_workload(const RulePack& pack, const std::string& root) {
  const std::string dir = data_dir_of(pack);
  if (dir.empty()) {
    PermissionsResult r;
    r.errors.push_back("permissions/actions.yaml:0:0: error: no rule directory holds the permission data");
    return r;
  }
  std::vector<std::string> errors;
  const Data data = load_data(dir, errors);
  PermissionsOptions o;
  const auto& roles = pack.data().roles;
  // Tests, examples and tooling call AWS too (moto fixtures, deploy scripts); the function
  // ships only deployed code.
  o.counts = [&roles](std::string_view rel) { return convention_role(roles, rel).role == FileRole::deployed; };
  auto r = analyze_permissions(root, data, o);
  r.errors.insert(r.errors.begin(), errors.begin(), errors.end());
  return r;
}

}  // namespace lambdafit::permissions
