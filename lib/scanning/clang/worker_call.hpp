// One-shot requests to a `lambdafit-worker` from a process without LLVM (frontend.hpp): plan
// the translation units of a workload, or compile matcher texts. Each starts a worker with
// posix_spawn, sends one frame, reads one answer and reaps the worker on every path.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scanning/clang/matcher.hpp"
#include "scanning/clang/worker_protocol.hpp"

namespace lambdafit::cpp::worker {

/// The plan, or nullopt with `why` set (no worker, it failed, it timed out).
std::optional<PlanResult> plan_in_worker(const std::string& worker, const ScanInput& in, std::string& why);

/// One MatcherError per text (empty message: it compiles), or nullopt with `why` set.
std::optional<std::vector<MatcherError>> check_in_worker(const std::string& worker,
                                                         const std::vector<std::string>& matchers,
                                                         std::string& why);

}  // namespace lambdafit::cpp::worker
