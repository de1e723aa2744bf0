// Criteria statuses per platform, the verdict and score, and the open questions that could
// change the verdict (found by trying the answers each question could get).
#pragma once

#include <vector>

#include "rulepack/model.hpp"

namespace lambdafit {

/// Evaluates every criterion against the facts on one platform and scores the result.
PlatformResult evaluate_platform(const detail::RulePackData& pack, const std::vector<Fact>& facts,
                                 const PlatformSpec& platform);

/// A fact's declared bounds in words with their places: "declared up to 4096 MB
/// (deploy/worker.yaml:13)"; empty when it has none.
std::string bound_words(const Fact& f);

/// The verdict class for a set of (effective kind, status) pairs, taking unknown statuses as
/// `unknown_as` (clear for the optimistic view, applies for the pessimistic one).
Verdict classify(const std::vector<std::pair<CriterionKind, Status>>& statuses,
                 const ScoringSpec& scoring, Status unknown_as);

}  // namespace lambdafit
