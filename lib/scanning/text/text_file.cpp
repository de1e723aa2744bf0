#include "scanning/text/text_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

#include <fmt/format.h>

#include "scanning/scan.hpp"

namespace lambdafit {

int first_invalid_utf8_line(std::string_view s) {
  const std::size_t n = s.size();
  const auto* b = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t i = 0;
  const auto bad = [&] { return 1 + static_cast<int>(std::count(s.begin(), s.begin() + static_cast<long>(i), '\n')); };
  while (i < n) {
    // Runs of ASCII, eight bytes at a time: most source files are nothing else.
    for (std::uint64_t w; i + 8 <= n; i += 8) {
      std::memcpy(&w, b + i, 8);
      if (w & 0x8080808080808080ULL) break;
    }
    if (i >= n) break;
    const unsigned char c = b[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    int extra = 0;
    unsigned min = 0;
    if (c >= 0xC2 && c <= 0xDF) extra = 1, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF) extra = 2, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4) extra = 3, min = 0x10000;
    else return bad();
    if (i + extra >= n) return bad();  // truncated sequence
    unsigned cp = c & (0x3F >> extra);
    for (int k = 1; k <= extra; ++k) {
      const unsigned char cc = b[i + k];
      if ((cc & 0xC0) != 0x80) return bad();
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return bad();
    i += extra + 1;
  }
  return 0;
}

bool written_by_lambdafit(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return false;
  const auto head = text.substr(first, 4096);
  if (head.front() == '{') {
    if (head.find("\"lambdafit_baseline\"") != std::string_view::npos) return true;
    // Lint JSON, report JSON and SARIF name the tool; keys are sorted, so it may be late.
    return text.find("\"tool\"") != std::string_view::npos &&
           text.find("\"name\": \"lambdafit\"") != std::string_view::npos &&
           (head.find("sarif") != std::string_view::npos || head.find("\"schema_version\"") != std::string_view::npos ||
            text.find("\"verdict\"") != std::string_view::npos || text.find("\"driver\"") != std::string_view::npos);
  }
  if (head.find("<meta name=\"generator\" content=\"lambdafit\">") != std::string_view::npos) return true;
  if (head.starts_with("# lambdafit report") || head.starts_with("# lambdafit portfolio")) return true;
  // Text report: "lambdafit 1.2.3 — name".
  if (head.starts_with("lambdafit ") && head.size() > 10 && head[10] >= '0' && head[10] <= '9') {
    const auto eol = head.find('\n');
    return head.substr(0, eol).find("\xE2\x80\x94") != std::string_view::npos;
  }
  return false;
}

TextRead read_text_file(const std::filesystem::path& p, std::uint64_t size, std::uint64_t cap) {
  TextRead r;
  if (size > cap) {
    r.reason = SkipReason::too_big;
    r.skipped = fmt::format("{:.1f} MB is over the {:.1f} MB size cap for text patterns",
                            size / 1048576.0, cap / 1048576.0);
    return r;
  }
  auto text = read_file(p);
  if (!text) {
    r.reason = SkipReason::unreadable;
    r.skipped = "cannot be read";
    return r;
  }
  // The size may have changed since the walk; keep the cap honest.
  if (text->size() > cap) {
    r.reason = SkipReason::too_big;
    r.skipped = fmt::format("{:.1f} MB is over the {:.1f} MB size cap for text patterns",
                            text->size() / 1048576.0, cap / 1048576.0);
    return r;
  }
  if (text->find('\0') != std::string::npos) {
    r.reason = SkipReason::binary;
    r.skipped = "binary content (NUL bytes)";
    return r;
  }
  if (const int bad = first_invalid_utf8_line(*text)) {
    r.reason = SkipReason::encoding;
    r.skipped = fmt::format("not valid UTF-8 (first bad byte on line {})", bad);
    return r;
  }
  if (written_by_lambdafit(*text)) {
    r.reason = SkipReason::generated;
    r.skipped = "written by lambdafit (a report, baseline or SARIF file)";
    return r;
  }
  r.text = std::move(text);
  return r;
}

std::string read_first_line(const std::filesystem::path& p) {
  // O_NONBLOCK and a regular-file check: a FIFO must not stall the scan.
  const int fd = ::open(p.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return {};
  struct stat st {};
  char buf[256];
  ssize_t n = -1;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) n = ::read(fd, buf, sizeof buf);
  ::close(fd);
  if (n <= 0) return {};
  std::string s(buf, static_cast<std::size_t>(n));
  const auto nl = s.find('\n');
  if (nl != std::string::npos) s.resize(nl);
  return s;
}

}  // namespace lambdafit
