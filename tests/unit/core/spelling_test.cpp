#include <catch2/catch.hpp>

#include "core/spelling.hpp"

using namespace lambdafit;

TEST_CASE("spelling: near misses get a suggestion", "[spelling]") {
  const std::vector<std::string> keys{"severity", "message", "fact", "kind"};
  CHECK(did_you_mean("severty", keys) == "; did you mean 'severity'?");
  CHECK(did_you_mean("mesage", keys) == "; did you mean 'message'?");
  CHECK(did_you_mean("fcat", keys) == "; did you mean 'fact'?");
  CHECK(did_you_mean("completely-different", keys).empty());
}
