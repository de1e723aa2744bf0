#include "permissions/workload.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include "core/yaml_file.hpp"
#include "permissions/sdk_name_cache.hpp"
#include "rulepack/model.hpp"
#include "rulepack/roles.hpp"
#include "scanning/clang/engine.hpp"
#include "scanning/roles.hpp"
#include "scanning/scan.hpp"

namespace lambdafit::permissions {
namespace {

namespace fs = std::filesystem;

/// aws-sdk-cpp calls from a parse of the workload's C/C++ units, when no scan parsed them.
cpp::SdkCalls parse_cpp(const std::vector<std::string>& dirs, const std::string& root, const std::string& cache_dir,
                        std::vector<std::string>& notes) {
  ScanInput in;
  in.root = fs::absolute(root);
  in.cache_dir = cache_dir;
  ScanOutput walked;
  in.files = walk_workload(in.root, {}, walked);
  in.jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return cpp::parse_sdk_calls(in, dirs, notes);
}

PermissionsResult run(const std::vector<std::string>& dirs, const std::vector<RoleRule>& roles,
                      const std::string& root, std::function<bool(std::string_view)> counts = {},
                      const cpp::SdkCalls* parsed = nullptr, const std::string& cache_dir = {}) {
  std::string dir;
  std::error_code ec;
  for (const auto& d : dirs)
    if (fs::exists(fs::path(d) / "permissions" / "actions.yaml", ec)) {
      dir = d;
      break;
    }
  if (dir.empty()) {
    PermissionsResult r;
    r.errors.push_back("permissions/actions.yaml:0:0: error: no rule directory holds the permission data");
    return r;
  }
  PermissionsOptions o;
  // Tests, examples and tooling call AWS too (moto fixtures, deploy scripts); the function
  // ships only deployed code.
  o.counts = counts ? std::move(counts) : [&roles](std::string_view rel) {
    return convention_role(roles, rel).role == FileRole::deployed;
  };
  // Reading the data (every service's operations) was a third of a one-file lint; a workload
  // with nothing to analyse (a shell script, Python that never imports boto3) needs only its
  // date. The tree is listed once, for this test and the analysis.
  o.files = list_workload_files(root);
  std::vector<std::string> errors;
  const bool named = sdk_names_matter(o.files);  // else the names are never asked for
  const Data names = named ? load_sdk_names(dir) : Data{};
  std::set<std::string, std::less<>> no_sdk;
  std::optional<CachedSdkNames> memo;
  if (named && !cache_dir.empty()) memo.emplace(root, o.files, names, cache_dir);
  const bool reads = reads_any_file(o.files, o, &names, root, &no_sdk, memo ? &*memo : nullptr);
  if (memo) memo->save();
  const Data data = reads ? load_data(dir, errors) : load_data_date(dir, errors);
  o.no_sdk = std::move(no_sdk);  // not read again below
  if (parsed && parsed->parsed) o.cpp = parsed;
  else o.parse_cpp = [&](std::vector<std::string>& notes) { return parse_cpp(dirs, root, cache_dir, notes); };
  auto r = analyze_permissions(root, data, o);
  r.errors.insert(r.errors.begin(), errors.begin(), errors.end());
  return r;
}

}  // namespace

PermissionsResult analyze_workload(const std::vector<std::string>& rule_dirs, const std::string& root,
                                   const std::string& cache_dir) {
  std::vector<RoleRule> roles;
  Diagnostics diags;
  for (const auto& d : rule_dirs) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::directory_iterator it(fs::path(d) / "roles", ec), end; !ec && it != end; it.increment(ec))
      if (it->path().extension() == ".yaml") files.push_back(it->path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files)
      if (auto y = YamlFile::load(f.string(), diags)) load_role_rules(*y, roles, diags);
  }
  auto r = run(rule_dirs, roles, root, {}, nullptr, cache_dir);
  for (const auto& d : diags.items())
    r.errors.push_back(fmt::format("{}:{}:{}: error: {}", d.location.file, d.location.line, d.location.column, d.message));
  return r;
}

PermissionsResult analyze_workload(const RulePack& pack, const std::string& root,
                                   std::function<bool(std::string_view)> counts, const cpp::SdkCalls* parsed,
                                   const std::string& cache_dir) {
  return run(pack.data().dirs, pack.data().roles, root, std::move(counts), parsed, cache_dir);
}

}  // namespace lambdafit::permissions
