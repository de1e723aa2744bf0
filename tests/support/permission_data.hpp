// The shipped permission data, loaded once for the permission tests; a problem in it fails
// the test that first asks.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "permissions/data.hpp"

namespace lambdafit::testing {

inline const permissions::Data& permission_data() {
  static const permissions::Data d = [] {
    std::vector<std::string> errors;
    auto out = permissions::load_data(std::string(LAMBDAFIT_TEST_SOURCE_DIR) + "/rules", errors);
    for (const auto& e : errors) FAIL(e);
    return out;
  }();
  return d;
}

inline bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace lambdafit::testing
