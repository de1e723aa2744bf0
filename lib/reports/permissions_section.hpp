// The permissions section of the text and Markdown reports (lib/permissions computes it).
#pragma once

#include <string>

#include "lambdafit/lambdafit.hpp"

namespace lambdafit {

/// Nothing when the permissions were not analyzed.
std::string permissions_text(const Assessment& a, int width, const std::string& title);
std::string permissions_markdown(const Assessment& a);

}  // namespace lambdafit
