// A compiled `text` detector and how it matches one file's comment-blanked text.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>
#include <re2/set.h>

#include "core/lazy_regex.hpp"
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
  std::vector<Regex> patterns;     ///< any one reports the line
  std::vector<Regex> exclude;      ///< `not`: none may match that line
  std::vector<Regex> near;         ///< each within `within` lines
  std::vector<Regex> in_file;      ///< each somewhere in the file
  std::vector<Regex> not_in_file;  ///< none anywhere in the file
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

/// Which of one detector's regexes match somewhere in a text.
struct FileHits {
  std::vector<bool> patterns, in_file, not_in_file;
};

/// One RE2::Set over the `patterns`, `in_file` and `not_in_file` of several detectors, so a
/// file is searched once for all of them instead of once per regex; only the detectors with
/// a hit then go line by line.
class PatternSet {
 public:
  explicit PatternSet(const std::vector<const TextDetectorConfig*>& detectors);
  /// One FileHits per detector, in the constructor's order; false when the set could not
  /// decide (not built, or out of memory on this text): then ask each regex alone.
  bool match(std::string_view text, std::vector<FileHits>& hits) const;

 private:
  struct Slot {
    std::size_t detector;
    int list;  ///< 0 patterns, 1 in_file, 2 not_in_file
    std::size_t index;
  };
  std::vector<const TextDetectorConfig*> detectors_;
  std::unique_ptr<RE2::Set> set_;
  std::vector<Slot> slots_;
};

/// Every line of `blanked` the detector reports, in order, at most one match per line.
/// `rel_path` is the file's workload-relative path (for `outside_root`). `hits`, when given,
/// says which of the detector's regexes match somewhere in `blanked` (from a PatternSet).
std::vector<TextMatch> match_text(const TextDetectorConfig& cfg, std::string_view blanked,
                                  const LineIndex& lines, std::string_view rel_path,
                                  const FileHits* hits = nullptr);

/// Whether `target`, a path written in the file at `rel_path`, leaves the workload root:
/// absolute, or more `..` segments than the file is deep.
bool path_leaves_root(std::string_view rel_path, std::string_view target);

}  // namespace lambdafit
