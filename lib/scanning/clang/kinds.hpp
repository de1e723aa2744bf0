// The C/C++ detector kinds `clang`, `include` and `token`. Their scan() does nothing: one parse
// per translation unit runs the detectors of all three (CppParseAnalyzer in engine.hpp).
#pragma once

#include "scanning/detector_kind.hpp"

namespace lambdafit::cpp {

/// An AST matcher in clang-query syntax: `matcher: callExpr(callee(functionDecl(...)))`.
class ClangMatcherKind final : public DetectorKind {
 public:
  std::string_view name() const override { return "clang"; }
  std::vector<std::string> keys() const override { return {"matcher", "string"}; }
  std::shared_ptr<const DetectorConfig> parse(const YamlFile& f, const YAML::Node& n,
                                              Diagnostics& d) const override;
  void finish_load(detail::RulePackData& pack, Diagnostics& d) const override;
  void scan(const ScanInput&, const std::vector<const DetectorSpec*>&,
            ScanOutput&) const override {}  // run by CppParseAnalyzer, one parse for all kinds
};

/// Include directives by written name or glob, whether the header is found or not.
class IncludeKind final : public DetectorKind {
 public:
  std::string_view name() const override { return "include"; }
  std::vector<std::string> keys() const override { return {"includes", "resolved"}; }
  std::shared_ptr<const DetectorConfig> parse(const YamlFile& f, const YAML::Node& n,
                                              Diagnostics& d) const override;
  void scan(const ScanInput&, const std::vector<const DetectorSpec*>&,
            ScanOutput&) const override {}  // run by CppParseAnalyzer, one parse for all kinds
};

/// Identifier uses (`__global__`, `cudaMalloc`) and string literals, seen by the preprocessor
/// in active code only, so they work when third-party headers are missing.
class TokenKind final : public DetectorKind {
 public:
  std::string_view name() const override { return "token"; }
  std::vector<std::string> keys() const override {
    return {"identifiers", "identifier_regex", "string_regex"};
  }
  std::shared_ptr<const DetectorConfig> parse(const YamlFile& f, const YAML::Node& n,
                                              Diagnostics& d) const override;
  void scan(const ScanInput&, const std::vector<const DetectorSpec*>&,
            ScanOutput&) const override {}  // run by CppParseAnalyzer, one parse for all kinds
};

}  // namespace lambdafit::cpp
