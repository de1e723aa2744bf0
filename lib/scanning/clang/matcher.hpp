// Clang AST matchers written in clang-query's syntax, compiled once when the rule pack loads.
// This header stays free of Clang headers so the rule loader does not pay for them.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace lambdafit::cpp {

/// A parsed, bound matcher (opaque; parse_tu.cpp reads it). Immutable and shareable.
class CompiledMatcher;

struct MatcherError {
  std::string message;  ///< clang's own message, without position
  int line = 1;         ///< 1-based position inside the matcher text
  int column = 1;
};

/// Parses `text` with clang's dynamic matcher parser and binds the result as "root".
/// On failure returns null and fills `err`.
std::shared_ptr<const CompiledMatcher> compile_matcher(std::string_view text, MatcherError& err);

}  // namespace lambdafit::cpp
