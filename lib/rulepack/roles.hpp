// The file-role parts of a rule pack: the `roles:` conventions (rules/roles/*.yaml) and the
// role names that facts and manifests use.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "core/yaml_file.hpp"
#include "rulepack/model.hpp"

namespace lambdafit {

/// Every role name, for "did you mean" suggestions.
std::vector<std::string> file_role_names();

/// A role name at `n`, or an error naming it with the nearest spelling.
std::optional<FileRole> parse_role(const YamlFile& f, const YAML::Node& n, Diagnostics& d);

/// Reads the top-level `roles:` list of a rule file into `out` (errors name file:line:col).
void load_role_rules(const YamlFile& f, std::vector<RoleRule>& out, Diagnostics& d);

/// Reads a `roles:` mapping of role -> globs (the manifest's overrides) into `out`.
bool load_role_globs(const YamlFile& f, const YAML::Node& map, std::vector<RoleGlob>& out,
                     Diagnostics& d);

}  // namespace lambdafit
