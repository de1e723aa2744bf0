// Runs every `clang`, `include` and `token` detector with one parse per translation unit, on
// a pool of `-j` workers. By default each parse runs in a forked child process, so a TU that
// crashes the parser or exceeds the time limit is recorded as failed and the rest goes on.
//
// Environment (for benchmarks and tests):
//   LAMBDAFIT_CLANG_ISOLATION=fork|threads  fork (default) or in-process threads (no isolation)
//   LAMBDAFIT_TU_TIMEOUT=SECONDS             per-TU time limit in fork mode (default 300)
//   LAMBDAFIT_CLANG_FAULT=crash:NAME|hang:NAME  fork mode only: the child parsing a TU whose
//                                           path contains NAME aborts or hangs (tests)
#pragma once

#include "scanning/detector_kind.hpp"

namespace lambdafit::cpp {

class CppParseAnalyzer final : public Analyzer {
 public:
  std::string_view name() const override { return "c-cpp-parse"; }
  void analyze(const ScanInput& in, const detail::RulePackData& pack,
               ScanOutput& out) const override;
};

}  // namespace lambdafit::cpp
