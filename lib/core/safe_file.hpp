// Reading files a workload names and writing the files a user asks for, without letting
// the workload steer either (README "Threat model").
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace lambdafit {

/// Largest file lambdafit reads as configuration, answers, a baseline or a request.
inline constexpr std::uintmax_t kMaxConfigBytes = 16u << 20;

struct ReadLimits {
  /// When set, the file (after following links) must be inside this directory: paths that
  /// come from the workload itself. Empty for paths given on the command line.
  std::filesystem::path inside;
  std::uintmax_t max_bytes = kMaxConfigBytes;
};

/// Reads a regular file only (no FIFO, device, socket or /proc entry), never blocking on
/// open and never reading past `max_bytes`. On failure returns nullopt and a lowercase
/// reason such as "'x' is not a regular file" in `error`.
std::optional<std::string> read_regular_file(const std::filesystem::path& path, const ReadLimits& limits,
                                             std::string& error);

/// Whether `path`, following links, lies inside `dir` (both resolved).
bool resolves_inside(const std::filesystem::path& path, const std::filesystem::path& dir);

/// Replaces `path` with `text` so readers see the old or the new file, never a mix: a
/// unique temporary file in the same directory (O_EXCL|O_NOFOLLOW, unnamed where the
/// system allows, so a kill leaves nothing behind), fsync, rename, fsync of the directory.
/// Keeps the mode and owner of a file it replaces, refuses a read-only one, writes through
/// a symlink to its existing target, and writes straight into a device or FIFO (-o
/// /dev/stdout). On failure returns false with the reason (errno text) in `error`.
bool write_file_safely(const std::filesystem::path& path, std::string_view text, std::string& error);

}  // namespace lambdafit
