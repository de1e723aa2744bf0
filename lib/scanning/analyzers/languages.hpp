// Analyzer `languages`: the workload's languages by bytes of code, as runtime names.
//
// Counts the bytes of every deployed code file (type from extension or shebang, see
// text/file_type.hpp; roles from scanning/roles.hpp), so tests, examples, tooling, build
// scripts and vendored code do not decide the language.
// C headers (.h) count as C++ when the tree has C++ sources and as C otherwise. Every
// language goes to the report's language table; the fact `code.languages` lists those with
// at least kLanguageShare of the code bytes (the largest always), so a helper script does
// not turn a Python function into a shell workload.
#pragma once

#include "scanning/detector_kind.hpp"

namespace lambdafit {

/// 10%: the smallest share of code bytes for a language to count in `code.languages`.
inline constexpr double kLanguageShare = 0.10;

class LanguagesAnalyzer final : public Analyzer {
 public:
  std::string_view name() const override { return "languages"; }
  std::vector<ProducedFact> produces() const override { return {{"code.languages", "list"}}; }
  void analyze(const ScanInput& in, const detail::RulePackData& pack,
               ScanOutput& out) const override;
};

/// The languages of `files` by bytes, largest first (what the analyzer reports).
/// `roles` leaves out files that are not deployed; `runtime_of_type` maps a file type to its
/// runtime (the pack's `runtimes:`).
std::vector<LanguageShare> measure_languages(const std::vector<WorkloadFile>& files,
                                             const RoleMap& roles,
                                             const std::map<std::string, std::string>& runtime_of_type);

/// The runtime names that count for `code.languages` (kLanguageShare, largest always).
std::vector<std::string> significant_languages(const std::vector<LanguageShare>& shares);

}  // namespace lambdafit
