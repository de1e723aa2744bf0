// A YAML file kept with its text, so every error can name file:line:col and show the line.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/diagnostics.hpp"
#include "core/safe_file.hpp"

namespace lambdafit {

/// The byte offset where `text` first nests deeper than lambdafit reads (yaml-cpp recurses
/// once per level, so a hostile file 100k levels deep would overflow the stack), if it does.
std::optional<std::size_t> yaml_too_deep(std::string_view text);

/// yaml-cpp 0.7's LoadAll never ends on some malformed streams (`{"a": },`): every further
/// document starts where the previous one did. Walks the stream's documents without building
/// nodes and returns where a document failed to move on, if one did; throws YAML::Exception
/// where LoadAll would.
std::optional<YAML::Mark> yaml_stalls(std::string_view text);

class YamlFile {
 public:
  /// Reads and parses `path`; errors (unreadable, malformed) go to `diags`. `display` is the
  /// name used in messages (defaults to `path`).
  /// The file must be a regular file within `limits` (core/safe_file.hpp): a workload's own
  /// files pass `limits.inside`.
  static std::optional<YamlFile> load(const std::string& path, Diagnostics& diags,
                                      std::string display = {}, const ReadLimits& limits = {});
  /// The reading half of load(): the text of `path`, or nullopt with the error in `diags`.
  static std::optional<std::string> read(const std::string& path, Diagnostics& diags,
                                         const std::string& display = {}, const ReadLimits& limits = {});
  /// Parses text already in memory (tests, stdin).
  static std::optional<YamlFile> parse(std::string text, std::string display, Diagnostics& diags);

  const YAML::Node& root() const { return root_; }
  const std::string& display() const { return display_; }
  const std::string& text() const { return text_; }

  /// 1-based location of a node.
  SourceLocation where(const YAML::Node& n) const;
  void error(Diagnostics& d, const YAML::Node& n, std::string message) const;
  void warning(Diagnostics& d, const YAML::Node& n, std::string message) const;

 private:
  std::string line(int n) const { return lines_.line(text_, n); }

  std::string display_;
  std::string text_;
  LineStarts lines_;
  YAML::Node root_;
};

/// Checks that `map` is a mapping whose keys are all in `allowed` and appear once; reports
/// unknown keys with the nearest allowed spelling. Returns false if anything was wrong.
bool check_keys(const YamlFile& f, const YAML::Node& map, const std::vector<std::string>& allowed,
                Diagnostics& d, std::string_view what);

/// The scalar under `key`, or nullopt. Reports a missing required key, or a non-scalar value.
std::optional<std::string> get_scalar(const YamlFile& f, const YAML::Node& map, const char* key,
                                      Diagnostics& d, bool required = false);

/// A scalar or a sequence of scalars under `key`, as a list.
std::optional<std::vector<std::string>> get_string_list(const YamlFile& f, const YAML::Node& map,
                                                        const char* key, Diagnostics& d,
                                                        bool required = false);

/// YAML's notion of a boolean scalar (true/false/yes/no/on/off), if `s` is one.
std::optional<bool> parse_bool(std::string_view s);

}  // namespace lambdafit
