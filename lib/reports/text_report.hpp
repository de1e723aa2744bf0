// The terminal report: verdict first, then what applies with evidence, open questions, advice.
#pragma once

#include <string>

#include "lambdafit/lambdafit.hpp"

namespace lambdafit {

std::string render_text(const Assessment& a, const RenderOptions& opts);

/// Wraps `text` to `width` columns; continuation lines start with `indent` spaces.
std::string wrap(std::string_view text, int width, int indent, int first_indent = -1);

}  // namespace lambdafit
