// Path globs as in .gitignore and most CI tools: `**/*.cu`, `src/*.c`, `Dockerfile`.
#pragma once

#include <string_view>

namespace lambdafit {

/// Matches a '/'-separated relative path. `*` and `?` stay inside one path segment, `**`
/// spans any number of segments, `[abc]` and `[a-z]` match one character. A pattern with
/// no '/' matches the last segment in any directory (`sysctl.conf` = `**/sysctl.conf`).
bool glob_match(std::string_view pattern, std::string_view path) noexcept;

}  // namespace lambdafit
