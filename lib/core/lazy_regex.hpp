// A rule's regular expression, compiled when first used if this build already accepted it.
// Loading the rule pack compiled every RE2 of every detector (~12% of a pack load), though a
// run uses only the detectors of the file types it meets. A pattern this build compiled
// without error before (core/known_good.hpp, kind "regex") is kept as text and compiled on
// first use; any other is compiled at load, so a bad one is still reported there.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include <re2/re2.h>

#include "core/known_good.hpp"

namespace lambdafit {

class Regex {
 public:
  Regex() = default;
  /// Compiles `pattern` now unless `known` accepted it before; `error` gets RE2's message and
  /// the result is empty when it does not compile.
  static Regex compile(std::string pattern, const RE2::Options& options, std::string& error,
                       KnownGood& known = Regex::known());
  /// A pattern this build already accepted with these options (a compiled rule pack's,
  /// rulepack/compiled.hpp): kept as text and compiled on first use, never checked here.
  static Regex accepted(std::string pattern, const RE2::Options& options);
  /// Whether the regex is compiled yet (for tests: not synchronised with a first use).
  bool compiled() const;

  explicit operator bool() const { return static_cast<bool>(slot_); }
  /// The compiled regex (compiled here on first use). A pattern remembered as good that fails
  /// after all (a stale cache) yields an RE2 whose ok() is false, which never matches.
  const RE2& operator*() const { return *get(); }
  const RE2* operator->() const { return get(); }
  const RE2* get() const;
  /// The pattern and options as given, without compiling.
  const std::string& pattern() const { return slot_->pattern; }
  const RE2::Options& options() const { return slot_->options; }

  /// The acceptance cache of rule regexes; saved by the rule pack loader once loaded.
  static KnownGood& known();

 private:
  struct Slot {
    std::string pattern;
    RE2::Options options;
    std::once_flag once;
    std::unique_ptr<RE2> re;
  };
  std::shared_ptr<Slot> slot_;
};

}  // namespace lambdafit
