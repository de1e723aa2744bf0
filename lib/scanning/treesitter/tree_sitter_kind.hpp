// Detector kind `tree-sitter`: queries over the syntax trees of Python, JavaScript,
// TypeScript/TSX, Java and shell scripts, so comments, strings and look-alike text never match.
//
//   - id: python-host-tool
//     kind: tree-sitter
//     fact: image.host_tools
//     language: python                    # python | javascript | typescript | java | shell
//     query: |                            # tree-sitter query syntax; predicates: query.hpp
//       (call function: (_) @fn arguments: (argument_list) @args
//         (#qualified? @fn "subprocess.run" "os.system")
//         (#command? @args "sysctl" "modprobe")) @match
//     max_file_size: 4 MB                 # default 2 MB
//
// The evidence is the capture named `match` (else the earliest capture), one per line. Each
// file is parsed once for all detectors of its language, and only when it holds a literal one
// of their queries needs. Files that cannot be read or parsed are named in the coverage notes.
#pragma once

#include "scanning/detector_kind.hpp"

namespace lambdafit {

class TreeSitterKind final : public DetectorKind {
 public:
  std::string_view name() const override { return "tree-sitter"; }
  std::vector<std::string> keys() const override;
  std::shared_ptr<const DetectorConfig> parse(const YamlFile& f, const YAML::Node& n,
                                              Diagnostics& d) const override;
  void save(const DetectorConfig& c, cereal::BinaryOutputArchive& a) const override;
  std::shared_ptr<const DetectorConfig> restore(cereal::BinaryInputArchive& a) const override;
  void finish_load(detail::RulePackData& pack, Diagnostics& d) const override;
  void scan(const ScanInput& in, const std::vector<const DetectorSpec*>& detectors,
            ScanOutput& out) const override;
};

}  // namespace lambdafit
