#include "scanning/engine/work_pool.hpp"

#include <algorithm>
#include <mutex>
#include <system_error>
#include <thread>

#include <fmt/format.h>

#include "scanning/scan.hpp"

namespace lambdafit::engine {

PoolOptions pool_options(const ScanInput& in, std::string stage, std::string failed) {
  PoolOptions o;
  o.stage = std::move(stage);
  o.jobs = in.jobs;
  o.cancel = in.cancel;
  o.on_progress = in.on_progress;
  o.failed = std::move(failed);
  return o;
}

int pool_threads(std::size_t units, int jobs) {
  if (jobs <= 0) jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  jobs = std::clamp(jobs, 1, 64);
  return static_cast<int>(std::max<std::size_t>(1, std::min<std::size_t>(static_cast<std::size_t>(jobs), units)));
}

PoolRun run_pool(std::size_t units, const PoolOptions& o,
                 const std::function<void(std::size_t unit, int thread)>& run,
                 const std::function<std::string(std::size_t unit)>& name) {
  PoolRun result;
  std::mutex mu;  // guards result and serializes progress reports
  std::atomic<std::size_t> next{0};
  const auto cancelled = [&] { return o.cancel && o.cancel->load(); };
  const auto fail = [&](std::size_t i, std::string_view what) {
    std::string note;
    try {
      note = fmt::format("{}: {}: {}", name(i), o.failed, what);
    } catch (...) {
      note = fmt::format("unit {}: {}: {}", i + 1, o.failed, what);
    }
    std::lock_guard l(mu);
    result.failures.push_back({i, std::move(note)});
  };
  auto work = [&](int thread) {
    for (std::size_t i = next++; i < units; i = next++) {
      if (cancelled()) {
        std::lock_guard l(mu);
        result.cancelled = true;
        return;
      }
      // Nothing a unit throws may leave a pool thread (std::terminate): it becomes its note.
      try {
        run(i, thread);
      } catch (const std::exception& e) {
        fail(i, e.what());
      } catch (...) {
        fail(i, "unknown error");
      }
      std::lock_guard l(mu);
      const std::size_t done = ++result.done;
      if (!o.on_progress) continue;
      try {
        o.on_progress(Progress{o.stage, done, units, name(i)});
      } catch (...) {  // a callback that throws loses its report, not the unit's result
      }
    }
  };
  const int threads = pool_threads(units, o.jobs);
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) {
    try {
      pool.emplace_back(work, t);
    } catch (const std::system_error&) {  // no more threads: the ones running share the rest
      break;
    }
  }
  work(0);
  for (auto& t : pool) t.join();
  std::sort(result.failures.begin(), result.failures.end(),
            [](const UnitFailure& a, const UnitFailure& b) { return a.unit < b.unit; });
  return result;
}

}  // namespace lambdafit::engine
