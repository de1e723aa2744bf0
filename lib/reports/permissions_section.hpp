// The permissions section of the text and Markdown reports (lib/permissions computes it).
#pragma once

#include <string>
#include <vector>

#include "lambdafit/lambdafit.hpp"
#include "permissions/summary.hpp"

namespace lambdafit {

/// Nothing when the permissions were not analyzed.
std::string permissions_text(const Assessment& a, int width, const std::string& title);
std::string permissions_markdown(const Assessment& a);
/// `<section id="permissions">`: per function its narrow policy, the over-grant ratio, unused
/// actions, wildcards and what is used but not granted.
std::string permissions_html(const Assessment& a);

/// The permission findings SARIF reports (permissions::permission_findings): each at the line
/// that grants too much or the call that is not granted.
std::vector<permissions::PermissionFinding> permission_findings(const Assessment& a);

}  // namespace lambdafit
