// YAML parsed by libyaml into yaml-cpp nodes. yaml-cpp's own scanner reads about 15 MB/s and
// was most of the start-up of every run (the rule pack is ~150 KB of YAML); libyaml's is many
// times faster. The nodes are the ones yaml-cpp would build — same types, values, tags, styles
// and marks (byte columns, as yaml-cpp counts them) — so everything downstream is unchanged.
//
// yaml-cpp stays the reference: whatever libyaml rejects, or could read differently (line
// breaks that only YAML 1.1 counts, an alias to an unknown anchor), returns nullopt and the
// caller parses the text with yaml-cpp, whose acceptance and messages users see. A unit test
// holds the two parsers' trees equal on every YAML file in the repository.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace lambdafit {

/// The documents of `text` (only the first when `first_only`, as YAML::Load reads), or nullopt
/// when the caller must use yaml-cpp instead. Never throws for bad input.
std::optional<std::vector<YAML::Node>> load_yaml_fast(std::string_view text, bool first_only);

/// What YAML::Load(text) returns: libyaml's reading when it takes the text, else yaml-cpp's,
/// which throws YAML::Exception for malformed text as YAML::Load does.
YAML::Node load_yaml(std::string_view text);

}  // namespace lambdafit
