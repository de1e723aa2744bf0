// Turns scan results and answers into fact values with provenance.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "rulepack/model.hpp"

namespace lambdafit {

/// One Fact per fact in the pack, in pack order. Answers override the scan; a disagreement
/// between an answer and the scan's evidence is kept as a contradiction.
std::vector<Fact> resolve_facts(const detail::RulePackData& pack,
                                const std::vector<Evidence>& evidence,
                                const std::map<std::string, Value>& computed,
                                const std::map<std::string, Answer>& answers);

/// The same over a table built once for the assessment: each fact refers to its items of
/// `table` (the unsuppressed, counted ones) by index instead of copying them.
std::vector<Fact> resolve_facts_in_table(const detail::RulePackData& pack,
                                         std::shared_ptr<const EvidenceTable> table,
                                         const std::map<std::string, Value>& computed,
                                         const std::map<std::string, Answer>& answers);

/// When a fact tagged `function-deployment` has evidence, settles every still-open fact tagged
/// `host` as no (the function has no host of its own), naming the descriptor line; a host fact
/// the scan found true keeps its value and gets a contradiction.
void settle_host_facts(const detail::RulePackData& pack, std::vector<Fact>& facts);

/// fact id -> value, for condition evaluation.
std::map<std::string, Value> fact_values(const std::vector<Fact>& facts);

}  // namespace lambdafit
