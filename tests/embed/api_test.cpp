// The C++ API as an embedder uses it: one pack, many assessments, answers and platform given
// in code, progress, cancellation, and concurrent assessments on the same pack.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <future>
#include <mutex>
#include <set>
#include <thread>
#include <tuple>

#include "lambdafit/lambdafit.hpp"
#include "core/known_good.hpp"
#include "lambdafit/version.h"
#include "support/temp_tree.hpp"

using namespace lambdafit;

namespace {

const std::string kSamples = std::string(LAMBDAFIT_TEST_SOURCE_DIR) + "/samples/";

const RulePack& pack() {
  static const RulePack p = [] {
    auto r = RulePack::load({std::string(LAMBDAFIT_TEST_SOURCE_DIR) + "/rules"});
    if (!r) FAIL(r.error_text());
    return std::move(r).value();
  }();
  return p;
}

const CriterionResult& criterion(const PlatformResult& p, const std::string& id) {
  for (const auto& c : p.criteria)
    if (c.id == id) return c;
  FAIL("no criterion " << id);
  throw std::logic_error("unreachable");
}

const Fact& fact(const Assessment& a, const std::string& id) {
  for (const auto& f : a.facts)
    if (f.id == id) return f;
  FAIL("no fact " << id);
  throw std::logic_error("unreachable");
}

// The report without the one field that changes from run to run.
std::string stable_json(Assessment a) {
  a.scan.duration_ms = 0;
  return to_json(a);
}

// Without what differs between a run that scanned and one that reused cached results.
std::string without_reuse(Assessment a) {
  a.scan.tu_reused = 0;
  a.scan.file_results_reused = 0;
  return stable_json(std::move(a));
}

// Each sample's report from one assessment at a time, two scanning threads, no result cache.
std::map<std::string, std::string> serial_reports(const std::vector<std::string>& names) {
  std::map<std::string, std::string> serial;
  for (const auto& n : names) {
    AssessOptions o;
    o.path = kSamples + n;
    o.jobs = 2;
    auto a = assess(pack(), o);
    REQUIRE(a);
    serial[n] = without_reuse(*a);
  }
  return serial;
}

}  // namespace

TEST_CASE("api: version() matches the version header", "[embed]") {
  CHECK(version() == LAMBDAFIT_VERSION_STRING);
  const std::string expected = std::to_string(LAMBDAFIT_VERSION_MAJOR) + "." +
                               std::to_string(LAMBDAFIT_VERSION_MINOR) + "." +
                               std::to_string(LAMBDAFIT_VERSION_PATCH);
  CHECK(version() == expected);
}

TEST_CASE("api: answers given in code override the manifest and show who gave them", "[embed]") {
  AssessOptions o;
  o.path = kSamples + "s3-thumbnailer";
  o.platforms = {"aws-lambda-2016"};
  auto before = assess(pack(), o);
  REQUIRE(before);
  CHECK(criterion(before->primary(), "runtime-limit").status == Status::clear);

  o.answers["runtime.max_seconds"] = AnswerInput{"10m", "planner", "2026-11-27", "batch of 5000"};
  auto after = assess(pack(), o);
  REQUIRE(after);
  const auto& runtime = fact(*after, "runtime.max_seconds");
  CHECK(runtime.provenance == Provenance::answer);
  CHECK(value_to_string(runtime.value) == "600 s");
  REQUIRE(runtime.answer);
  CHECK(runtime.answer->by == "planner");
  CHECK(runtime.answer->note == "batch of 5000");
  CHECK(criterion(after->primary(), "runtime-limit").status == Status::applies);
  CHECK(after->primary().verdict == Verdict::not_a_fit);
}

TEST_CASE("api: without the manifest only the answers given in code count", "[embed]") {
  AssessOptions o;
  o.path = kSamples + "s3-thumbnailer";
  o.use_manifest = false;
  auto a = assess(pack(), o);
  REQUIRE(a);
  CHECK(fact(*a, "runtime.max_seconds").provenance != Provenance::answer);
  CHECK(a->workload_name == "s3-thumbnailer");  // the directory name, not the manifest's
  o.answers["runtime.max_seconds"] = AnswerInput{"20", "", "", ""};
  auto b = assess(pack(), o);
  REQUIRE(b);
  CHECK(value_to_string(fact(*b, "runtime.max_seconds").value) == "20 s");
}

TEST_CASE("api: the platform given in code decides the limits", "[embed]") {
  AssessOptions o;
  o.path = kSamples + "s3-thumbnailer";
  o.answers["runtime.max_seconds"] = AnswerInput{"10m", "", "", ""};
  o.platforms = {"aws-lambda"};  // 900 s timeout
  auto today = assess(pack(), o);
  REQUIRE(today);
  CHECK(today->primary().platform == "aws-lambda");
  CHECK(criterion(today->primary(), "runtime-limit").status == Status::clear);

  o.platforms = {"all"};
  auto all = assess(pack(), o);
  REQUIRE(all);
  CHECK(all->platforms.size() == pack().platforms().size());
  CHECK(all->primary().platform == pack().default_platform());
}

TEST_CASE("api: bad answers and platforms come back as errors, not exceptions", "[embed]") {
  AssessOptions o;
  o.path = kSamples + "s3-thumbnailer";
  SECTION("unknown fact") {
    o.answers["runtime.max_secnds"] = AnswerInput{"20", "", "", ""};
    auto r = assess(pack(), o);
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error_text(), Catch::Contains("unknown fact 'runtime.max_secnds'") &&
                                   Catch::Contains("did you mean 'runtime.max_seconds'"));
  }
  SECTION("value of the wrong type") {
    o.answers["runtime.max_seconds"] = AnswerInput{"a while", "", "", ""};
    auto r = assess(pack(), o);
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error_text(), Catch::Contains("bad answer for 'runtime.max_seconds'"));
  }
  SECTION("unknown platform") {
    o.platforms = {"aws-lamda"};
    auto r = assess(pack(), o);
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error_text(), Catch::Contains("unknown platform 'aws-lamda'"));
  }
  SECTION("missing workload") {
    o.path = kSamples + "no-such-workload";
    auto r = assess(pack(), o);
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error_text(), Catch::Contains("does not exist"));
  }
}

TEST_CASE("api: progress reports the stages in order", "[embed]") {
  AssessOptions o;
  o.path = kSamples + "legacy-daemon";
  std::mutex mu;
  std::vector<std::string> stages;
  bool counts_ok = true;
  o.on_progress = [&](const Progress& p) {
    std::lock_guard l(mu);
    if (p.total > 0 && p.done > p.total) counts_ok = false;
    if (stages.empty() || stages.back() != p.stage) stages.push_back(p.stage);
  };
  auto a = assess(pack(), o);
  REQUIRE(a);
  CHECK(counts_ok);
  REQUIRE_FALSE(stages.empty());
  CHECK(stages.front() == "walk");
  CHECK(stages.back() == "evaluate");
}

TEST_CASE("api: cancellation stops an assessment", "[embed]") {
  AssessOptions o;
  o.path = kSamples + "legacy-daemon";
  std::atomic<bool> cancel{false};
  o.cancel = &cancel;
  SECTION("raised before the start") {
    cancel = true;
    auto r = assess(pack(), o);
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error_text(), Catch::Contains("cancelled"));
  }
  SECTION("raised from the first progress report") {
    std::atomic<int> calls{0};
    o.on_progress = [&](const Progress&) {
      ++calls;
      cancel = true;
    };
    auto r = assess(pack(), o);
    REQUIRE_FALSE(r);
    CHECK(calls >= 1);
    CHECK_THAT(r.error_text(), Catch::Contains("cancelled"));
  }
  SECTION("never raised") {
    auto r = assess(pack(), o);
    CHECK(r);
  }
}

// C/C++ sources are parsed in lambdafit-worker processes by default; Isolation::threads
// parses them in this process, so both ways are run: the first runs 8 assessments at once,
// each with its own worker processes, the second puts LibTooling itself under concurrent
// assessments.
TEST_CASE("api: concurrent assessments with one pack match serial ones", "[embed][threads]") {
  const Isolation isolation = GENERATE(Isolation::processes, Isolation::threads);
  INFO("isolation " << (isolation == Isolation::threads ? "threads" : "processes"));
  const std::vector<std::string> names{"s3-thumbnailer", "cron-report", "cuda-render", "legacy-daemon"};
  std::map<std::string, std::string> serial;
  for (const auto& n : names) {
    AssessOptions o;
    o.path = kSamples + n;
    o.jobs = 1;
    o.isolation = isolation;
    auto a = assess(pack(), o);
    REQUIRE(a);
    serial[n] = stable_json(*a);
  }
  // Two of each at once. Each runs one scanning job: with several, the order of coverage
  // notes follows which parse finishes first, which would hide what this test looks for.
  std::vector<std::future<std::pair<std::string, std::string>>> runs;
  for (int round = 0; round < 2; ++round)
    for (const auto& n : names)
      runs.push_back(std::async(std::launch::async, [n, isolation] {
        AssessOptions o;
        o.path = kSamples + n;
        o.jobs = 1;
        o.isolation = isolation;
        auto a = assess(pack(), o);
        return std::make_pair(n, a ? stable_json(*a) : "error: " + a.error_text());
      }));
  for (auto& f : runs) {
    auto [name, json] = f.get();
    INFO(name);
    CHECK(json == serial[name]);
  }
  CHECK(runs.size() == 8);
}

// The per-file and per-unit result caches are filled and read by the scanning threads of
// several assessments at once, all on the same stores: every report must match a run that
// used no cache, and the second batch must be served from it.
TEST_CASE("api: concurrent assessments share one result cache", "[embed][threads]") {
  lambdafit::testing::TempTree tmp;
  const std::vector<std::string> names{"s3-thumbnailer", "cron-report", "ops-toolkit", "sls-node-webhook"};
  const auto serial = serial_reports(names);
  for (int batch = 0; batch < 2; ++batch) {
    std::vector<std::future<std::tuple<std::string, std::string, std::size_t>>> runs;
    for (int copy = 0; copy < 2; ++copy)
      for (const auto& n : names)
        runs.push_back(std::async(std::launch::async, [&tmp, n] {
          AssessOptions o;
          o.path = kSamples + n;
          o.jobs = 2;
          o.cache_dir = tmp.path("cache");
          auto a = assess(pack(), o);
          if (!a) return std::make_tuple(n, "error: " + a.error_text(), std::size_t{0});
          return std::make_tuple(n, without_reuse(*a), a->scan.file_results_reused);
        }));
    for (auto& f : runs) {
      auto [name, json, reused] = f.get();
      INFO(name << " in batch " << batch);
      CHECK(json == serial.at(name));
      if (batch == 1) CHECK(reused > 0);
    }
  }
}

// The compiled rule pack and the remembered tree-sitter literals live in the process-wide
// cache directory: packs loaded and queries planned by several threads at once (the first
// ones compiling and writing, the later ones reading) must give what a run without them gives.
TEST_CASE("api: concurrent pack loads and scans with the process-wide cache directory", "[embed][threads]") {
  lambdafit::testing::TempTree tmp;
  const std::vector<std::string> names{"ops-toolkit", "s3-thumbnailer", "sls-node-webhook"};
  const auto serial = serial_reports(names);
  set_cache_dir(tmp.path("xdg"));
  for (int batch = 0; batch < 2; ++batch) {
    std::vector<std::future<std::pair<std::string, std::string>>> runs;
    for (int copy = 0; copy < 2; ++copy)
      for (const auto& n : names)
        runs.push_back(std::async(std::launch::async, [n] {
          auto p = RulePack::load({std::string(LAMBDAFIT_TEST_SOURCE_DIR) + "/rules"});
          if (!p) return std::make_pair(n, "error: " + p.error_text());
          AssessOptions o;
          o.path = kSamples + n;
          o.jobs = 2;
          auto a = assess(*p, o);
          return std::make_pair(n, a ? without_reuse(*a) : "error: " + a.error_text());
        }));
    for (auto& f : runs) {
      auto [name, json] = f.get();
      INFO(name << " in batch " << batch);
      CHECK(json == serial.at(name));
    }
  }
  set_cache_dir({});
  CHECK(std::filesystem::exists(tmp.path("xdg") + "/packs"));
  CHECK(std::filesystem::exists(tmp.path("xdg") + "/tree-sitter-literals"));
}
