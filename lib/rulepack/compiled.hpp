// The compiled rule pack: a pack that loaded without error, kept in a compact binary form so
// the next run with the same rule files skips reading YAML and every load-time check (most of
// a short run's start-up: building ~110 files' YAML trees and checking every reference).
//
// An entry is named by a key of the binary's build identity, the lambdafit-worker that checks
// Clang matchers where Clang is not linked in, and every rule file's directory, path and
// text (by its content key), so an edited, added or removed rule file, or a rebuilt
// lambdafit or worker, misses and the pack is loaded from its files again (and compiled anew). Entries live under the cache
// directory (core/known_good.hpp `cache_dir()`; the CLI's $XDG_CACHE_HOME/lambdafit) in
// `packs/`, written atomically, trimmed to kMaxPacksBytes; no cache directory, no compiled
// pack. Anything unreadable in an entry (truncated, a checksum that does not match, bytes an
// older format wrote) is a miss, never an error: the normal load then runs and reports.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/content_key.hpp"
#include "rulepack/model.hpp"

namespace lambdafit::compiled_pack {

inline constexpr std::uintmax_t kMaxPacksBytes = 16u << 20;

/// Accumulates the key of a pack's sources, in load order.
class Key {
 public:
  Key();
  void dir(std::string_view d);
  /// A rule file by its path and the content key of its text.
  void file(std::string_view path, std::string_view content_key);
  std::string hex() const;

 private:
  ContentKey k_;
};

/// The pack's bytes; throws only on an internal error (an unknown detector kind).
std::string encode(const detail::RulePackData& pack);
/// The pack `encode` wrote, or null when the bytes are not a whole, intact entry.
std::shared_ptr<detail::RulePackData> decode(std::string_view bytes);

/// The pack compiled under `key`, or null (no cache directory, no entry, an unreadable one).
std::shared_ptr<detail::RulePackData> read(const std::string& key);
/// Keeps `pack` under `key` (nothing without a cache directory); failures are ignored.
void write(const std::string& key, const detail::RulePackData& pack);

}  // namespace lambdafit::compiled_pack
