// The rule pack shipped in rules/, loaded once per test binary.
#pragma once

#include <catch2/catch.hpp>

#include <string>

#include "rulepack/model.hpp"
#include "scanning/detector_kind.hpp"

namespace lambdafit::testing {

inline std::string shipped_rules_dir() { return std::string(LAMBDAFIT_TEST_SOURCE_DIR) + "/rules"; }

/// Fails the calling test with the load errors if the shipped pack does not load.
inline const RulePack& shipped_pack() {
  static const Result<RulePack> pack = load_rule_pack({shipped_rules_dir()});
  if (!pack.ok()) FAIL(pack.error_text());
  return pack.value();
}

/// Walks `root` and runs every detector and analyzer of `pack` over it, as `assess` does.
inline void scan_tree(const detail::RulePackData& pack, const std::string& root, ScanOutput& out,
                      int jobs = 1) {
  ScanInput in;
  in.root = root;
  in.jobs = jobs;
  in.files = walk_workload(in.root, {}, out);
  run_scan(in, pack, out);
}

}  // namespace lambdafit::testing
