// Settings of the three C/C++ detector kinds, as parsed from rule files. They share one parse
// per translation unit (see engine.hpp).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "core/lazy_regex.hpp"
#include "rulepack/model.hpp"
#include "scanning/clang/matcher.hpp"

namespace re2 {
class RE2;
}

namespace lambdafit::cpp {

/// Where a matcher's text sits in its rule file, kept so an error the parser reports inside the
/// text (line and column of the text) can be placed in the file after the file is gone.
struct MatcherOrigin {
  SourceLocation at;               ///< the scalar's node
  char opener = ' ';               ///< '|' or '>' for blocks, a quote, or the first character
  std::vector<std::string> lines;  ///< lines at.line, at.line + 1, … of the rule file
  /// The rule-file position of (line, column) inside the text, and that line of the file.
  SourceLocation locate(int line, int column) const;
  std::string line_at(int file_line) const;
};

/// kind `clang`: an AST matcher; optionally the string literal bound as "str" must match.
struct ClangConfig final : DetectorConfig {
  std::string text;
  /// Compiled at load where Clang is linked in (frontend.hpp); null elsewhere, where the
  /// worker checks the text at load (check_deferred_matchers) and compiles it to parse.
  std::shared_ptr<const CompiledMatcher> matcher;
  MatcherOrigin origin;
  Regex string_regex;  ///< empty = no string condition; compiled on first use once accepted
};

/// Reports a matcher the parser rejected, at its place in the rule file.
void report_bad_matcher(const MatcherOrigin& o, const MatcherError& err, Diagnostics& d);

/// In a binary without Clang: has a worker compile every matcher the pack holds uncompiled,
/// reports the bad ones at their place and drops their detectors. Matchers a worker of the
/// same build already accepted are remembered (core/known_good.hpp) and not sent again.
void check_deferred_matchers(detail::RulePackData& pack, Diagnostics& d);

/// Who checks the matchers at load: empty where Clang is linked in (this build, covered by
/// its own identity), else the size and time of the lambdafit-worker that check_deferred_matchers
/// asks (or "none"). Part of the compiled rule pack's key, so a rebuilt worker checks again.
std::string matcher_checker_identity();

/// kind `include`: #include directives whose written name matches a glob, found or not.
struct IncludeConfig final : DetectorConfig {
  std::vector<std::string> patterns;
  std::optional<bool> resolved;  ///< only found (true) or only missing (false) headers
};

/// kind `token`: identifiers (macro or not) and string literals in active code.
struct TokenConfig final : DetectorConfig {
  std::vector<std::string> identifiers;                ///< exact names
  Regex identifier_regex;    ///< whole-identifier match
  Regex string_regex;        ///< searched in the literal's text
};

}  // namespace lambdafit::cpp
