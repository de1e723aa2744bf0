// Coverage notes grouped by cause for the human-readable reports: "22 translation units could
// not find 'cmark_export.h'", with the fix, instead of 22 near-identical lines. The JSON and
// SARIF reports keep every note as the scan wrote it.
#pragma once

#include <string>
#include <vector>

#include "lambdafit/lambdafit.hpp"

namespace lambdafit {

struct CoverageGroup {
  std::string cause;               ///< "could not find 'cmark_export.h'"
  std::string summary;             ///< one line: count, cause, first place and the fix
  std::vector<std::string> items;  ///< the notes behind it, paths relative to the workload
};

/// Notes grouped by cause, in first-seen order. Paths under the workload root are made relative.
std::vector<CoverageGroup> group_coverage(const ScanSummary& scan, const std::string& workload_path);

/// `path` relative to the workload when it lies inside it (absolute or as given), else as is.
std::string relative_to_workload(const std::string& path, const std::string& workload_path);

}  // namespace lambdafit
