#include <catch2/catch.hpp>

#include <filesystem>

#include "core/known_good.hpp"
#include "support/cache_dir.hpp"
#include "support/temp_tree.hpp"

using namespace lambdafit;
using lambdafit::testing::CacheDir;
using lambdafit::testing::TempTree;


TEST_CASE("known good: accepted texts are remembered across loads of the same build", "[core]") {
  TempTree t;
  const std::string dir = t.path() + "/cache";
  CacheDir on(dir);
  {
    KnownGood k("test-check");
    REQUIRE(k.enabled());
    CHECK_FALSE(k.contains("callExpr()"));
    k.add("callExpr()");
    CHECK(k.contains("callExpr()"));
    k.save();
  }
  KnownGood again("test-check");
  CHECK(again.contains("callExpr()"));
  CHECK_FALSE(again.contains("callExpr( )"));
  // Another check's name keeps its own set.
  KnownGood other("other-check");
  CHECK_FALSE(other.contains("callExpr()"));
  // One file, no temporary left behind.
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    ++files;
    CHECK(e.path().extension() != ".tmp");
  }
  CHECK(files == 1);
}

TEST_CASE("known good: with no cache directory nothing is remembered", "[core]") {
  set_cache_dir({});
  KnownGood k("test-check");
  CHECK_FALSE(k.enabled());
  k.add("x");
  CHECK_FALSE(k.contains("x"));
  k.save();  // a no-op, and no crash
}
