// The worker side of process isolation: `lambdafit-worker` (tools/worker) is this function
// and nothing else. It loads the rule pack the parent names, then parses one translation unit
// per Job frame until its input closes, each under a CPU limit and on a thread whose stack
// overflow ends that unit with a note instead of hanging.
#pragma once

#include <functional>

#include "scanning/clang/translation_units.hpp"

namespace lambdafit::cpp::worker {

/// Test-only behaviour a test's own worker executable can plug in (never set in production).
struct Hooks {
  /// Runs on the parse thread before each unit (a fault-injecting worker crashes or hangs here).
  std::function<void(const TuJob&)> before_unit;
};

/// The stack of the parse thread.
inline constexpr std::size_t kParseStackBytes = 64u << 20;

/// The worker's main: `lambdafit-worker [--parent PID]`, protocol on stdin/stdout.
int serve(int argc, char** argv, const Hooks* hooks = nullptr);

}  // namespace lambdafit::cpp::worker
