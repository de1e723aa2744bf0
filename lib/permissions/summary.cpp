#include "permissions/summary.hpp"

#include <fmt/format.h>

namespace lambdafit::permissions {

PermissionsSummary summarize(const PermissionsResult& r) {
  PermissionsSummary s;
  s.analyzed = true;
  s.data_as_of = fmt::format("botocore {} ({})", r.botocore_version, r.as_of_date);
  for (const auto& p : r.functions) {
    FunctionPermissions f;
    f.name = p.name;
    f.where = {p.template_file, p.line, p.column};
    f.used_actions = p.used_actions;
    for (const auto& c : p.calls) f.calls.push_back({c.file, c.line, c.column});
    for (const auto& st : p.statements) {
      PermissionStatement ps;
      ps.actions = st.actions;
      for (const auto& r : st.resources) ps.resources.push_back(r.value);
      for (const auto& c : st.because) ps.calls.push_back({c.file, c.line, c.column});
      ps.notes = st.notes;
      f.policy.push_back(std::move(ps));
    }
    f.grants_known = p.grants_known;
    f.granted_actions = p.granted_actions.size();
    f.over_grant_ratio = p.over_grant_ratio;
    f.unused = p.unused;
    for (const auto& g : p.wildcards) f.wildcards.push_back({g.action, g.resource, g.source, {g.file, g.line, g.column}});
    f.missing = p.missing;
    for (const auto& n : p.not_granted) {
      PermissionStatement ps;
      ps.actions = {n.action};
      ps.resources = {n.resource.value};
      for (const auto& c : n.calls) ps.calls.push_back({c.file, c.line, c.column});
      if (!n.granted_on.empty())
        ps.notes.push_back(fmt::format("granted only on {}", fmt::join(n.granted_on, ", ")));
      f.not_granted.push_back(std::move(ps));
    }
    f.notes = p.notes;
    s.functions.push_back(std::move(f));
  }
  for (const auto& n : r.notes) s.notes.push_back(fmt::format("{}:{}:{}: {}", n.file, n.line, n.column, n.message));
  for (const auto& e : r.errors) s.notes.push_back(e);
  return s;
}

}  // namespace lambdafit::permissions
