// Where and why nlohmann::json refused a text, as a diagnostic a user can act on.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "lambdafit/lambdafit.hpp"

namespace lambdafit {

/// An error diagnostic for `e`, thrown while parsing `text` read from `source`: the message is
/// `what` followed by nlohmann's reason in lower case, placed at the byte where parsing
/// stopped (a syntax error) or at the offending number (a number too large for a double),
/// with that line quoted. Every json::exception is accepted, so a caller that catches the
/// base class never lets one escape.
Diagnostic json_error(const nlohmann::json::exception& e, std::string_view text, std::string_view source,
                      std::string_view what);

}  // namespace lambdafit
