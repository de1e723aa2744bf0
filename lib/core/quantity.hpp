// Numbers with units: "300 s", "7m", "1.5 GB", "1536 MB" all mean what they say.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "lambdafit/lambdafit.hpp"

namespace lambdafit {

/// Parses a number with an optional unit into the dimension's canonical unit (s, MB).
/// A bare number is taken in the canonical unit. On failure returns nullopt and sets `error`.
std::optional<Quantity> parse_quantity(std::string_view text, Dimension expected,
                                       std::string* error = nullptr);

/// "s", "MB" or "" for a dimension.
std::string_view canonical_unit(Dimension d) noexcept;

/// The dimension named by a canonical unit in rule files ("s", "MB", ""), if any.
std::optional<Dimension> dimension_from_unit(std::string_view unit) noexcept;

/// Formats a double without trailing zeros: 300, 1.5, 0.25.
std::string format_number(double v);

}  // namespace lambdafit
