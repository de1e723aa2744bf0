// Rule texts a costly check already accepted (a Clang matcher, a tree-sitter query), kept
// across runs so loading the same pack again skips the check. One small file per kind of
// check and build of lambdafit, under a cache directory the program sets (the CLI:
// $XDG_CACHE_HOME/lambdafit); with none set, nothing is remembered. Only acceptance is
// stored: a rejected text is checked (and reported) on every load.
#pragma once

#include <mutex>
#include <set>
#include <string>
#include <string_view>

namespace lambdafit {

/// The cache directory for every KnownGood; empty (the default) turns them off.
void set_cache_dir(std::string dir);
std::string cache_dir();

/// Size and modification time of this binary (the shared library or executable holding this
/// code) with the version: a rebuild invalidates what an older build accepted.
std::string build_identity();

class KnownGood {
 public:
  /// `name` must be a plain file name, unique per check (it gets build_identity() appended).
  explicit KnownGood(std::string name);
  bool enabled() const { return !file_.empty(); }
  bool contains(std::string_view text) const;
  void add(std::string_view text);
  /// Writes the set when something was added, atomically (a private temporary file renamed
  /// over the old one), so concurrent runs read an old or new set, never half of one.
  void save();

 private:
  static std::string key(std::string_view text);
  mutable std::mutex mu_;
  std::string file_;
  std::set<std::string> keys_;
  bool dirty_ = false;
};

}  // namespace lambdafit
