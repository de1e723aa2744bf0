#include "reports/permissions_section.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "reports/markdown_report.hpp"
#include "reports/text_report.hpp"

namespace lambdafit {
namespace {

std::string first_few(const std::vector<std::string>& v, std::size_t n = 6) {
  std::string out;
  for (std::size_t i = 0; i < v.size() && i < n; ++i) out += (i ? ", " : "") + v[i];
  if (v.size() > n) out += fmt::format(", … {} more", v.size() - n);
  return out;
}

std::string place(const SourceLocation& l) { return fmt::format("{}:{}:{}", l.file, l.line, l.column); }

/// The lines of one function, without markup.
std::vector<std::string> function_lines(const FunctionPermissions& f) {
  std::vector<std::string> out;
  out.push_back(f.used_actions.empty() ? std::string("no AWS SDK call found")
                                       : fmt::format("uses {} action(s): {}", f.used_actions.size(), first_few(f.used_actions, 12)));
  if (!f.grants_known) {
    out.push_back("what it is granted is not known from a template");
  } else {
    if (!f.unused.empty())
      out.push_back(fmt::format("over-grant: {} action(s) granted, {:.1f}x what the code uses; never used: {}",
                                f.granted_actions, f.over_grant_ratio, first_few(f.unused)));
    for (const auto& w : f.wildcards)
      out.push_back(fmt::format("wildcard: {} on {} ({}, {})", w.action, w.resource, w.source, place(w.where)));
    if (!f.missing.empty())
      out.push_back(fmt::format("not granted (AccessDenied at run time): {}", first_few(f.missing, 12)));
  }
  for (const auto& n : f.notes) out.push_back("note: " + n);
  return out;
}

}  // namespace

std::string permissions_text(const Assessment& a, int width, const std::string& title) {
  const auto& p = a.permissions;
  if (!p.analyzed) return {};
  std::string out = title + "\n";
  out += wrap(fmt::format("least privilege from the code's AWS SDK calls; IAM data from {}", p.data_as_of), width, 2, 2) + "\n";
  for (const auto& f : p.functions) {
    out += wrap(f.where.file.empty() ? f.name : fmt::format("{} ({})", f.name, place(f.where)), width, 4, 2) + "\n";
    for (const auto& l : function_lines(f)) out += wrap(l, width, 6, 4) + "\n";
  }
  if (!p.notes.empty()) out += wrap(fmt::format("{} call(s) or file(s) not resolved: {}", p.notes.size(), first_few(p.notes, 2)), width, 4, 2) + "\n";
  out += wrap("the narrow policy: lambdafit permissions PATH --format sam|json|terraform", width, 4, 2) + "\n\n";
  return out;
}

std::string permissions_markdown(const Assessment& a) {
  const auto& p = a.permissions;
  if (!p.analyzed) return {};
  std::string out = "## Permissions\n\n";
  out += md_text(fmt::format("Least privilege from the code's AWS SDK calls; IAM data from {}. "
                             "`lambdafit permissions PATH --format sam` prints the narrow policy.",
                             p.data_as_of)) + "\n\n";
  out += "| Function | Used | Granted | Over-grant | Wildcards | Not granted |\n|---|---|---|---|---|---|\n";
  for (const auto& f : p.functions) {
    std::vector<std::string> wild;
    for (const auto& w : f.wildcards) wild.push_back(fmt::format("{} on {} ({})", w.action, w.resource, w.source));
    out += fmt::format("| {} | {} | {} | {} | {} | {} |\n",
                       md_code(f.where.file.empty() ? f.name : fmt::format("{} ({})", f.name, place(f.where))),
                       f.used_actions.empty() ? "none" : md_text(first_few(f.used_actions, 12)),
                       f.grants_known ? std::to_string(f.granted_actions) : "not known",
                       f.grants_known ? fmt::format("{:.1f}x", f.over_grant_ratio) : "-",
                       wild.empty() ? "-" : md_text(first_few(wild, 4)),
                       f.missing.empty() ? "-" : md_text(first_few(f.missing, 12)));
  }
  out += "\n";
  for (const auto& f : p.functions)
    for (const auto& n : f.notes) out += "- " + md_text(f.name + ": " + n) + "\n";
  for (const auto& n : p.notes) out += "- not resolved: " + md_text(n) + "\n";
  if (!p.notes.empty() || std::any_of(p.functions.begin(), p.functions.end(), [](const auto& f) { return !f.notes.empty(); }))
    out += "\n";
  return out;
}

std::vector<PermissionFinding> permission_findings(const Assessment& a) {
  std::vector<PermissionFinding> out;
  for (const auto& f : a.permissions.functions) {
    if (!f.grants_known || f.where.file.empty()) continue;
    const std::string uses = f.used_actions.empty() ? "no AWS action" : first_few(f.used_actions, 8);
    for (const auto& w : f.wildcards)
      out.push_back({"permissions-wildcard",
                     fmt::format("{} is granted {} on {} ({}); its code uses {}", f.name, w.action, w.resource, w.source, uses),
                     w.where});
    if (!f.unused.empty())
      out.push_back({"permissions-over-grant",
                     fmt::format("{} is granted {} action(s), {:.1f}x what its code uses ({}); never used: {}", f.name,
                                 f.granted_actions, f.over_grant_ratio, uses, first_few(f.unused)),
                     f.where});
    for (const auto& m : f.missing)
      out.push_back({"permissions-not-granted",
                     fmt::format("{} calls AWS with {} but is not granted it (AccessDenied at run time)", f.name, m), f.where});
  }
  return out;
}

}  // namespace lambdafit
