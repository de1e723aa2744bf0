#include <catch2/catch.hpp>

#include "core/quantity.hpp"

using namespace lambdafit;

TEST_CASE("quantity: durations in every common unit", "[quantity]") {
  CHECK(parse_quantity("300 s", Dimension::time)->value == 300);
  CHECK(parse_quantity("300", Dimension::time)->value == 300);
  CHECK(parse_quantity("7m", Dimension::time)->value == 420);
  CHECK(parse_quantity("90s", Dimension::time)->value == 90);
  CHECK(parse_quantity("1.5 h", Dimension::time)->value == 5400);
  CHECK(parse_quantity("250 ms", Dimension::time)->value == Approx(0.25));
  CHECK(parse_quantity("30 d", Dimension::time)->value == 30 * 86400);
}

TEST_CASE("quantity: sizes are binary, so 1.5 GB is 1536 MB", "[quantity]") {
  CHECK(parse_quantity("1.5 GB", Dimension::size)->value == 1536);
  CHECK(parse_quantity("1536 MB", Dimension::size)->value == 1536);
  CHECK(parse_quantity("800MB", Dimension::size)->value == 800);
  CHECK(parse_quantity("2 GiB", Dimension::size)->value == 2048);
  CHECK(parse_quantity("512 KB", Dimension::size)->value == 0.5);
}

TEST_CASE("quantity: bad values are explained", "[quantity]") {
  std::string why;
  CHECK_FALSE(parse_quantity("fast", Dimension::time, &why));
  CHECK(why.find("not a duration") != std::string::npos);
  CHECK_FALSE(parse_quantity("5 parsecs", Dimension::time, &why));
  CHECK(why.find("unknown unit 'parsecs'") != std::string::npos);
  CHECK_FALSE(parse_quantity("2 GB", Dimension::time, &why));
  CHECK_FALSE(parse_quantity("-3 s", Dimension::time, &why));
  CHECK(why.find("negative") != std::string::npos);
  CHECK_FALSE(parse_quantity("3 s", Dimension::count, &why));
}

TEST_CASE("quantity: printed in the canonical unit", "[quantity]") {
  CHECK(Quantity{300, Dimension::time}.to_string() == "300 s");
  CHECK(Quantity{1536, Dimension::size}.to_string() == "1536 MB");
  CHECK(Quantity{1.25, Dimension::count}.to_string() == "1.25");
  CHECK(Quantity{2700, Dimension::time}.to_string() == "2700 s");
  CHECK(Quantity{5400, Dimension::time}.to_string() == "5400 s (1.5 h)");
  CHECK(Quantity{30 * 86400, Dimension::time}.to_string() == "2592000 s (30 d)");
}
