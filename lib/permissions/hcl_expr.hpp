// HCL expressions the descriptor reader keeps as source text (lists, jsonencode({…}),
// heredocs, references), read into the descriptor tree shape with positions in the file:
// strings without their quotes (interpolations kept as written), lists, objects (`=` or `:`),
// jsonencode(x) as x, a heredoc as the expression its text holds (JSON), and anything else
// (references, other calls, conditionals) as a scalar tagged "expr".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "scanning/descriptors/document.hpp"

namespace lambdafit::permissions {

/// Byte offsets to 1-based line and column, and back, in one file's text.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  std::pair<int, int> position(std::size_t offset) const;
  std::size_t offset(int line, int column) const;

 private:
  std::vector<std::size_t> starts_;
  std::size_t size_;
};

/// Reads the expression starting at `offset` of `text`. A part that cannot be read becomes a
/// scalar tagged "expr"; reading never goes past the end of `text`.
descriptors::DocNode read_hcl_expression(std::string_view text, std::size_t offset, const LineIndex& lines);

/// Where the value of an attribute the descriptor reader kept as text (`raw`, read at the
/// attribute's line and column) starts in `text`; npos when it cannot be found.
std::size_t value_offset(std::string_view text, const LineIndex& lines, const descriptors::DocNode& attribute);

}  // namespace lambdafit::permissions
