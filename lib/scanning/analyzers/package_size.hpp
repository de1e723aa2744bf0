// Analyzer `package`: an estimate of the deployable package and of the weight it need not
// carry (the cold-start advice: ship only what runs).
//
// The walked files (VCS and build directories and the workload's `exclude` globs already
// left out) count toward the package except tests, docs, examples and tooling (scanning/roles.hpp),
// which a sane build leaves out; those are listed as avoidable weight, since a naive
// "zip the directory" package would carry them. Large files (kBigAsset and up) that are not
// code and whose name no text file of the workload mentions count in the package and are
// also listed as avoidable: likely unused assets. A `node_modules` directory at the root,
// which the walk skips, is added to the package size and said so in a note.
//
// The fact `package.size_mb` is set from the tree only when the code fetches nothing at
// build time: with a dependency manifest (requirements.txt, package.json without
// node_modules, pom.xml, go.mod, …) the real package is unknown, so the question stays open
// and a note says why. `package.avoidable_mb` is always set.
#pragma once

#include "scanning/detector_kind.hpp"

namespace lambdafit {

/// 1 MB: files from this size on are checked for being unused assets.
inline constexpr std::uint64_t kBigAsset = 1024 * 1024;

class PackageAnalyzer final : public Analyzer {
 public:
  std::string_view name() const override { return "package"; }
  std::vector<ProducedFact> produces() const override {
    return {{"package.size_mb", "number", Dimension::size},
            {"package.avoidable_mb", "number", Dimension::size}};
  }
  void analyze(const ScanInput& in, const detail::RulePackData& pack,
               ScanOutput& out) const override;
};

/// The first dependency manifest of the code whose dependencies are not in the tree, if any.
std::string unbundled_dependencies(const std::filesystem::path& root,
                                   const std::vector<WorkloadFile>& files, const RoleMap& roles);

/// The estimate for `files` under `root` (what the analyzer reports); `runtime_of_type` (the
/// pack's runtimes) tells code files from assets.
PackageEstimate estimate_package(const std::filesystem::path& root,
                                 const std::vector<WorkloadFile>& files,
                                 const std::vector<std::string>& exclude, ScanOutput& out,
                                 const std::map<std::string, std::string>& runtime_of_type);

}  // namespace lambdafit
