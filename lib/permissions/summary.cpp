#include "permissions/summary.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "permissions/findings.hpp"

namespace lambdafit::permissions {
namespace {

/// Findings are one per line (a reviewer changes lines): grants at two columns of one line,
/// as in `Action: [s3:GetObject, s3:PutObject]`, share a place, the first column.
using Place = std::pair<std::string, int>;

Place place_of(const SourceLocation& l) { return {l.file, l.line}; }

}  // namespace

std::string first_few(const std::vector<std::string>& v, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < v.size() && i < n; ++i) out += (i ? ", " : "") + v[i];
  if (v.size() > n) out += fmt::format(", … {} more", v.size() - n);
  return out;
}

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
    // A managed policy is several grants written at one place: one entry per place.
    struct Slot {
      std::string source;
      int column = 0;
      std::set<std::string> actions;
    };
    std::map<Place, Slot> by_place;
    for (const auto& gu : p.unused_by_grant) {
      auto& slot = by_place[{gu.grant.file, gu.grant.line}];
      if (slot.column == 0 || gu.grant.column < slot.column) slot = {gu.grant.source, gu.grant.column, std::move(slot.actions)};
      slot.actions.insert(gu.actions.begin(), gu.actions.end());
    }
    for (const auto& [at, slot] : by_place)
      f.unused_by_grant.push_back({slot.source, {at.first, at.second, slot.column}, {slot.actions.begin(), slot.actions.end()}});
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

std::vector<PermissionFinding> permission_findings(const PermissionsSummary& s) {
  std::vector<PermissionFinding> out;
  auto add = [&](const char* rule, const SourceLocation& at, std::string message) {
    if (at.file.empty() || at.line <= 0) return;  // every finding points at a real line
    out.push_back({rule, std::move(message), at});
  };
  for (const auto& f : s.functions) {
    if (!f.grants_known) continue;
    const std::string uses = f.used_actions.empty() ? "no AWS action" : first_few(f.used_actions, 6);
    std::map<Place, std::vector<const PermissionGrant*>> wild;
    for (const auto& g : f.wildcards) wild[place_of(g.where)].push_back(&g);
    for (auto& [_, grants] : wild) {
      std::stable_sort(grants.begin(), grants.end(), [](const auto* a, const auto* b) { return a->where.column < b->where.column; });
      std::vector<std::string> what;
      for (const auto* g : grants) what.push_back(fmt::format("{} on {}", g->action, g->resource));
      add(kWildcardCheck, grants.front()->where,
          fmt::format("{} is granted {} ({}); its code uses {}", f.name, first_few(what, 3), grants.front()->source, uses));
    }
    for (const auto& gu : f.unused_by_grant)
      add(kOverGrantCheck, gu.where,
          fmt::format("{} grants {} {} action(s) its code never uses ({}); its code uses {}",
                      gu.source == "inline" ? std::string("the inline statement") : gu.source, f.name,
                      gu.actions.size(), first_few(gu.actions, 5), uses));
    for (const auto& n : f.not_granted) {
      const std::string instead = n.notes.empty() ? std::string() : "; " + n.notes.front();
      for (const auto& c : n.calls)
        add(kNotGrantedCheck, c,
            fmt::format("{} needs {} on {} here, which {} does not grant (AccessDenied at run time){}", f.name,
                        first_few(n.actions), first_few(n.resources), f.where.file.empty() ? "its role" : f.where.file,
                        instead));
    }
  }
  // By place; a call two functions reach is one finding for each (their messages differ).
  std::sort(out.begin(), out.end(), [](const PermissionFinding& a, const PermissionFinding& b) {
    return std::tie(a.where.file, a.where.line, a.where.column, a.rule, a.message) <
           std::tie(b.where.file, b.where.line, b.where.column, b.rule, b.message);
  });
  return out;
}

}  // namespace lambdafit::permissions
