// Criteria statuses per platform, the verdict and score, and the open questions that could
// change the verdict (found by trying the answers each question could get).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "rulepack/model.hpp"

namespace lambdafit {

/// What the platforms of one assessment share: the table the facts' evidence refers to, and
/// each criterion's evidence once computed (the same on every platform).
struct CriterionEvidence {
  /// The facts' table; items merged across facts are appended to it (facts refer by index).
  std::shared_ptr<EvidenceTable> table;
  std::map<std::string, EvidenceRefs> by_criterion;
};

/// Evaluates every criterion against the facts on one platform and scores the result. With
/// `shared` (whose table the facts refer to), criteria refer to that table and every platform
/// shares their lists; without it, criteria get tables of their own.
PlatformResult evaluate_platform(const detail::RulePackData& pack, const std::vector<Fact>& facts,
                                 const PlatformSpec& platform, CriterionEvidence* shared = nullptr);

/// A score and the range it could land in once every open question is answered.
struct ScoreRange {
  int score = 0;  ///< what is known: unknown criteria neither cost nor earn points
  int low = 0;    ///< every unknown criterion applies (unknown strengths do not)
  int high = 0;   ///< no unknown criterion applies (unknown strengths do)
};

/// Scores (effective kind, status) pairs, strengths included. Each figure is 100 minus the
/// penalties plus the strength bonuses, capped by the band of the verdict class its own
/// assumption gives (classify). The band is never the `undetermined` one: capping by the
/// verdict actually shown made the score drop when an answer settled an undetermined
/// verdict. So the score is monotone: an answer that turns an unknown criterion clear (or
/// an unknown strength applying) never lowers it, and low <= score <= high.
ScoreRange score_statuses(const std::vector<std::pair<CriterionKind, Status>>& statuses,
                          const ScoringSpec& scoring);

/// A fact's declared bounds in words with their places: "declared up to 4096 MB
/// (deploy/worker.yaml:13)"; empty when it has none.
std::string bound_words(const Fact& f);

/// The verdict class for a set of (effective kind, status) pairs, taking unknown statuses as
/// `unknown_as` (clear for the optimistic view, applies for the pessimistic one).
Verdict classify(const std::vector<std::pair<CriterionKind, Status>>& statuses,
                 const ScoringSpec& scoring, Status unknown_as);

}  // namespace lambdafit
