// The HTML report: one self-contained page (inline CSS and SVG, no scripts, no fetches).
#pragma once

#include <string>

#include "lambdafit/lambdafit.hpp"

namespace lambdafit {

std::string render_html(const Assessment& a);

}  // namespace lambdafit
