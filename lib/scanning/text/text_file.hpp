// Reading a workload file as text: the checks that keep binary, oversized, badly encoded and
// unreadable files away from the patterns, each with a reason for the coverage notes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace lambdafit {

/// 2 MB: files larger than this are not pattern-matched unless a detector raises its cap.
inline constexpr std::uint64_t kDefaultTextSizeCap = 2ull * 1024 * 1024;

enum class SkipReason { none, too_big, unreadable, binary, encoding, generated };

/// Whether `text` is a file lambdafit wrote: a baseline, lint or report JSON, SARIF, or an
/// HTML, Markdown or text report. Recognised by content, whatever the file is called, so a
/// report saved into the tree never becomes findings or suppressions.
bool written_by_lambdafit(std::string_view text);

/// A file's text, or why it was not read as text.
struct TextRead {
  std::optional<std::string> text;
  SkipReason reason = SkipReason::none;
  std::string skipped;  ///< "binary content", "not valid UTF-8 (line 3)", …
};

/// Reads `p` (of `size` bytes) as UTF-8 text unless it is over `cap`, unreadable, binary (a
/// NUL byte) or not valid UTF-8.
TextRead read_text_file(const std::filesystem::path& p, std::uint64_t size, std::uint64_t cap);

/// The 1-based line of the first byte that is not valid UTF-8, or 0 when all is valid.
int first_invalid_utf8_line(std::string_view s);

/// The first line of a file, up to 256 bytes; empty when it cannot be read.
std::string read_first_line(const std::filesystem::path& p);

}  // namespace lambdafit
