#include "rulepack/roles.hpp"

#include <fmt/format.h>

#include "core/spelling.hpp"

namespace lambdafit {

namespace {

const std::vector<std::string> kRoleRuleKeys{"role", "ecosystem", "description", "dirs", "files"};

bool valid_glob(const YamlFile& f, const YAML::Node& n, const std::string& g, Diagnostics& d) {
  if (g.empty() || g.front() == '/' || g.find("..") != std::string::npos) {
    f.error(d, n, fmt::format("'{}' is not a workload-relative glob", g));
    return false;
  }
  return true;
}

}  // namespace

std::vector<std::string> file_role_names() {
  std::vector<std::string> out;
  for (auto r : all_file_roles()) out.emplace_back(to_string(r));
  return out;
}

std::optional<FileRole> parse_role(const YamlFile& f, const YAML::Node& n, Diagnostics& d) {
  if (!n.IsScalar()) {
    f.error(d, n, "a role is one of: " + fmt::format("{}", fmt::join(file_role_names(), ", ")));
    return std::nullopt;
  }
  if (auto r = file_role_from_string(n.Scalar())) return r;
  f.error(d, n, fmt::format("unknown role '{}'{}", n.Scalar(), did_you_mean(n.Scalar(), file_role_names())));
  return std::nullopt;
}

void load_role_rules(const YamlFile& f, std::vector<RoleRule>& out, Diagnostics& d) {
  const auto list = f.root()["roles"];
  if (!list) return;
  if (!list.IsSequence()) {
    f.error(d, list, "'roles' must be a list");
    return;
  }
  for (const auto& n : list) {
    if (!n.IsMap()) {
      f.error(d, n, "each item of 'roles' must be a mapping");
      continue;
    }
    if (!check_keys(f, n, kRoleRuleKeys, d, "a role convention")) continue;
    if (!n["role"]) {
      f.error(d, n, "a role convention needs a 'role'");
      continue;
    }
    auto role = parse_role(f, n["role"], d);
    if (!role) continue;
    RoleRule r;
    r.role = *role;
    r.at = f.where(n);
    r.ecosystem = get_scalar(f, n, "ecosystem", d).value_or("any");
    bool ok = true;
    for (const char* key : {"dirs", "files"}) {
      auto globs = get_string_list(f, n, key, d);
      if (!globs) continue;
      for (const auto& g : *globs) ok = valid_glob(f, n[key], g, d) && ok;
      (std::string(key) == "dirs" ? r.dirs : r.files) = std::move(*globs);
    }
    if (r.dirs.empty() && r.files.empty()) {
      f.error(d, n, "a role convention needs 'dirs' or 'files'");
      continue;
    }
    if (ok) out.push_back(std::move(r));
  }
}

bool load_role_globs(const YamlFile& f, const YAML::Node& map, std::vector<RoleGlob>& out,
                     Diagnostics& d) {
  if (!map.IsMap()) {
    f.error(d, map, "'roles' must be a mapping of role names to lists of globs");
    return false;
  }
  bool ok = true;
  for (const auto& kv : map) {
    auto role = parse_role(f, kv.first, d);
    if (!role) {
      ok = false;
      continue;
    }
    const YAML::Node& v = kv.second;
    std::vector<YAML::Node> items;
    if (v.IsScalar()) items.push_back(v);
    else if (v.IsSequence())
      for (const auto& i : v) items.push_back(i);
    else {
      f.error(d, v, fmt::format("the globs for role '{}' must be a list", kv.first.Scalar()));
      ok = false;
      continue;
    }
    for (const auto& i : items) {
      if (!i.IsScalar() || !valid_glob(f, i, i.Scalar(), d)) {
        if (!i.IsScalar()) f.error(d, i, "expected a glob");
        ok = false;
        continue;
      }
      out.push_back(RoleGlob{*role, i.Scalar(), f.where(i)});
    }
  }
  return ok;
}

}  // namespace lambdafit
