#include "reports/permissions_section.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "reports/html_util.hpp"
#include "reports/markdown_report.hpp"
#include "reports/text_report.hpp"

namespace lambdafit {
namespace {

using permissions::first_few;

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
    for (std::size_t i = 0; i < f.not_granted.size() && i < 6; ++i) {
      const auto& n = f.not_granted[i];
      std::vector<std::string> calls;
      for (const auto& c : n.calls) calls.push_back(place(c));
      out.push_back(fmt::format("  {} on {} at {}{}", first_few(n.actions), first_few(n.resources), first_few(calls, 3),
                                n.notes.empty() ? "" : "; " + n.notes.front()));
    }
    if (f.not_granted.size() > 6) out.push_back(fmt::format("  … {} more not granted", f.not_granted.size() - 6));
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
    for (const auto& n : f.not_granted) {
      std::vector<std::string> calls;
      for (const auto& c : n.calls) calls.push_back(place(c));
      out += "- " + md_text(fmt::format("{}: {} on {} is not granted (at {}){}", f.name, first_few(n.actions), first_few(n.resources),
                                        first_few(calls, 3), n.notes.empty() ? "" : "; " + n.notes.front())) + "\n";
    }
  for (const auto& f : p.functions)
    for (const auto& n : f.notes) out += "- " + md_text(f.name + ": " + n) + "\n";
  for (const auto& n : p.notes) out += "- not resolved: " + md_text(n) + "\n";
  if (!p.notes.empty() ||
      std::any_of(p.functions.begin(), p.functions.end(), [](const auto& f) { return !f.notes.empty() || !f.not_granted.empty(); }))
    out += "\n";
  return out;
}

namespace {

std::string codes(const std::vector<std::string>& v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + fmt::format("<code>{}</code>", html_escape(v[i]));
  return out;
}

std::string chip(const char* cls, const std::string& text) {
  return fmt::format("<span class=\"st {}\">{}</span>", cls, html_escape(text));
}

void function_html(std::string& out, const FunctionPermissions& f) {
  const bool findings = f.grants_known && (!f.unused.empty() || !f.wildcards.empty() || !f.missing.empty());
  std::string chips;
  if (!f.grants_known) chips += chip("st-unknown", "grants not known");
  if (f.grants_known && !f.missing.empty()) chips += " " + chip("st-applies", fmt::format("{} not granted", f.missing.size()));
  if (f.grants_known && !f.unused.empty())
    chips += " " + chip("st-applies k-concern", fmt::format("{:.1f}x over-grant", f.over_grant_ratio));
  if (f.grants_known && !f.wildcards.empty())
    chips += " " + chip("st-applies k-concern", fmt::format("{} wildcard(s)", f.wildcards.size()));
  if (f.grants_known && !findings) chips += " " + chip("st-clear", "least privilege");
  out += fmt::format("<details class=\"perm-fn\" data-function=\"{}\"{}><summary>{} <code class=\"id\">{}</code>{}</summary>\n",
                     html_escape(f.name), findings ? " open" : "", chips, html_escape(f.name),
                     f.where.file.empty() ? std::string()
                                          : fmt::format(" <span class=\"muted\">{}</span>", html_escape(place(f.where))));
  // The narrow policy, one row per statement, each with the calls that need it.
  if (f.policy.empty()) {
    out += "<p class=\"muted\">No AWS SDK call found in the files its handler reaches.</p>\n";
  } else {
    out += "<div class=\"scroll\"><table class=\"perm-policy\"><thead><tr><th>Actions</th><th>Resources</th>"
           "<th>Needed by</th></tr></thead><tbody>\n";
    for (const auto& st : f.policy) {
      std::vector<std::string> calls;
      for (const auto& c : st.calls) calls.push_back(place(c));
      std::string notes;
      for (const auto& n : st.notes) notes += fmt::format("<br><span class=\"muted\">{}</span>", html_escape(n));
      out += fmt::format("<tr><td class=\"perm-actions\">{}</td><td class=\"perm-resources\">{}{}</td><td>{}</td></tr>\n",
                         codes(st.actions), codes(st.resources), notes, codes(calls));
    }
    out += "</tbody></table></div>\n";
  }
  if (!f.grants_known) {
    out += "<p class=\"muted\">What it is granted is not known from a template, so nothing is compared.</p>\n";
  } else {
    out += fmt::format("<p class=\"perm-ratio\" data-ratio=\"{:.1f}\" data-granted=\"{}\">Granted {} action(s), "
                       "<b>{:.1f}x</b> the {} its code uses.</p>\n",
                       f.over_grant_ratio, f.granted_actions, f.granted_actions, f.over_grant_ratio, f.used_actions.size());
    if (!f.missing.empty()) {
      out += fmt::format("<div class=\"lean\"><p class=\"perm-missing\"><b>Used but not granted</b> (AccessDenied at run time): "
                         "{}</p><ul class=\"notes perm-not-granted\">\n", codes(f.missing));
      for (const auto& n : f.not_granted) {
        std::vector<std::string> calls;
        for (const auto& c : n.calls) calls.push_back(place(c));
        out += fmt::format("<li>{} on {} <span class=\"muted\">at {}{}</span></li>\n", codes(n.actions), codes(n.resources),
                           html_escape(fmt::format("{}", fmt::join(calls, ", "))),
                           n.notes.empty() ? std::string() : "; " + html_escape(fmt::format("{}", fmt::join(n.notes, "; "))));
      }
      out += "</ul></div>\n";
    }
    if (!f.wildcards.empty()) {
      out += "<p><b>Wildcards</b></p><ul class=\"notes perm-wildcards\">\n";
      for (const auto& w : f.wildcards)
        out += fmt::format("<li data-action=\"{0}\" data-resource=\"{1}\"><code>{0}</code> on <code>{1}</code> "
                           "<span class=\"muted\">({2}, {3})</span></li>\n",
                           html_escape(w.action), html_escape(w.resource), html_escape(w.source), html_escape(place(w.where)));
      out += "</ul>\n";
    }
    if (!f.unused.empty())
      out += fmt::format("<details class=\"perm-unused\" data-count=\"{}\"><summary>{} granted action(s) never used"
                         "</summary><ul class=\"notes\"><li>{}</li></ul></details>\n",
                         f.unused.size(), f.unused.size(), codes(f.unused));
  }
  if (!f.notes.empty()) {
    out += "<ul class=\"notes\">\n";
    for (const auto& n : f.notes) out += "<li>" + html_escape(n) + "</li>\n";
    out += "</ul>\n";
  }
  out += "</details>\n";
}

}  // namespace

std::string permissions_html(const Assessment& a) {
  const auto& p = a.permissions;
  if (!p.analyzed) return {};
  std::string out = "<section id=\"permissions\"><h2>Permissions</h2>\n";
  out += fmt::format("<p class=\"muted\">Least privilege from the code's AWS SDK calls; IAM data from {}. "
                     "<code>lambdafit permissions PATH --format sam</code> prints the narrow policy.</p>\n",
                     html_escape(p.data_as_of));
  for (const auto& f : p.functions) function_html(out, f);
  if (!p.notes.empty()) {
    out += fmt::format("<details class=\"perm-notes\"><summary>{} call(s) or file(s) not resolved</summary>"
                       "<ul class=\"notes\">\n", p.notes.size());
    for (const auto& n : p.notes) out += "<li>" + html_escape(n) + "</li>\n";
    out += "</ul></details>\n";
  }
  return out + "</section>\n";
}

std::vector<permissions::PermissionFinding> permission_findings(const Assessment& a) {
  return permissions::permission_findings(a.permissions);
}

}  // namespace lambdafit
