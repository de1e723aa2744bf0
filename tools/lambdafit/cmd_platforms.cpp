// lambdafit platforms: the profiles and their main limits, one aligned row each.
#include <iostream>

#include <fmt/format.h>

#include "cli.hpp"
#include "reports/report_util.hpp"

namespace lambdafit::cli {

void setup_platforms(CLI::App& sub, Options& o) {
  sub.add_option("--rules", o.rules_dirs, "more rule directories")->check(CLI::ExistingDirectory);
}

int run_platforms(Options& o) {
  auto pack = load_pack(o);
  if (!pack) return kUsage;
  auto get = [](const PlatformInfo& p, const char* k) {
    auto it = p.limits.find(k);
    return it == p.limits.end() ? std::string("-") : it->second;
  };
  std::vector<std::vector<std::string>> rows{{"id", "as of", "timeout", "memory", "name"}};
  for (const auto& p : pack->platforms())
    rows.push_back({p.id, p.as_of, get(p, "timeout"), get(p, "memory"),
                    p.name + (p.id == pack->default_platform() ? " (default)" : "")});
  std::cout << aligned_table(rows, {false, false, true, true, false});
  return kOk;
}

}  // namespace lambdafit::cli
