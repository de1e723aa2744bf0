// SARIF 2.1.0: one run, rules from the rule pack's detectors, one result per evidence item.
#pragma once

#include <string>
#include <string_view>

#include "lambdafit/lambdafit.hpp"

namespace lambdafit {

/// The SARIF log as text. `pack` supplies the rule metadata; without it rules are built from
/// the evidence alone (id and message only).
std::string render_sarif(const Assessment& a, const RulePack* pack);

/// Stable fingerprint of a finding: detector, path, the whitespace-normalized source line and
/// the occurrence index among identical lines of that file. Line numbers are not part of it,
/// so the fingerprint survives edits that move the line.
std::string finding_fingerprint(std::string_view detector, std::string_view path,
                                std::string_view snippet, std::size_t occurrence);

/// The source line with runs of blanks collapsed and ends trimmed.
std::string normalize_source_line(std::string_view s);

}  // namespace lambdafit
