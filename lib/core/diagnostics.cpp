#include "core/diagnostics.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace lambdafit {

namespace {
std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "error";
}


// Longest source line shown whole; a longer one is shown around its column.
constexpr std::size_t kShownLine = 160;

std::size_t utf8_seq(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  if (n == 2 && c < 0xC2) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  return n;
}

}  // namespace

std::string terminal_safe(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = utf8_seq(s, i);
    if (n == 0 || (n == 1 && ((c < 0x20 && c != '\t') || c == 0x7F)) ||
        (n == 2 && c == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0)) {
      out += '?';
      i += n == 0 ? 1 : n;
      continue;
    }
    out.append(s.substr(i, n));
    i += n;
  }
  return out;
}

std::string Diagnostic::format() const {
  std::string out;
  const auto& loc = location;
  if (!loc.file.empty()) {
    out += terminal_safe(loc.file);
    if (loc.line > 0) out += fmt::format(":{}", loc.line);
    if (loc.line > 0 && loc.column > 0) out += fmt::format(":{}", loc.column);
    out += ": ";
  }
  out += fmt::format("{}: {}", severity_name(severity), terminal_safe(message));
  if (!source_line.empty()) {
    // A very long line (minified code, a hostile file) is shown as a window round the column.
    std::string_view shown = source_line;
    int column = loc.column;
    std::string before, after;
    if (shown.size() > kShownLine) {
      const std::size_t at = column > 0 ? static_cast<std::size_t>(column - 1) : 0;
      std::size_t from = at > kShownLine / 2 ? at - kShownLine / 2 : 0;
      while (from > 0 && (static_cast<unsigned char>(shown[from]) & 0xC0) == 0x80) --from;
      std::size_t to = std::min(shown.size(), from + kShownLine);
      while (to < shown.size() && (static_cast<unsigned char>(shown[to]) & 0xC0) == 0x80) ++to;
      if (from > 0) before = "...";
      if (to < shown.size()) after = "...";
      shown = shown.substr(from, to - from);
      if (column > 0) column = column - static_cast<int>(from) + static_cast<int>(before.size());
    }
    const std::string line = before + terminal_safe(shown) + after;
    out += "\n" + line;
    if (column > 0) {
      std::string pad;
      // Keep tabs so the caret lines up under the offending column.
      for (int i = 0; i + 1 < column && i < static_cast<int>(line.size()); ++i)
        pad += line[static_cast<std::size_t>(i)] == '\t' ? '\t' : ' ';
      out += "\n" + pad + "^";
    }
  }
  return out;
}

void Diagnostics::add(Diagnostic d) {
  if (d.severity == Severity::error) ++errors_;
  if (full()) {
    ++dropped_;
    return;
  }
  items_.push_back(std::move(d));
}

std::vector<Diagnostic> Diagnostics::take() {
  if (dropped_ > 0)
    items_.push_back({Severity::note,
                      fmt::format("and {} more problem{} not shown", dropped_, dropped_ == 1 ? "" : "s"),
                      {},
                      {}});
  dropped_ = 0;
  errors_ = 0;
  return std::move(items_);
}

void Diagnostics::error(std::string message, SourceLocation where, std::string source_line) {
  add({Severity::error, std::move(message), std::move(where), std::move(source_line)});
}

void Diagnostics::warning(std::string message, SourceLocation where, std::string source_line) {
  add({Severity::warning, std::move(message), std::move(where), std::move(source_line)});
}

LineStarts::LineStarts(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') starts_.push_back(i + 1);
}

int LineStarts::line_at(std::size_t offset) const {
  const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  return static_cast<int>(it - starts_.begin());
}

std::size_t LineStarts::start_of(int line) const {
  if (line < 1 || static_cast<std::size_t>(line) > starts_.size()) return 0;
  return starts_[static_cast<std::size_t>(line - 1)];
}

std::string LineStarts::line(std::string_view text, int line) const {
  if (line < 1 || static_cast<std::size_t>(line) > starts_.size()) return {};
  const std::size_t b = starts_[static_cast<std::size_t>(line - 1)];
  if (b > text.size()) return {};
  auto end = text.find('\n', b);
  auto l = text.substr(b, end == std::string_view::npos ? text.size() - b : end - b);
  if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
  return std::string(l);
}

std::string line_of(std::string_view text, int line) {
  if (line < 1) return {};
  std::size_t pos = 0;
  for (int i = 1; i < line; ++i) {
    pos = text.find('\n', pos);
    if (pos == std::string_view::npos) return {};
    ++pos;
  }
  auto end = text.find('\n', pos);
  auto l = text.substr(pos, end == std::string_view::npos ? text.size() - pos : end - pos);
  if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
  return std::string(l);
}

}  // namespace lambdafit
