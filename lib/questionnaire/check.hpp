// `lambdafit questionnaire --check`: are the answers written down still good? Checks each
// answer's fact id, keys, type and unit, who gave it and when, its age, and whether the code
// scan now contradicts it.
#pragma once

#include <string>
#include <vector>

#include "rulepack/model.hpp"

namespace lambdafit {

struct CheckOptions {
  long max_age_days = 365;  ///< answers older than this need confirming again
  std::string today;        ///< YYYY-MM-DD; the age is counted up to this day
};

/// Problems with the answers written in `path` (a lambdafit.yaml or an answers file), as
/// diagnostics at the offending node: errors for answers that cannot be read, warnings for
/// answers that need a person's attention. `scanned`, when given, is an assessment that used
/// these answers; answers it found contradicted by code evidence are reported with that
/// evidence as notes. An empty result means every answer is fine.
std::vector<Diagnostic> check_answers(const detail::RulePackData& pack, const std::string& path,
                                      const Assessment* scanned, const CheckOptions& options);

}  // namespace lambdafit
