// lambdafit permissions PATH: the least-privilege IAM policy of each function, from the
// workload's own AWS SDK calls, as JSON, YAML, a SAM Policies block or Terraform.
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "cli.hpp"
#include "core/known_good.hpp"
#include "permissions/render.hpp"
#include "permissions/workload.hpp"

namespace lambdafit::cli {

void setup_permissions(CLI::App& sub, Options& o) {
  sub.add_option("path", o.paths, "the workload (default: the current directory)")->expected(0, 1);
  one_of(sub.add_option("--format", o.format, "json (default), yaml, sam or terraform"),
         {"json", "yaml", "sam", "terraform"});
  sub.add_option("-o,--output", o.output, "write to FILE instead of standard output");
  sub.add_option("--rules", o.rules_dirs, "more rule directories")->check(CLI::ExistingDirectory);
}

int run_permissions(Options& o) {
  const std::string path = o.paths.empty() ? std::string(".") : o.paths.front();
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec)) {
    print_error(fmt::format("'{}' is not a directory", path));
    return kUsage;
  }
  // Only the IAM data and the role conventions are read, not the whole rule pack.
  std::vector<std::string> dirs;
  if (auto d = default_rules_dir()) dirs.push_back(*d);
  dirs.insert(dirs.end(), o.rules_dirs.begin(), o.rules_dirs.end());
  // C/C++ units parsed for aws-sdk-cpp calls are remembered like the scan's.
  const auto r = permissions::analyze_workload(dirs, path, lambdafit::cache_dir());
  for (const auto& e : r.errors) std::cerr << e << "\n";
  if (r.functions.empty() && !r.errors.empty()) return kUsage;
  permissions::PolicyFormat f = permissions::PolicyFormat::json;
  if (o.format == "yaml") f = permissions::PolicyFormat::yaml;
  if (o.format == "sam") f = permissions::PolicyFormat::sam;
  if (o.format == "terraform") f = permissions::PolicyFormat::terraform;
  if (!o.quiet)
    for (const auto& n : r.notes)
      std::cerr << fmt::format("{}/{}:{}:{}: warning: {} [permissions]\n", path, n.file, n.line, n.column, n.message);
  return write_output(o.output, permissions::render_policies(r, f)) ? kOk : kUsage;
}

}  // namespace lambdafit::cli
