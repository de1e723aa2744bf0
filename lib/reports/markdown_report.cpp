#include "reports/markdown_report.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "core/limit_label.hpp"
#include "reports/coverage.hpp"
#include "reports/permissions_section.hpp"
#include "reports/report_util.hpp"
#include "scoring/evaluate.hpp"

namespace lambdafit {

namespace {

constexpr std::size_t kEvidencePerCriterion = 20;

std::size_t longest_backtick_run(std::string_view s) {
  std::size_t best = 0, run = 0;
  for (char c : s) {
    run = c == '`' ? run + 1 : 0;
    best = std::max(best, run);
  }
  return best;
}

std::string language_of(std::string_view path) {
  static const std::map<std::string, std::string, std::less<>> kByExt = {
      {"py", "python"}, {"c", "c"},       {"h", "c"},          {"cc", "cpp"},   {"cpp", "cpp"},
      {"cxx", "cpp"},   {"hpp", "cpp"},   {"hh", "cpp"},       {"cu", "cuda"},  {"sh", "sh"},
      {"bash", "bash"}, {"yaml", "yaml"}, {"yml", "yaml"},     {"json", "json"}, {"js", "javascript"},
      {"ts", "typescript"}, {"go", "go"}, {"rs", "rust"},      {"java", "java"}, {"rb", "ruby"},
      {"ps1", "powershell"}, {"tf", "hcl"}, {"conf", "ini"},   {"ini", "ini"},  {"service", "ini"},
      {"toml", "toml"}};
  const auto slash = path.rfind('/');
  const auto name = path.substr(slash == std::string_view::npos ? 0 : slash + 1);
  const auto dot = name.rfind('.');
  if (name == "Makefile") return "make";
  if (name == "Dockerfile") return "dockerfile";
  if (dot == std::string_view::npos) return "";
  auto it = kByExt.find(name.substr(dot + 1));
  return it == kByExt.end() ? "" : it->second;
}

std::string status_cell(const PlatformResult& p, const CriterionResult& c) {
  if (c.status == Status::applies)
    return is_blocking(p, c.id) ? "**applies** (blocking)" : "**applies**";
  return std::string(to_string(c.status));
}

// The reason in words, then the facts it read with where each value came from, and how much
// evidence stands behind it.
std::string why_cell(const CriterionResult& c, const std::map<std::string, const Fact*>& facts) {
  std::vector<std::string> parts;
  if (!c.reason.empty()) parts.push_back(md_text(c.reason));
  std::vector<std::string> fs;
  for (const auto& id : c.facts) {
    auto it = facts.find(id);
    if (it == facts.end()) continue;
    const Fact& f = *it->second;
    // Evidence is counted in its own column, so only answers add to the plain provenance.
    // Declared bounds and a settling descriptor line are shown with the value.
    std::string from = f.answer ? fact_origin(f, /*with_note=*/false) : std::string(to_string(f.provenance));
    if (!f.answer && !f.settled_by.empty()) from = f.settled_by;
    else if (!f.answer && (f.lower || f.upper)) from = bound_words(f) + "; " + from;
    fs.push_back(fmt::format("{} = {} ({})", md_code(id), md_text(value_to_string(f.value)), md_text(from)));
  }
  if (!fs.empty()) parts.push_back("facts: " + fmt::format("{}", fmt::join(fs, ", ")));
  std::string counts = fmt::format("evidence: {}", c.evidence.size());
  if (!c.answers.empty()) counts += fmt::format(", answers: {}", c.answers.size());
  if (!c.contradictions.empty()) counts += fmt::format(", contradictions: {}", c.contradictions.size());
  parts.push_back(counts);
  return fmt::format("{}", fmt::join(parts, "<br>"));
}

void platform_table(std::string& out, const Assessment& a) {
  out += "## Platform comparison\n\n";
  out += "| Platform | Verdict | Score | Confidence | Blocking |\n";
  out += "|---|---|--:|--:|---|\n";
  for (const auto& p : a.platforms) {
    std::vector<std::string> blocking;
    for (const auto& b : p.blocking) blocking.push_back(md_code(b));
    out += fmt::format("| {} ({}) | **{}** | {} | {} | {} |\n", md_text(p.name), md_code(p.platform),
                       to_string(p.verdict), score_text(p), percent(p.confidence),
                       blocking.empty() ? "—" : fmt::format("{}", fmt::join(blocking, ", ")));
  }
  out += "\n";
}

// One row per limit in words, one column per platform, values with their units.
void limits_table(std::string& out, const Assessment& a) {
  std::vector<std::string> keys;
  for (const auto& p : a.platforms)
    for (const auto& [k, v] : p.limits)
      if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
  if (keys.empty()) return;
  out += a.platforms.size() > 1 ? "## Platform limits\n\n| Limit |" : "## Platform limits\n\n| Limit |";
  for (const auto& p : a.platforms) out += fmt::format(" {} |", md_text(p.name));
  out += "\n|---|";
  for (std::size_t i = 0; i < a.platforms.size(); ++i) out += "---|";
  out += "\n";
  const auto& titles = a.primary().limit_titles;
  for (const auto& k : limit_display_order(titles, keys)) {
    out += fmt::format("| {} |", md_text(limit_label(titles, k)));
    for (const auto& p : a.platforms) {
      auto it = p.limits.find(k);
      out += fmt::format(" {} |", it == p.limits.end() ? "—" : md_text(limit_value_text(it->second)));
    }
    out += "\n";
  }
  out += "\n";
}

void evidence_item(std::string& out, const Evidence& e, bool with_role = false) {
  out += fmt::format("- {}{} — {} ({})\n", md_code(where(e)), with_role ? fmt::format(" ({})", to_string(e.role)) : "",
                     md_text(e.message.empty() ? e.fact : e.message), md_code(detector_list(e)));
  if (e.line > 0 && !trim(e.snippet).empty()) {
    std::string block = md_code_block(printable(e.snippet), language_of(e.path));
    // Indent the block so it belongs to the list item.
    std::string indented;
    std::size_t start = 0;
    while (start < block.size()) {
      const auto nl = block.find('\n', start);
      indented += "  " + block.substr(start, nl - start + 1);
      start = nl + 1;
    }
    out += "\n" + indented + "\n";
  }
}

}  // namespace

std::string md_text(std::string_view s) {
  std::string out;
  for (char c : printable(s)) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '#': case '~':
      case '!': case '{': case '}':
        out += '\\';
        out += c;
        break;
      default: out += c;
    }
  }
  return out;
}

std::string md_code(std::string_view s) {
  std::string body = printable(s);
  std::string escaped;
  for (char c : body) {
    if (c == '|') escaped += "\\|";  // GFM splits table cells on '|' even inside code spans
    else escaped += c;
  }
  const std::string fence(longest_backtick_run(body) + 1, '`');
  const bool pad = !escaped.empty() && (escaped.front() == '`' || escaped.back() == '`');
  return fence + (pad ? " " : "") + escaped + (pad ? " " : "") + fence;
}

std::string md_code_block(std::string_view s, std::string_view language) {
  const std::string fence(std::max<std::size_t>(3, longest_backtick_run(s) + 1), '`');
  std::string body(s);
  if (body.empty() || body.back() != '\n') body += '\n';
  return fmt::format("{}{}\n{}{}\n", fence, language, body, fence);
}

// Up to kEvidencePerCriterion places spread across files, then how many more there are.
template <class List>
void evidence_list(std::string& out, const List& ev, bool with_role) {
  const auto shown = spread_across_files(ev, kEvidencePerCriterion);
  for (const Evidence* e : shown) evidence_item(out, *e, with_role);
  if (ev.size() > shown.size())
    out += fmt::format("- … and {} more (see the JSON or SARIF report)\n", ev.size() - shown.size());
}

// Evidence from files whose role does not count (tests, examples, tooling, …).
void not_counted_section(std::string& out, const ScanSummary& s) {
  if (s.not_counted.empty()) return;
  out += "## Not counted\n\n" + md_text(not_counted_heading(s)) + ".\n\n";
  evidence_list(out, s.not_counted, true);
  out += "\n";
}

std::string render_markdown(const Assessment& a, const RenderOptions& opts) {
  const auto& p = a.primary();
  std::map<std::string, const Fact*> facts;
  for (const auto& f : a.facts) facts[f.id] = &f;
  const auto g = group_criteria(p);
  std::string out;

  out += fmt::format("# lambdafit report: {}\n\n", md_text(a.workload_name));
  out += fmt::format("**Verdict: {}** · score **{}**/100 · confidence **{}**\n\n", to_string(p.verdict), score_text(p),
                     percent(p.confidence));
  out += fmt::format("Platform {} ({}), limits as of {} · workload {} · {} {}\n\n", md_text(p.name),
                     md_code(p.platform), md_text(p.as_of), md_code(a.workload_path), md_text(a.tool_name),
                     md_text(a.tool_version));
  if (p.verdict == Verdict::undetermined)
    out += fmt::format("> Too much is still unknown: the verdict could be anything from **{}** to **{}**. "
                       "Answer the open questions below to settle it.\n\n",
                       to_string(p.optimistic), to_string(p.pessimistic));
  else if (p.optimistic != p.pessimistic)
    out += fmt::format("> Leaning on what is known; unanswered questions could still make it **{}**.\n\n",
                       to_string(p.pessimistic));
  if (!p.blocking.empty()) {
    std::vector<std::string> ids;
    for (const auto& b : p.blocking) ids.push_back(md_code(b));
    out += fmt::format("Blocking: {}\n\n", fmt::join(ids, ", "));
  }

  if (a.platforms.size() > 1) platform_table(out, a);

  out += "## Checklist\n\n| Criterion | Kind | Status | Why |\n|---|---|---|---|\n";
  std::vector<const CriterionResult*> rows;
  for (const auto* list : {&g.blocking, &g.applies, &g.unknown, &g.clear}) rows.insert(rows.end(), list->begin(), list->end());
  for (const auto& c : p.criteria)
    if (c.kind == CriterionKind::strength) rows.push_back(&c);
  for (const auto* c : rows)
    out += fmt::format("| {} {} | {} | {} | {} |\n", md_code(c->id), md_text(c->title), to_string(c->kind),
                       status_cell(p, *c), why_cell(*c, facts));
  out += "\n";

  bool any_evidence = false;
  for (const auto* c : rows) {
    if (c->evidence.empty()) continue;
    if (!any_evidence) out += "## Evidence\n\n";
    any_evidence = true;
    out += fmt::format("### {} {} ({})\n\n", md_code(c->id), md_text(c->title), to_string(c->status));
    evidence_list(out, c->evidence, false);
    out += "\n";
  }
  not_counted_section(out, a.scan);

  if (!p.open_questions.empty()) {
    out += "## Open questions\n\n";
    int n = 0;
    for (const auto& q : p.open_questions) {
      std::vector<std::string> crit;
      for (const auto& c : q.criteria) crit.push_back(md_code(c));
      out += fmt::format("{}. {} (fact {}", ++n, md_text(q.prompt), md_code(q.fact));
      if (!crit.empty()) out += fmt::format("; read by {}", fmt::join(crit, ", "));
      out += ")";
      if (q.would_change_verdict_to)
        out += fmt::format(" — answering **{}** would make the verdict **{}**", md_text(q.if_answer),
                           to_string(*q.would_change_verdict_to));
      out += "\n";
    }
    out += "\n";
  }

  std::vector<const Fact*> contradicted;
  for (const auto& f : a.facts)
    if (f.contradiction) contradicted.push_back(&f);
  if (!contradicted.empty()) {
    out += "## Contradictions\n\nAnswers win over scan results; these answers disagree with what the scan found.\n\n";
    for (const auto* f : contradicted) {
      const auto& c = *f->contradiction;
      out += fmt::format("- {}: answered {}, scan found {} ({} evidence item(s)). {}\n", md_code(f->id),
                         md_text(value_to_string(c.answer)), md_text(value_to_string(c.scanned)), c.evidence_count,
                         md_text(c.message));
    }
    out += "\n";
  }

  if (!g.blocking.empty() || !g.applies.empty()) {
    out += "## Advice\n\n";
    for (const auto* list : {&g.blocking, &g.applies})
      for (const auto* c : *list)
        if (!c->advice.empty()) out += fmt::format("- {} {}: {}\n", md_code(c->id), md_text(c->title), md_text(c->advice));
    out += "\n";
  }

  if (!g.strengths.empty()) {
    out += "## Strengths\n\n";
    for (const auto* c : g.strengths) {
      out += fmt::format("- {} {}{}", md_code(c->id), md_text(c->title), c->needs_change ? " (once changed)" : "");
      if (!c->advice.empty()) out += fmt::format(" — {}", md_text(c->advice));
      out += "\n";
    }
    out += "\n";
  }

  if (!a.scheduled_jobs.empty()) {
    out += "## Scheduled jobs\n\n| Where | Schedule | Command | Function candidate | Why |\n|---|---|---|---|---|\n";
    for (const auto& j : a.scheduled_jobs)
      out += fmt::format("| {} | {} | {} | {} | {} |\n", md_code(fmt::format("{}:{}", j.path, j.line)),
                         md_code(j.schedule), md_code(j.command), j.candidate ? "yes" : "no",
                         md_text(fmt::format("{}", fmt::join(j.reasons, "; "))));
    out += "\n";
  }

  limits_table(out, a);
  out += permissions_markdown(a);

  const auto& s = a.scan;
  out += "## Scan coverage\n\n";
  out += fmt::format("- {} files, {} translation units ({} parsed cleanly, {} with errors, {} failed{}){}, {} ms\n",
                     s.files, s.translation_units, s.tu_ok, s.tu_errors, s.parse_failures, reused_text(s), reused_files_text(s), s.duration_ms);
  if (!s.roles.empty()) out += "- roles: " + md_text(role_counts(s)) + "\n";
  if (const auto d = deployed_by_text(s); !d.empty()) out += "- deployed by deployment files: " + md_text(d) + "\n";
  for (const auto& grp : group_coverage(s, a.workload_path)) {
    out += "- " + md_text(grp.summary) + "\n";
    if (opts.verbose && grp.items.size() > 1)
      for (const auto& item : grp.items) out += "  - " + md_text(item) + "\n";
  }
  if (!s.suppressed.empty()) {
    out += fmt::format("- {} finding(s) suppressed by lambdafit-ignore comments:\n", s.suppressed.size());
    for (const auto& e : s.suppressed)
      out += fmt::format("  - {} ({}){}\n", md_code(where(e)), md_code(e.detector),
                         e.suppression_reason.empty() ? "" : ": " + md_text(e.suppression_reason));
  }
  for (const auto& w : a.warnings) out += "- warning: " + md_text(one_line(w)) + "\n";
  return out;
}

}  // namespace lambdafit
