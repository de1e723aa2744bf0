// The JSON report: the embedding contract (docs/schemas/report.schema.json).
#pragma once

#include <nlohmann/json.hpp>

#include "lambdafit/lambdafit.hpp"

namespace lambdafit {

// 2: platform limits are {value, unit, text} objects instead of strings.
// 3: evidence is stored once, in the top-level `evidence` array; criteria and facts list
//    indices into it instead of copies (read_json_report reads 2 and 3).
inline constexpr int kReportSchemaVersion = 3;

/// A value as JSON: null, true/false, a number in the canonical unit, text, or a list.
nlohmann::json value_json(const Value& v);
nlohmann::json evidence_json(const Evidence& e);
nlohmann::json report_json(const Assessment& a);

}  // namespace lambdafit
