// The workload manifest (lambdafit.yaml) and answers files: what a person says about a workload.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "rulepack/model.hpp"

namespace lambdafit {

struct Manifest {
  std::string path;  ///< where it was read from; empty when there is none
  std::string name;
  std::string platform;
  std::vector<std::string> exclude;
  std::vector<RoleGlob> roles;  ///< `roles:` role -> globs; wins over the conventions
  std::map<std::string, Answer> answers;  ///< fact id -> answer
};

/// Reads `<root>/lambdafit.yaml` if present. Errors name file:line:col.
std::optional<Manifest> load_manifest(const std::string& root, const detail::RulePackData& pack,
                                      Diagnostics& d);

/// Reads a file whose `answers:` mapping (or whole top level) holds answers keyed by fact id.
std::optional<std::map<std::string, Answer>> load_answers_file(const std::string& path,
                                                               const detail::RulePackData& pack,
                                                               Diagnostics& d);

/// Parses an answer's value text for a fact: yes/no, numbers with units, choices, lists.
/// Returns nullopt and sets `error` when the text does not fit the fact's type.
std::optional<Value> parse_answer_value(std::string_view text, const FactSpec& fact,
                                        const detail::RulePackData& pack, std::string* error);

}  // namespace lambdafit
