// One syntax-only parse of one translation unit that runs every C/C++ detector at once:
// AST matchers (`clang`), include directives (`include`) and tokens (`token`).
#pragma once

#include <string>
#include <vector>

#include "rulepack/model.hpp"
#include "scanning/clang/sdk_sites.hpp"
#include "scanning/clang/translation_units.hpp"
#include "scanning/scan.hpp"

namespace lambdafit::cpp {

struct EngineRules {
  std::vector<const DetectorSpec*> clang, include, token;
  bool sdk = false;  ///< also collect aws-sdk-cpp calls (sdk_sites.hpp)
  bool empty() const { return clang.empty() && include.empty() && token.empty() && !sdk; }
};

struct TuResult {
  TuOutcome outcome = TuOutcome::failed;
  std::vector<Evidence> evidence;  ///< paths relative to the workload root
  std::vector<std::string> notes;  ///< coverage notes (errors in the TU, failures)
  /// What the parse depended on (read_guard.hpp): files opened, and workload paths looked
  /// for and missing. Both empty when the parse ran without a read guard.
  std::vector<std::string> inputs, missing;
  /// With EngineRules::sdk: the aws-sdk-cpp calls made from workload files, and the workload
  /// files of the unit when every `<aws/…>` include resolved (SdkCalls::files).
  std::vector<SdkSite> sdk_sites;
  std::vector<std::string> sdk_files;
};

/// Parses `job` and collects evidence from files inside `root` that are not system headers.
/// Never throws; a TU that cannot be run at all comes back as failed with a note.
TuResult parse_tu(const TuJob& job, const EngineRules& rules, const std::string& root) noexcept;

}  // namespace lambdafit::cpp
