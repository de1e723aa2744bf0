// Detector kind `text`: RE2 patterns over scripts, other languages' code and deployment
// files, with comments blanked out first so mentions in comments do not count.
//
//   - id: shell-sysctl-write
//     kind: text
//     fact: os.changes_settings
//     file_types: [shell, crontab]        # and/or paths: ["**/*.sysctl"]
//     patterns: ['(^|[;&|]\s*)sysctl\s+(-\w+\s+)*-w\b']
//     not: ['\becho\b']                    # the reported line must not match these
//     near: ['\bsleep\b']                  # each must match within `within` lines (default 5)
//     in_file: ['boto3']                   # each must match somewhere in the file
//     not_in_file: ['Type=oneshot']        # none may match anywhere in the file
//     ignore_case: true
//     skip_strings: true                   # blank string literals too: calls, not mentions
//     outside_root: true                   # group 1 is a path that must leave the workload
//     max_file_size: 4 MB                  # default 2 MB
//
// Each file is read once for every text detector. Files that are binary, over the size cap,
// not UTF-8 or unreadable are skipped and listed in the scan's coverage notes.
#pragma once

#include "scanning/detector_kind.hpp"

namespace lambdafit {

class TextKind final : public DetectorKind {
 public:
  std::string_view name() const override { return "text"; }
  std::vector<std::string> keys() const override;
  std::shared_ptr<const DetectorConfig> parse(const YamlFile& f, const YAML::Node& n,
                                              Diagnostics& d) const override;
  void save(const DetectorConfig& c, cereal::BinaryOutputArchive& a) const override;
  std::shared_ptr<const DetectorConfig> restore(cereal::BinaryInputArchive& a) const override;
  void scan(const ScanInput& in, const std::vector<const DetectorSpec*>& detectors,
            ScanOutput& out) const override;
};

}  // namespace lambdafit
