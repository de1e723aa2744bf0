// Lines around a piece of evidence, read from the scanned file when a report is rendered.
// Only files inside the workload are read, only regular files of bounded size, and only when
// the evidence line still reads as the scan saw it: context is never invented.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lambdafit/lambdafit.hpp"

namespace lambdafit {

struct ContextLine {
  int number = 0;
  std::string text;
};

class SourceContext {
 public:
  explicit SourceContext(std::string workload_root) : root_(std::move(workload_root)) {}

  /// Up to `around` lines before and after the evidence line, or nothing when the file cannot
  /// be read safely or has changed at that line since the scan.
  std::optional<std::pair<std::vector<ContextLine>, std::vector<ContextLine>>> around(const Evidence& e,
                                                                                      int around = 2);

 private:
  const std::vector<std::string>* lines(const std::string& rel);
  std::string root_;
  std::map<std::string, std::optional<std::vector<std::string>>> cache_;
};

}  // namespace lambdafit
