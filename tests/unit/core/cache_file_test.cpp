// Sealed cache entries (core/cache_file.hpp): the payload comes back only whole and unchanged.
#include <catch2/catch.hpp>

#include "core/cache_file.hpp"

using namespace lambdafit;

TEST_CASE("cache entries: a sealed payload comes back only whole, unchanged and of its format", "[cache]") {
  const std::string magic = "lambdafit test entry 1\n";
  const std::string payload("some\0bytes\nof a payload", 23);
  const std::string bytes = cache::sealed(magic, payload);
  REQUIRE(cache::unsealed(magic, bytes) == std::optional<std::string_view>(payload));
  CHECK(cache::unsealed(magic, cache::sealed(magic, "")) == std::optional<std::string_view>(""));

  CHECK_FALSE(cache::unsealed("lambdafit test entry 2\n", bytes));   // another format
  CHECK_FALSE(cache::unsealed(magic, bytes.substr(0, bytes.size() - 1)));  // cut short
  CHECK_FALSE(cache::unsealed(magic, bytes + "x"));                    // bytes added
  std::string flipped = bytes;
  flipped.back() ^= 0x01;
  CHECK_FALSE(cache::unsealed(magic, flipped));                        // a changed byte
  CHECK_FALSE(cache::unsealed(magic, ""));
  CHECK_FALSE(cache::unsealed(magic, magic));                          // no checksum
}
