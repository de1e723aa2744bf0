#include "scanning/text/text_file.hpp"

#include <fstream>

#include <fmt/format.h>

#include "scanning/scan.hpp"

namespace lambdafit {

int first_invalid_utf8_line(std::string_view s) {
  int line = 1;
  std::size_t i = 0;
  const auto* b = reinterpret_cast<const unsigned char*>(s.data());
  while (i < s.size()) {
    const unsigned char c = b[i];
    if (c == '\n') ++line;
    if (c < 0x80) {
      ++i;
      continue;
    }
    int extra = 0;
    unsigned min = 0;
    if (c >= 0xC2 && c <= 0xDF) extra = 1, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF) extra = 2, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4) extra = 3, min = 0x10000;
    else return line;
    if (i + extra >= s.size()) return line;  // truncated sequence
    unsigned cp = c & (0x3F >> extra);
    for (int k = 1; k <= extra; ++k) {
      const unsigned char cc = b[i + k];
      if ((cc & 0xC0) != 0x80) return line;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return line;
    i += extra + 1;
  }
  return 0;
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
  r.text = std::move(text);
  return r;
}

std::string read_first_line(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return {};
  char buf[256];
  in.read(buf, sizeof buf);
  std::string s(buf, static_cast<std::size_t>(in.gcount()));
  const auto nl = s.find('\n');
  if (nl != std::string::npos) s.resize(nl);
  return s;
}

}  // namespace lambdafit
