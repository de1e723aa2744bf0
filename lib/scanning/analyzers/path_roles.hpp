// What a path in a workload is for, judged by its directories and name: the code that runs,
// or vendored, generated, test, documentation or example files around it.
#pragma once

#include <string>
#include <string_view>

namespace lambdafit {

enum class PathRole { code, vendored, generated, test, docs, example };

std::string_view to_string(PathRole r) noexcept;

struct PathRoleMatch {
  PathRole role = PathRole::code;
  /// The part of the path that decided it: a directory ("tests/") or the file itself.
  std::string where;
};

/// Classifies a workload-relative path ('/' separators). The first directory that decides
/// wins (`vendor/x/tests/a.py` is vendored); a file name decides last (`test_a.py`, README).
PathRoleMatch path_role(std::string_view rel_path);

}  // namespace lambdafit
