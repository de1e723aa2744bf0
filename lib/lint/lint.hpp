// `lambdafit lint`: only the detectors, over a set of files (named, staged in the git index,
// or changed since a revision), with suppressions, a baseline and the workload's `lint:`
// configuration. No questionnaire, no verdict.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lambdafit/lambdafit.hpp"
#include "lint/baseline.hpp"
#include "lint/config.hpp"
#include "scanning/suppressions.hpp"

namespace lambdafit::lint {

struct LintOptions {
  std::string root;                 ///< workload root; empty = the git top level, else "."
  std::vector<std::string> files;   ///< as given on the command line (relative to the cwd)
  bool staged = false;              ///< lint the index's version of staged files
  std::string diff_rev;             ///< lint files changed in the work tree since this revision
  bool changed_lines_only = false;  ///< report only findings on lines the change touched
  std::string baseline;             ///< report only findings not in this baseline file
  bool no_baseline = false;         ///< ignore the configured baseline (to write a new one)
  std::string build_dir;
  int jobs = 0;
  LintOverrides overrides;
  bool report_unused = false;       ///< report suppressions that silenced nothing
  Isolation isolation = Isolation::processes;  ///< how C/C++ parses are isolated
  int unit_timeout_seconds = 300;              ///< time limit of one translation unit
  std::string worker_path;                     ///< empty: found beside the library
  std::string cache_dir;                       ///< results of C/C++ units kept there (tu_cache.hpp)
  std::string clang_resource_dir;              ///< empty: the one found at build time
  std::string cuda_path;                       ///< see AssessOptions::cuda_path
  bool show_resolved = false;       ///< list baseline entries that no longer occur
};

struct Finding {
  Evidence evidence;
  std::string severity;               ///< error, warning or note
  std::vector<std::string> criteria;  ///< criteria reading the detector's fact
  std::string fingerprint;
};

struct LintResult {
  std::string root;                     ///< the workload root, as given or found
  std::size_t files = 0;                ///< files linted
  std::vector<Finding> findings;        ///< new: in scope, not suppressed, not in the baseline
  std::vector<Finding> baselined;       ///< in scope and in the baseline
  std::vector<Finding> suppressed;      ///< in scope and silenced by a comment
  std::vector<Suppression> suppressions;  ///< every suppression in the linted files
  std::vector<std::string> notes;       ///< coverage notes from the scan
  std::vector<Diagnostic> warnings;     ///< non-fatal problems with the configuration
  std::vector<BaselineEntry> resolved;  ///< with show_resolved: baseline entries gone from the linted files
  bool resolved_checked = false;        ///< whether `resolved` was computed
  LintConfig config;
};

/// Runs the lint. Errors (bad flags, configuration, git failures, unreadable baseline) come
/// back as diagnostics; findings are never errors of the call itself.
Result<LintResult> run_lint(const RulePack& pack, const LintOptions& options) noexcept;

}  // namespace lambdafit::lint
