// Detector kind `file`: evidence when files matching globs exist (`**/*.pkr.hcl`, `**/*.cu`).
#pragma once

#include "scanning/detector_kind.hpp"

namespace lambdafit {

class FilePresenceKind final : public DetectorKind {
 public:
  std::string_view name() const override { return "file"; }
  std::vector<std::string> keys() const override { return {"files"}; }
  std::shared_ptr<const DetectorConfig> parse(const YamlFile& f, const YAML::Node& n,
                                              Diagnostics& d) const override;
  void save(const DetectorConfig& c, cereal::BinaryOutputArchive& a) const override;
  std::shared_ptr<const DetectorConfig> restore(cereal::BinaryInputArchive& a) const override;
  void scan(const ScanInput& in, const std::vector<const DetectorSpec*>& detectors,
            ScanOutput& out) const override;
};

}  // namespace lambdafit
