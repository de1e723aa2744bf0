// Platform limit keys (timeout, package_unzipped, …) in words for people, so reports and
// reasons never show an internal key.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lambdafit {

/// "maximum run time" for timeout, "package size (unzipped)" for package_unzipped; an unknown
/// key reads with spaces for underscores.
std::string limit_label(std::string_view key);

/// Display order of limit keys: the ones that decide most verdicts first, the rest by name.
std::vector<std::string> limit_display_order(const std::vector<std::string>& keys);

/// A limit's value for people: "900 s (15 min)", "10240 MB (10 GB)", "no" for false.
std::string limit_value_text(std::string_view value);

}  // namespace lambdafit
