// Per-file results of the kinds that read one file at a time (text patterns, tree-sitter
// queries), kept across runs so re-assessing an unchanged tree, or linting an unchanged file
// again, costs a stat per file instead of a read, a parse and a search. Like git's index, an
// entry holds the file's size, modification and change times and inode, and is used only while
// all four are the same; an entry is not written for a file changed during the run or within
// two seconds before it started (a later write could keep the same times on a coarse clock).
// One store per kind, workload and rule set (the detectors, their rule files and this build),
// under <cache dir>/files-1/, written whole and atomically after the run, trimmed to a size
// bound least recently used first. What a result depends on beyond its own file is in the key
// or the rule set: a kind whose results read other files cannot use this cache.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/cache_file.hpp"
#include "lambdafit/lambdafit.hpp"
#include "rulepack/model.hpp"

namespace lambdafit {

struct ScanInput;

namespace engine {

/// What one file gave a kind's detectors.
struct FileOutcome {
  std::vector<Evidence> evidence;  ///< from the kind's detectors, in this file
  std::string note;                ///< a coverage note ("…: not parsed as Python: …"), or empty
  std::string reason;              ///< how the kind groups its notes
  int code = 0;                    ///< a kind-specific skip code
};

/// The identity of a rule set: this build, `kind`, and the ids and rule files of `detectors`,
/// in order, each rule file by the content key of its text as the pack loaded it
/// (DetectorSpec::rules_key; read from disk for a detector that has none). Empty when it
/// cannot be told (the build is unknown, such a rule file is unreadable): then nothing may be
/// cached.
std::string detectors_salt(std::string_view kind, const std::vector<const DetectorSpec*>& detectors);

class FileCache {
 public:
  static constexpr std::uintmax_t kDefaultMaxBytes = 128ull << 20;

  /// Off unless `in` names a cache directory and scans the workload itself (not lint
  /// --staged's mirror of the index).
  FileCache(const ScanInput& in, std::string_view kind, std::vector<const DetectorSpec*> detectors);

  bool enabled() const { return !file_.empty(); }
  /// The remembered outcome of in.files[i] when the file is unchanged. Each index is looked
  /// up once, before the file is read; callable from several threads.
  std::optional<FileOutcome> lookup(std::size_t i);
  /// Remembers what in.files[i] gave, unless the file changed since its lookup or too
  /// recently; callable from several threads. `text`, the file's text as the caller read it
  /// after the lookup, spares reading it again for its content key.
  void store(std::size_t i, const FileOutcome& o, const std::string* text = nullptr);
  /// A yes/no answer per file (FileOutcome::code 2 / 1), for passes that only need that:
  /// the remembered answer while the file is unchanged, else nullopt.
  std::optional<bool> lookup_flag(std::size_t i);
  void store_flag(std::size_t i, bool yes, const std::string* text = nullptr);
  /// Writes the store when it changed (the run's outcomes, and the earlier entries of files
  /// the run did not look at that are still unchanged), then trims the directory.
  void save(std::uintmax_t max_bytes = kDefaultMaxBytes);

  std::size_t hits() const { return hits_; }

 private:
  struct Entry {
    cache::FileStat stat;
    std::string key;   ///< content_key of the file's text
    std::string blob;  ///< the encoded outcome
  };
  std::optional<FileOutcome> decode(std::string_view blob, const std::string& path) const;

  const ScanInput& in_;
  std::vector<const DetectorSpec*> detectors_;
  std::string file_;
  std::int64_t started_ns_ = 0;
  std::map<std::string, Entry, std::less<>> loaded_;
  std::uintmax_t loaded_bytes_ = 0;  ///< the store's size when read (0: none)
  bool racy(const cache::FileStat& st) const;

  std::vector<cache::FileStat> seen_;  ///< per file: its stat at lookup
  std::vector<char> hit_;
  std::mutex mu_;
  std::map<std::string, Entry, std::less<>> fresh_;
  std::atomic<std::size_t> hits_{0};
};

}  // namespace engine
}  // namespace lambdafit
