// Runs every `clang`, `include` and `token` detector with one parse per translation unit, on
// a pool of `-j` workers. By default (Isolation::processes) the parses run in long-lived
// `lambdafit-worker` processes started with posix_spawn: a unit that crashes the parser,
// overflows its stack or exceeds the time limit is recorded as failed, its worker is replaced,
// and the rest goes on. Isolation::threads parses in-process; the time limit still fails a
// unit that overruns (its thread is left to finish on its own). Settings come from ScanInput.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scanning/clang/sdk_sites.hpp"

#include "scanning/detector_kind.hpp"

namespace lambdafit::cpp {

/// The worker executable: `configured` when given, else beside this library or executable
/// (`../libexec/lambdafit/`), the install prefix, or the build tree. `looked` lists the places
/// tried when none is found.
std::optional<std::string> find_worker(const std::string& configured, std::string* looked = nullptr);

/// Parses the C/C++ units of `in` for aws-sdk-cpp calls alone, with no detector, for a
/// permission analysis no scan came before (`lambdafit permissions`, lint): in workers started
/// with the pack in `rule_dirs`, or in-process in a binary with Clang. Coverage notes (units not
/// parsed, errors) go to `notes`.
SdkCalls parse_sdk_calls(const ScanInput& in, const std::vector<std::string>& rule_dirs,
                         std::vector<std::string>& notes);

class CppParseAnalyzer final : public Analyzer {
 public:
  std::string_view name() const override { return "c-cpp-parse"; }
  // Adds evidence for the clang, include and token detectors; sets no fact of its own.
  void analyze(const ScanInput& in, const detail::RulePackData& pack,
               ScanOutput& out) const override;
};

}  // namespace lambdafit::cpp
