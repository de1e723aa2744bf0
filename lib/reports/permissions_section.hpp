// The permissions section of the text and Markdown reports (lib/permissions computes it).
#pragma once

#include <string>
#include <vector>

#include "lambdafit/lambdafit.hpp"

namespace lambdafit {

/// Nothing when the permissions were not analyzed.
std::string permissions_text(const Assessment& a, int width, const std::string& title);
std::string permissions_markdown(const Assessment& a);
/// `<section id="permissions">`: per function its narrow policy, the over-grant ratio, unused
/// actions, wildcards and what is used but not granted.
std::string permissions_html(const Assessment& a);

/// Over-grant findings for SARIF: wildcards at the grant, unused grants and actions not
/// granted at the function in its template. Only functions whose grants are known.
struct PermissionFinding {
  std::string rule;  ///< permissions-wildcard, permissions-over-grant, permissions-not-granted
  std::string message;
  SourceLocation where;
};
std::vector<PermissionFinding> permission_findings(const Assessment& a);

}  // namespace lambdafit
