// The JSON request: what `lambdafit assess --request -` reads and what the C API takes.
// Schema: docs/schemas/request.schema.json.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "lambdafit/lambdafit.hpp"

namespace lambdafit {

struct Request {
  AssessOptions options;  ///< path, name, platforms, answers, build_dir, jobs
  Format format = Format::json;       ///< the first (or only) format
  std::vector<std::string> formats;   ///< every format asked for, by name; empty = json
  /// Where each answer was given in the request text (and that line), for error messages.
  std::map<std::string, std::pair<SourceLocation, std::string>> answer_at;
};

/// Parses a request. `source` names it in messages ("<stdin>", a file name). Errors carry
/// line:col for JSON syntax errors and for misplaced keys (the key's first occurrence).
Result<Request> parse_request(std::string_view text, std::string_view source = "<request>") noexcept;

/// Assesses the request's workload with `pack` and renders the requested format: that report
/// itself for one format, or for several one JSON object {"reports": {"json": {…}, "md": "…"}}
/// (the JSON report as an object, the others as text), all from one assessment. Set
/// `request.options.on_progress` and `.cancel` before the call to follow or stop it.
Result<std::string> run_request(const RulePack& pack, const Request& request) noexcept;

}  // namespace lambdafit
