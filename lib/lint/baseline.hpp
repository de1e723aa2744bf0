// Baselines: the findings a team has accepted, recorded by fingerprint so that later runs
// report only new ones. A fingerprint is the detector id, the path, the whitespace-normalized
// source line and the occurrence index of that line among equal ones in the file — no line
// numbers — so it survives moved lines and unrelated edits (the same key as SARIF's
// partialFingerprints, see reports/sarif_report.hpp).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "core/safe_file.hpp"

namespace lambdafit::lint {

/// Fingerprints for `evidence`, index for index. Occurrences are counted in (path, line,
/// column) order, so every item of one scan gets a distinct fingerprint.
std::vector<std::string> fingerprints(const std::vector<Evidence>& evidence);

struct BaselineEntry {
  std::string fingerprint;
  std::string detector;
  std::string path;
  int line = 0;          ///< where it was when recorded; informative only
  std::string snippet;
};

/// The baseline file's text (JSON, sorted by path and line).
std::string baseline_json(std::vector<BaselineEntry> entries);

/// Reads a baseline file's fingerprints; errors name the file (and line:col for bad JSON).
/// `limits.inside` is the workload root when the path came from its lambdafit.yaml.
std::optional<std::set<std::string>> read_baseline(const std::string& path, Diagnostics& d,
                                                   const ReadLimits& limits = {});

/// The same file's entries with what they recorded (for listing resolved ones).
std::optional<std::vector<BaselineEntry>> read_baseline_entries(const std::string& path, Diagnostics& d,
                                                              const ReadLimits& limits = {});

}  // namespace lambdafit::lint
