// The pieces lambdafit's caches share (known_good.hpp, clang/tu_cache.hpp,
// engine/file_cache.hpp): a file's identity as stat tells it, a small binary encoding read back
// defensively, whole-file atomic writes, and trimming a cache directory to a size bound.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace lambdafit::cache {

/// What stat says of a regular file; `exists` is false for anything else.
struct FileStat {
  bool exists = false;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::int64_t ctime_ns = 0;  ///< changes with any write or metadata change, and cannot be set back
  std::uint64_t inode = 0;

  bool same_file_state(const FileStat& o) const {
    return exists == o.exists && size == o.size && mtime_ns == o.mtime_ns && ctime_ns == o.ctime_ns && inode == o.inode;
  }
};
FileStat stat_of(const std::string& path);

void put_u32(std::string& b, std::uint32_t v);
void put_u64(std::string& b, std::uint64_t v);
void put_str(std::string& b, std::string_view s);

/// Reads what put_* wrote; every read fails (false) past the end instead of reading on.
struct Reader {
  std::string_view b;
  bool u32(std::uint32_t& v) { return take(&v, 4); }
  bool u64(std::uint64_t& v) { return take(&v, 8); }
  bool str(std::string& s);
  bool take(void* p, std::size_t n);
};

/// A cache entry's bytes: `magic` (a line naming the format), a checksum of `payload`
/// (content_key.hpp), then `payload`. unsealed() gives the payload back only when the magic
/// and the checksum agree, so a damaged, cut or foreign file reads as absent.
std::string sealed(std::string_view magic, std::string_view payload);
std::optional<std::string_view> unsealed(std::string_view magic, std::string_view bytes);

/// Writes `bytes` to `path` through a private temporary file renamed into place (creating the
/// parent directory), so a concurrent reader sees the old file or the new one, never half.
bool write_atomically(const std::filesystem::path& path, std::string_view bytes);

/// Marks `path` as just used (its modification time is now), so trim() removes it last.
void touch(const std::string& path);

/// Removes the least recently modified files under `dir` until it holds at most `max_bytes`,
/// then on down to 80% of that so trimming stays rare. Readers touch what they use.
void trim(const std::filesystem::path& dir, std::uintmax_t max_bytes);

}  // namespace lambdafit::cache
