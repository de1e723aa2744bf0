// Paths into a read descriptor (document.hpp): the syntax rule files use in `path:` to name
// a value, shared by the `descriptor` detector kind and the deployment role marks.
//
// Segments are separated by '.'; a segment is a key, '*' (every key or list item), a glob
// ('program:*'), alternatives ('CMD|ENTRYPOINT'), exclusions among them ('*_PROGRAMS|!check_*':
// a key matching no '!' name), and filters on the node reached:
// [Key=a|b] (Key's text matches a or b), [Key] (present), [!Key] (absent); a filter key may
// name a nested key with '/' (Properties/PackageType). A segment of filters only ('[kind=Job]')
// checks the current node.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "core/lazy_regex.hpp"
#include "core/yaml_file.hpp"
#include "scanning/descriptors/document.hpp"

namespace lambdafit::descriptors {

struct PathFilter {
  std::vector<std::string> key;     ///< nested keys
  std::vector<std::string> values;  ///< globs; empty = presence test
  bool negate = false;
};

struct PathSegment {
  std::vector<std::string> names;  ///< globs; empty = stay on the current node
  std::vector<PathFilter> filters;
};

using DocPath = std::vector<PathSegment>;

/// Parses a path; nullopt with the reason in `why` when it is malformed.
std::optional<DocPath> parse_doc_path(std::string_view text, std::string* why);

struct PathMatch {
  const DocNode* node = nullptr;    ///< the value, or the parent that lacks it (default)
  const DocNode* parent = nullptr;  ///< the map or list holding `node`; null at the root
  bool is_default = false;
};

/// Every node `path` reaches from `root`. With `want_default`, a node the path reaches all but
/// the last key of, and that lacks that key, is reported with is_default.
void find_nodes(const DocNode& root, const DocPath& path, bool want_default,
                std::vector<PathMatch>& out);

/// '*' matches any run of characters; everything else literally.
bool word_glob(std::string_view pattern, std::string_view s);

/// The regular expression a rule file states under `key` (multi-line mode), or null when the
/// key is absent or the expression is invalid; the latter is an error at its place and clears
/// `*ok`. Shared by the descriptor kind's `match`/`in_file` and the deployment role marks.
Regex compile_rule_regex(const YamlFile& f, const YAML::Node& n, const char* key, Diagnostics& d, bool* ok);

}  // namespace lambdafit::descriptors
