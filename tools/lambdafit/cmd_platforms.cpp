// lambdafit platforms
#include <iostream>

#include <fmt/format.h>

#include "cli.hpp"

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
  std::cout << fmt::format("{:<28} {:<9} {:>9} {:>9}  {}\n", "id", "as of", "timeout", "memory", "name");
  for (const auto& p : pack->platforms()) {
    std::cout << fmt::format("{:<28} {:<9} {:>9} {:>9}  {}{}\n", p.id, p.as_of, get(p, "timeout"), get(p, "memory"),
                             p.name, p.id == pack->default_platform() ? " (default)" : "");
  }
  return kOk;
}

}  // namespace lambdafit::cli
