// The portfolio summary renderers (portfolio_render.cpp); loading and assessing are in
// portfolio.cpp. Public declarations live in lambdafit.hpp.
#pragma once

#include <string>
#include <vector>

#include "lambdafit/lambdafit.hpp"

namespace lambdafit {

inline constexpr int kPortfolioSchemaVersion = 1;

std::string portfolio_text(const std::vector<PortfolioEntry>& entries, const RenderOptions& opts);
std::string portfolio_markdown(const std::vector<PortfolioEntry>& entries);
std::string portfolio_html(const std::vector<PortfolioEntry>& entries);
std::string portfolio_csv(const std::vector<PortfolioEntry>& entries);
std::string portfolio_json(const std::vector<PortfolioEntry>& entries);

/// One CSV field per RFC 4180; a field that a spreadsheet would run as a formula (starting
/// with = + - @) gets a leading apostrophe.
std::string csv_field(std::string_view s);

}  // namespace lambdafit
