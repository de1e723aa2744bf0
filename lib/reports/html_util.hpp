// Pieces shared by the HTML reports: escaping, the page frame with its inline style sheet,
// and verdict badges. Pages load nothing: a Content-Security-Policy forbids scripts and fetches.
#pragma once

#include <string>
#include <string_view>

#include "lambdafit/lambdafit.hpp"

namespace lambdafit {

/// Text safe in HTML content and attribute values (also inside SVG); control characters and
/// invalid UTF-8 are replaced first.
std::string html_escape(std::string_view s);

/// `<!DOCTYPE html>` through `<body>`, with the style sheet inline.
std::string html_page_start(std::string_view title);
std::string html_page_end();

/// A colored pill with the verdict name; `id` is optional.
std::string verdict_badge(Verdict v, std::string_view id = {});

/// CSS class suffix of a verdict: "good-fit", …
std::string verdict_class(Verdict v);

/// Fill color of a verdict in charts.
const char* verdict_color(Verdict v);

}  // namespace lambdafit
