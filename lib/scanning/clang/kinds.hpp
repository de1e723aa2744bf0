// The C/C++ detector kinds `clang`, `include` and `token`. They attach to the C/C++ parse
// frontend: one parse per translation unit runs the detectors of all three (CppParseAnalyzer
// in engine.hpp), each kind putting its detectors in its slot of EngineRules (parse_tu.hpp).
#pragma once

#include "scanning/detector_kind.hpp"

namespace lambdafit::cpp {

struct EngineRules;

/// A kind whose detectors run inside the one parse per translation unit.
class TuDetectorKind : public DetectorKind {
 public:
  Frontend frontend() const final { return Frontend::cpp_parse; }
  void scan(const ScanInput&, const std::vector<const DetectorSpec*>&, ScanOutput&) const final {}
  /// Puts a detector of this kind where the parse looks for it.
  virtual void attach(const DetectorSpec& d, EngineRules& rules) const = 0;
};

/// Attaches `d` to `rules` when its kind runs in the C/C++ parse; false otherwise (another
/// frontend's kind, or a detector whose config failed to load).
bool attach_to_parse(const DetectorSpec& d, EngineRules& rules);

/// An AST matcher in clang-query syntax: `matcher: callExpr(callee(functionDecl(...)))`.
class ClangMatcherKind final : public TuDetectorKind {
 public:
  std::string_view name() const override { return "clang"; }
  std::vector<std::string> keys() const override { return {"matcher", "string"}; }
  std::shared_ptr<const DetectorConfig> parse(const YamlFile& f, const YAML::Node& n,
                                              Diagnostics& d) const override;
  void save(const DetectorConfig& c, cereal::BinaryOutputArchive& a) const override;
  std::shared_ptr<const DetectorConfig> restore(cereal::BinaryInputArchive& a) const override;
  void finish_load(detail::RulePackData& pack, Diagnostics& d) const override;
  void attach(const DetectorSpec& d, EngineRules& rules) const override;
};

/// Include directives by written name or glob, whether the header is found or not.
class IncludeKind final : public TuDetectorKind {
 public:
  std::string_view name() const override { return "include"; }
  std::vector<std::string> keys() const override { return {"includes", "resolved"}; }
  std::shared_ptr<const DetectorConfig> parse(const YamlFile& f, const YAML::Node& n,
                                              Diagnostics& d) const override;
  void save(const DetectorConfig& c, cereal::BinaryOutputArchive& a) const override;
  std::shared_ptr<const DetectorConfig> restore(cereal::BinaryInputArchive& a) const override;
  void attach(const DetectorSpec& d, EngineRules& rules) const override;
};

/// Identifier uses (`__global__`, `cudaMalloc`) and string literals, seen by the preprocessor
/// in active code only, so they work when third-party headers are missing.
class TokenKind final : public TuDetectorKind {
 public:
  std::string_view name() const override { return "token"; }
  std::vector<std::string> keys() const override {
    return {"identifiers", "identifier_regex", "string_regex"};
  }
  std::shared_ptr<const DetectorConfig> parse(const YamlFile& f, const YAML::Node& n,
                                              Diagnostics& d) const override;
  void save(const DetectorConfig& c, cereal::BinaryOutputArchive& a) const override;
  std::shared_ptr<const DetectorConfig> restore(cereal::BinaryInputArchive& a) const override;
  void attach(const DetectorSpec& d, EngineRules& rules) const override;
};

}  // namespace lambdafit::cpp
