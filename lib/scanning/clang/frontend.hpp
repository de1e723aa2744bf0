// The Clang side of the C/C++ kinds, as seen from code that does not link LLVM. The CLI and
// the library's text, tree-sitter and descriptor paths never load libLLVM/libclang-cpp: they
// plan, parse and check matchers in `lambdafit-worker` processes. Binaries that do link the
// Clang half (`lambdafit_clang`: the worker, the shared library, the tests) register it here
// at start-up, and then also compile matchers at load and may parse in-process
// (Isolation::threads, or when no worker is found).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "scanning/clang/matcher.hpp"
#include "scanning/clang/parse_tu.hpp"
#include "scanning/clang/translation_units.hpp"

namespace lambdafit::cpp {

struct InProcessFrontend {
  std::shared_ptr<const CompiledMatcher> (*compile)(std::string_view text, MatcherError& err);
  std::vector<TuJob> (*plan)(const ScanInput& in, ScanOutput& out);
  TuResult (*parse)(const TuJob& job, const EngineRules& rules, const std::string& root) noexcept;
};

/// The registered Clang half, or null in a binary without LLVM.
const InProcessFrontend* in_process_frontend();
void set_in_process_frontend(const InProcessFrontend* f);

}  // namespace lambdafit::cpp
