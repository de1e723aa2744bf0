// Collecting diagnostics with positions, and formatting them like a compiler.
#pragma once

#include <string>
#include <vector>

#include "lambdafit/lambdafit.hpp"

namespace lambdafit {

/// How many diagnostics one stage keeps; the rest are counted ("and 12 more problems").
inline constexpr std::size_t kMaxDiagnostics = 100;

/// Accumulates diagnostics across a stage so one run reports every problem, not the first,
/// up to kMaxDiagnostics: a hostile file with millions of problems costs a count, not a
/// message each.
class Diagnostics {
 public:
  void add(Diagnostic d);
  void error(std::string message, SourceLocation where = {}, std::string source_line = {});
  void warning(std::string message, SourceLocation where = {}, std::string source_line = {});
  bool has_errors() const noexcept { return errors_ > 0; }
  /// True once further diagnostics are only counted: callers may skip costly locating.
  bool full() const noexcept { return items_.size() >= kMaxDiagnostics; }
  const std::vector<Diagnostic>& items() const noexcept { return items_; }
  /// The kept diagnostics, then one note counting those left out.
  std::vector<Diagnostic> take();
  void append(const std::vector<Diagnostic>& more) {
    for (const auto& d : more) add(d);
  }

 private:
  std::vector<Diagnostic> items_;
  std::size_t errors_ = 0;
  std::size_t dropped_ = 0;
};

/// Line `line` (1-based) of `text`, without its newline; empty when out of range.
std::string line_of(std::string_view text, int line);

/// Where each line of a text starts, computed once, so many lookups cost no rescans. Holds
/// no pointer into the text (which may move); pass the same text to line().
class LineStarts {
 public:
  LineStarts() = default;
  explicit LineStarts(std::string_view text);
  /// 1-based line of byte `offset`.
  int line_at(std::size_t offset) const;
  /// Byte offset where 1-based `line` starts (0 when out of range).
  std::size_t start_of(int line) const;
  /// Line `line` of `text` without its newline (and '\r'); empty when out of range.
  std::string line(std::string_view text, int line) const;

 private:
  std::vector<std::size_t> starts_{0};
};

/// `s` with control characters (C0 but tab, DEL, C1) and invalid UTF-8 bytes shown as '?',
/// so names and lines from scanned files cannot drive a terminal or forge output lines.
std::string terminal_safe(std::string_view s);

}  // namespace lambdafit
