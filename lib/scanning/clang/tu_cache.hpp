// Results of C/C++ parses kept across runs, so re-assessing an unchanged tree, or linting an
// unchanged file again, costs a lookup instead of a parse (the way ccache's direct mode
// remembers a compile). An entry is keyed by everything the parse was given (command, working
// directory, readable directories) and what reads its result (the detectors' rule files, this
// build and the worker's); it holds what the parse depended on and is used only while all of
// that still holds:
//   - every file the parse opened: same size and modification time, or for the workload's
//     own files the same content (a fresh checkout changes times, not text);
//   - every path under the workload the parse looked for and did not find is still missing
//     (a header added there later can change the parse).
// A parse that ran without a read guard records nothing and is not kept; neither is one whose
// inputs changed while it ran. Entries live under <cache dir>/tu-1/, are written atomically
// (a private temporary file renamed into place) so concurrent runs see whole entries, and the
// directory is trimmed to a size bound, least recently used first.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "scanning/clang/parse_tu.hpp"

namespace lambdafit::cpp {

class TuCache {
 public:
  static constexpr std::uintmax_t kDefaultMaxBytes = 256ull << 20;

  /// `dir`: the cache directory (empty: off); `salt`: identity of the rules and parser.
  TuCache(std::string dir, std::string salt, std::string workload_root);

  bool enabled() const { return !dir_.empty(); }
  /// The remembered result of `job`, when every input it depended on is unchanged.
  std::optional<TuResult> lookup(const TuJob& job);
  /// Remembers `r` for `job` unless it recorded no inputs or one changed since `started`.
  void store(const TuJob& job, const TuResult& r, std::chrono::system_clock::time_point started);
  /// After a run that stored entries: removes the least recently used ones until the
  /// directory holds at most `max_bytes` (then down to 80% of it, so trimming stays rare).
  void trim(std::uintmax_t max_bytes = kDefaultMaxBytes);

  std::size_t hits() const { return hits_; }
  std::size_t stored() const { return stored_; }

 private:
  std::string entry_path(const TuJob& job) const;

  std::string dir_, salt_, root_;
  std::atomic<std::size_t> hits_{0}, stored_{0};
};

}  // namespace lambdafit::cpp
