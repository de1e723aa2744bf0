// Settings of the three C/C++ detector kinds, as parsed from rule files. They share one parse
// per translation unit (see engine.hpp).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rulepack/model.hpp"
#include "scanning/clang/matcher.hpp"

namespace re2 {
class RE2;
}

namespace lambdafit::cpp {

/// kind `clang`: an AST matcher; optionally the string literal bound as "str" must match.
struct ClangConfig final : DetectorConfig {
  std::string text;
  std::shared_ptr<const CompiledMatcher> matcher;
  std::shared_ptr<const re2::RE2> string_regex;  ///< null = no string condition
};

/// kind `include`: #include directives whose written name matches a glob, found or not.
struct IncludeConfig final : DetectorConfig {
  std::vector<std::string> patterns;
  std::optional<bool> resolved;  ///< only found (true) or only missing (false) headers
};

/// kind `token`: identifiers (macro or not) and string literals in active code.
struct TokenConfig final : DetectorConfig {
  std::vector<std::string> identifiers;                ///< exact names
  std::shared_ptr<const re2::RE2> identifier_regex;    ///< whole-identifier match
  std::shared_ptr<const re2::RE2> string_regex;        ///< searched in the literal's text
};

}  // namespace lambdafit::cpp
