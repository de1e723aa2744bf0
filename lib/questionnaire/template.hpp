// A fill-in answers file for someone else: `lambdafit questionnaire --template FILE`.
#pragma once

#include <string>

#include "rulepack/model.hpp"

namespace lambdafit {

/// YAML with an `answers:` mapping: every open question of `a` as comments (the prompt, its
/// help, why it matters, what each answer would change, the form of an answer) above a blank
/// entry keyed by fact id. Filled in, it merges with `--answers-from`; blank entries are skipped.
std::string answers_template(const detail::RulePackData& pack, const Assessment& a);

}  // namespace lambdafit
