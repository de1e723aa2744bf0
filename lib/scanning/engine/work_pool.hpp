// The one pool of threads every frontend runs its units on (files for the text and tree-sitter
// kinds, translation units for the C/C++ parse). A unit that throws becomes a note naming it,
// never std::terminate; a raised cancel flag stops the pool between units; progress reports
// name the stage.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "lambdafit/lambdafit.hpp"

namespace lambdafit {

struct ScanInput;

namespace engine {

struct PoolOptions {
  std::string stage;  ///< named in progress reports ("text", "tree-sitter", …)
  int jobs = 1;       ///< threads at most; 0 or less: one per core (never over 64 or the units)
  const std::atomic<bool>* cancel = nullptr;         ///< checked before each unit
  std::function<void(const Progress&)> on_progress;  ///< told after each unit; may be empty
  /// What a unit that threw was not: its note reads "<name>: <failed>: <what>".
  std::string failed = "not scanned";
};

/// The options of a pool run for a scan: its jobs, cancel flag and progress callback.
PoolOptions pool_options(const ScanInput& in, std::string stage, std::string failed);

struct UnitFailure {
  std::size_t unit = 0;
  std::string note;  ///< "<name>: <failed>: <what>"
};

struct PoolRun {
  std::size_t done = 0;               ///< units that ran, whether they returned or threw
  bool cancelled = false;             ///< the cancel flag stopped it before every unit ran
  std::vector<UnitFailure> failures;  ///< units that threw, in unit order
};

/// The number of threads a run of `units` units with `jobs` uses (at least 1).
int pool_threads(std::size_t units, int jobs);

/// Runs `run(unit, thread)` for every unit in 0..units-1, each once, on pool_threads(units,
/// o.jobs) threads, the calling thread among them; `thread` is below that number, so the caller
/// may keep per-thread state. `name(unit)` names a unit in notes and progress reports.
/// Progress is reported with `done` counting up to `units`, one report at a time.
PoolRun run_pool(std::size_t units, const PoolOptions& o,
                 const std::function<void(std::size_t unit, int thread)>& run,
                 const std::function<std::string(std::size_t unit)>& name);

}  // namespace engine
}  // namespace lambdafit
