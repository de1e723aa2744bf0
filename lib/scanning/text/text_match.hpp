// A compiled `text` detector and how it matches one file's comment-blanked text.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "core/diagnostics.hpp"
#include "rulepack/model.hpp"
#include "scanning/text/text_file.hpp"

namespace YAML {
class Node;
}

namespace lambdafit {

class YamlFile;

/// Reads a detector's optional `max_file_size:` (a size such as `4 MB`) into `bytes`; false,
/// with an error at the node, when it is not a size above zero. Shared by the kinds that read
/// whole files (text, tree-sitter).
bool parse_max_file_size(const YamlFile& f, const YAML::Node& n, Diagnostics& d, std::uint64_t& bytes);

struct TextDetectorConfig final : DetectorConfig {
  std::vector<std::string> file_types;  ///< type names (file_type.hpp); a file of any of them
  std::vector<std::string> paths;       ///< globs; a file matching any of them is scanned too
  std::vector<std::shared_ptr<const RE2>> patterns;     ///< any one reports the line
  std::vector<std::shared_ptr<const RE2>> exclude;      ///< `not`: none may match that line
  std::vector<std::shared_ptr<const RE2>> near;         ///< each within `within` lines
  std::vector<std::shared_ptr<const RE2>> in_file;      ///< each somewhere in the file
  std::vector<std::shared_ptr<const RE2>> not_in_file;  ///< none anywhere in the file
  int within = 5;
  bool outside_root = false;  ///< group 1 is a relative path that must leave the root
  bool skip_strings = false;  ///< match code only: string literals are blanked too
  std::uint64_t max_file_size = kDefaultTextSizeCap;

  bool applies_to(std::string_view type, std::string_view rel_path) const;
};

/// Byte offsets of line starts, for turning offsets into 1-based lines and columns.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  int count() const { return static_cast<int>(starts_.size()); }
  /// Line `n` (1-based) without its newline or a trailing carriage return.
  std::string_view line(int n) const;

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

struct TextMatch {
  int line = 0;    ///< 1-based
  int column = 0;  ///< 1-based, in bytes
};

/// Every line of `blanked` the detector reports, in order, at most one match per line.
/// `rel_path` is the file's workload-relative path (for `outside_root`).
std::vector<TextMatch> match_text(const TextDetectorConfig& cfg, std::string_view blanked,
                                  const LineIndex& lines, std::string_view rel_path);

/// Whether `target`, a path written in the file at `rel_path`, leaves the workload root:
/// absolute, or more `..` segments than the file is deep.
bool path_leaves_root(std::string_view rel_path, std::string_view target);

}  // namespace lambdafit
