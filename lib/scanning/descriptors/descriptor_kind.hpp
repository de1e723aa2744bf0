// Detector kind `descriptor`: reads deployment files (SAM and CloudFormation templates,
// serverless.yml, Terraform, Kubernetes manifests, compose files, systemd units, supervisord,
// Procfiles, Dockerfiles, wrangler.toml, function.json) with a real parser and turns the
// values found at a path into evidence, at the key that stated them.
//
//   - id: sam-function-timeout
//     kind: descriptor
//     fact: runtime.max_seconds
//     document: yaml                 # yaml, json, ini, hcl, toml, dockerfile, procfile,
//                                    # automake (Makefile.am)
//     files: ["**/template.yaml"]
//     in_file: 'AWS::Serverless'     # read only files holding this pattern (optional)
//     path: Resources.*[Type=AWS::Serverless::Function].Properties.Timeout
//     unless: Globals.Function.Timeout   # skip documents where this path exists (optional)
//     match: '-Xmx(\d+[kmgKMG]?)'    # the value must match; group 1 is the value (optional)
//     unit: s                        # unit of a bare number (s, ms, min, MB, bytes, KB, GB)
//     bound: upper                   # exact (default), upper or lower
//     default: "3"                   # only where the last key is absent: its parent states this
//     message: declares a timeout of {value}
//
// Path segments are separated by '.'; a segment is a key, '*' (every key or list item), a
// glob ('program:*'), alternatives ('CMD|ENTRYPOINT'), and filters on the node reached:
// [Key=a|b] (Key's text matches a or b), [Key] (present), [!Key] (absent); a filter key may
// name a nested key with '/' (Properties/PackageType). A segment of filters only ('[kind=Job]')
// checks the current node.
#pragma once

#include "scanning/detector_kind.hpp"

namespace lambdafit {

class DescriptorKind final : public DetectorKind {
 public:
  std::string_view name() const override { return "descriptor"; }
  std::vector<std::string> keys() const override;
  bool states_values() const override { return true; }
  std::shared_ptr<const DetectorConfig> parse(const YamlFile& f, const YAML::Node& n,
                                              Diagnostics& d) const override;
  void save(const DetectorConfig& c, cereal::BinaryOutputArchive& a) const override;
  std::shared_ptr<const DetectorConfig> restore(cereal::BinaryInputArchive& a) const override;
  void scan(const ScanInput& in, const std::vector<const DetectorSpec*>& detectors,
            ScanOutput& out) const override;
};

}  // namespace lambdafit
