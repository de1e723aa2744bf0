#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "scanning/engine/work_pool.hpp"

using namespace lambdafit;
using namespace lambdafit::engine;

namespace {

std::string unit_name(std::size_t i) { return "file" + std::to_string(i); }

}  // namespace

TEST_CASE("work pool: every unit runs once, with one or many threads", "[engine][pool]") {
  const int jobs = GENERATE(1, 4);
  constexpr std::size_t kUnits = 200;
  std::vector<std::atomic<int>> runs(kUnits);
  std::mutex mu;
  std::set<int> threads_seen;
  std::set<std::thread::id> ids;
  PoolOptions o;
  o.jobs = jobs;
  const auto r = run_pool(
      kUnits, o,
      [&](std::size_t i, int thread) {
        ++runs[i];
        std::lock_guard l(mu);
        threads_seen.insert(thread);
        ids.insert(std::this_thread::get_id());
        if (jobs > 1) std::this_thread::sleep_for(std::chrono::microseconds(200));
      },
      unit_name);
  CHECK(r.done == kUnits);
  CHECK_FALSE(r.cancelled);
  CHECK(r.failures.empty());
  for (std::size_t i = 0; i < kUnits; ++i) CHECK(runs[i] == 1);
  CHECK(pool_threads(kUnits, jobs) == jobs);
  for (int t : threads_seen) CHECK((t >= 0 && t < jobs));
  if (jobs == 1) CHECK(ids == std::set<std::thread::id>{std::this_thread::get_id()});
  else CHECK(ids.size() > 1);
}

TEST_CASE("work pool: threads never outnumber the units or 64", "[engine][pool]") {
  CHECK(pool_threads(3, 8) == 3);
  CHECK(pool_threads(0, 8) == 1);
  CHECK(pool_threads(1000, 500) == 64);
  CHECK(pool_threads(1000, 0) >= 1);  // one per core
}

TEST_CASE("work pool: a unit that throws becomes a note and the others still run", "[engine][pool]") {
  const int jobs = GENERATE(1, 3);
  constexpr std::size_t kUnits = 50;
  std::atomic<int> ran{0};
  PoolOptions o;
  o.jobs = jobs;
  o.failed = "not scanned for text patterns";
  const auto r = run_pool(
      kUnits, o,
      [&](std::size_t i, int) {
        if (i == 7) throw std::runtime_error("bad alloc in the matcher");
        if (i == 30) throw 42;  // not even an exception class
        ++ran;
      },
      unit_name);
  CHECK(ran == static_cast<int>(kUnits) - 2);
  CHECK(r.done == kUnits);
  REQUIRE(r.failures.size() == 2);
  CHECK(r.failures[0].unit == 7);
  CHECK(r.failures[0].note == "file7: not scanned for text patterns: bad alloc in the matcher");
  CHECK(r.failures[1].unit == 30);
  CHECK(r.failures[1].note == "file30: not scanned for text patterns: unknown error");
}

TEST_CASE("work pool: cancellation stops further units", "[engine][pool]") {
  const int jobs = GENERATE(1, 4);
  constexpr std::size_t kUnits = 1000;
  std::atomic<bool> cancel{false};
  std::atomic<int> ran{0};
  PoolOptions o;
  o.jobs = jobs;
  o.cancel = &cancel;
  const auto r = run_pool(
      kUnits, o,
      [&](std::size_t i, int) {
        ++ran;
        if (i == 10) cancel = true;
      },
      unit_name);
  CHECK(r.cancelled);
  CHECK(r.done < kUnits);
  CHECK(r.done == static_cast<std::size_t>(ran.load()));
  // Units already taken by other threads finish; no thread starts a new one after the flag.
  CHECK(ran <= 11 + jobs);

  SECTION("raised before the start, no unit runs") {
    std::atomic<bool> raised{true};
    o.cancel = &raised;
    std::atomic<int> none{0};
    const auto r2 = run_pool(kUnits, o, [&](std::size_t, int) { ++none; }, unit_name);
    CHECK(none == 0);
    CHECK(r2.done == 0);
    CHECK(r2.cancelled);
  }
}

TEST_CASE("work pool: progress names the stage and reaches N/N", "[engine][pool]") {
  const int jobs = GENERATE(1, 4);
  constexpr std::size_t kUnits = 37;
  std::vector<Progress> seen;  // the pool reports one at a time: no lock needed here
  PoolOptions o;
  o.jobs = jobs;
  o.stage = "tree-sitter";
  o.on_progress = [&](const Progress& p) { seen.push_back(p); };
  const auto r = run_pool(
      kUnits, o,
      [&](std::size_t i, int) {
        if (i == 3) throw std::runtime_error("boom");  // a failed unit is still counted done
      },
      unit_name);
  CHECK(r.done == kUnits);
  REQUIRE(seen.size() == kUnits);
  std::set<std::string> items;
  for (std::size_t k = 0; k < seen.size(); ++k) {
    CHECK(seen[k].stage == "tree-sitter");
    CHECK(seen[k].total == kUnits);
    CHECK(seen[k].done == k + 1);  // counts up, never repeats
    items.insert(seen[k].item);
  }
  CHECK(seen.back().done == kUnits);
  CHECK(items.size() == kUnits);
  CHECK(items.count("file36") == 1);
}

TEST_CASE("work pool: a progress callback that throws does not stop the run", "[engine][pool]") {
  std::atomic<int> ran{0};
  PoolOptions o;
  o.jobs = 2;
  o.stage = "text";
  o.on_progress = [](const Progress&) { throw std::runtime_error("callback"); };
  const auto r = run_pool(10, o, [&](std::size_t, int) { ++ran; }, unit_name);
  CHECK(ran == 10);
  CHECK(r.done == 10);
  CHECK(r.failures.empty());
}
