// The inside of a CompiledMatcher, for the files that already include Clang's matcher headers.
#pragma once

#include <optional>

#include <clang/ASTMatchers/ASTMatchersInternal.h>

#include "scanning/clang/matcher.hpp"

namespace lambdafit::cpp {

class CompiledMatcher {
 public:
  /// Bound as "root"; DynTypedMatcher has no default constructor, hence the optional.
  std::optional<clang::ast_matchers::internal::DynTypedMatcher> matcher;
};

}  // namespace lambdafit::cpp
