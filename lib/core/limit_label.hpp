// Platform limit keys (timeout, package_unzipped, …) in words for people, so reports and
// reasons never show an internal key. The words are the rule pack's (`title:` in
// rules/platform-limits.yaml), handed in as PlatformResult::limit_titles.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lambdafit {

using LimitTitles = std::vector<std::pair<std::string, std::string>>;

/// The title of limit `key` ("package size (unzipped)" for package_unzipped); a key with no
/// title reads with spaces for underscores.
std::string limit_label(const LimitTitles& titles, std::string_view key);

/// Display order of limit keys: the order the titles are declared in, then the rest by name.
std::vector<std::string> limit_display_order(const LimitTitles& titles, const std::vector<std::string>& keys);

/// A limit's value for people: "900 s (15 min)", "10240 MB (10 GB)", "no" for false.
std::string limit_value_text(std::string_view value);

}  // namespace lambdafit
