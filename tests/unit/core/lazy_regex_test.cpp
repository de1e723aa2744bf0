#include <catch2/catch.hpp>

#include <thread>
#include <vector>

#include "core/lazy_regex.hpp"
#include "support/cache_dir.hpp"
#include "support/temp_tree.hpp"

using namespace lambdafit;
using lambdafit::testing::CacheDir;
using lambdafit::testing::TempTree;

namespace {

RE2::Options options(bool case_sensitive = true) {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_case_sensitive(case_sensitive);
  return o;
}

}  // namespace

TEST_CASE("regex: a pattern this build accepted before is compiled on first use", "[core]") {
  TempTree t;
  CacheDir on(t.path() + "/cache");
  std::string error;
  {
    KnownGood known("regex-test");
    const Regex first = Regex::compile(R"(\bsetrlimit\s*\()", options(), error, known);
    REQUIRE(first);
    CHECK(first.compiled());  // new to the cache: compiled (and checked) at load
    known.save();
  }
  KnownGood known("regex-test");  // the next run
  const Regex again = Regex::compile(R"(\bsetrlimit\s*\()", options(), error, known);
  REQUIRE(again);
  CHECK_FALSE(again.compiled());
  CHECK(again.pattern() == R"(\bsetrlimit\s*\()");
  CHECK(RE2::PartialMatch("setrlimit (RLIMIT_NOFILE, &r)", *again));
  CHECK(again.compiled());
  CHECK_FALSE(RE2::PartialMatch("getrlimit(", *again));
  // The options are part of what was accepted: the same text case-insensitive is new.
  const Regex other = Regex::compile(R"(\bsetrlimit\s*\()", options(false), error, known);
  REQUIRE(other);
  CHECK(other.compiled());
  CHECK(RE2::PartialMatch("SETRLIMIT(", *other));
}

TEST_CASE("regex: a bad pattern is reported on every load, never remembered", "[core]") {
  TempTree t;
  CacheDir on(t.path() + "/cache");
  for (int run = 0; run < 2; ++run) {
    KnownGood known("regex-test");
    std::string error;
    const Regex bad = Regex::compile("(unclosed", options(), error, known);
    CHECK_FALSE(bad);
    CHECK(error.find("missing )") != std::string::npos);
    known.save();
  }
}

TEST_CASE("regex: threads asking for the same lazy regex get one compiled object", "[core]") {
  TempTree t;
  CacheDir on(t.path() + "/cache");
  std::string error;
  KnownGood known("regex-test");
  (void)Regex::compile("a+b", options(), error, known);
  const Regex lazy = Regex::compile("a+b", options(), error, known);
  REQUIRE_FALSE(lazy.compiled());
  std::vector<const RE2*> seen(4);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) threads.emplace_back([&, i] { seen[i] = lazy.get(); });
  for (auto& th : threads) th.join();
  for (const RE2* p : seen) CHECK(p == seen[0]);
  CHECK(RE2::FullMatch("aaab", *lazy));
}
