// Collecting diagnostics with positions, and formatting them like a compiler.
#pragma once

#include <string>
#include <vector>

#include "lambdafit/lambdafit.hpp"

namespace lambdafit {

/// Accumulates diagnostics across a stage so one run reports every problem, not the first.
class Diagnostics {
 public:
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  void error(std::string message, SourceLocation where = {}, std::string source_line = {});
  void warning(std::string message, SourceLocation where = {}, std::string source_line = {});
  bool has_errors() const noexcept;
  const std::vector<Diagnostic>& items() const noexcept { return items_; }
  std::vector<Diagnostic> take() { return std::move(items_); }
  void append(const std::vector<Diagnostic>& more) {
    items_.insert(items_.end(), more.begin(), more.end());
  }

 private:
  std::vector<Diagnostic> items_;
};

/// Line `line` (1-based) of `text`, without its newline; empty when out of range.
std::string line_of(std::string_view text, int line);

}  // namespace lambdafit
