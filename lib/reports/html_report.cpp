#include "reports/html_report.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "reports/html_util.hpp"
#include "reports/report_util.hpp"

namespace lambdafit {

namespace {

constexpr std::size_t kEvidencePerCriterion = 25;

const char* status_color(const CriterionResult& c) {
  if (c.status == Status::unknown) return "#9aa5b1";
  if (c.status == Status::clear) return "#3a8f85";
  switch (c.kind) {
    case CriterionKind::limit: return "#c62828";
    case CriterionKind::strength: return "#2e7d32";
    default: return "#b26a00";
  }
}

std::string status_chip(const CriterionResult& c) {
  return fmt::format("<span class=\"st st-{} k-{}\">{}</span>", to_string(c.status), to_string(c.kind),
                     to_string(c.status));
}

// A donut showing the score out of 100.
std::string score_gauge(int score, Verdict v) {
  constexpr double kCirc = 2 * 3.14159265358979 * 26;
  const double filled = kCirc * std::clamp(score, 0, 100) / 100.0;
  return fmt::format(
      "<svg width=\"64\" height=\"64\" viewBox=\"0 0 64 64\" role=\"img\" aria-label=\"score {0} of 100\">"
      "<circle cx=\"32\" cy=\"32\" r=\"26\" fill=\"none\" stroke=\"#e3e8ec\" stroke-width=\"8\"/>"
      "<circle cx=\"32\" cy=\"32\" r=\"26\" fill=\"none\" stroke=\"{1}\" stroke-width=\"8\" "
      "stroke-dasharray=\"{2:.1f} {3:.1f}\" transform=\"rotate(-90 32 32)\"/>"
      "<text x=\"32\" y=\"37\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"700\" "
      "font-family=\"system-ui, sans-serif\" fill=\"#1d2329\">{0}</text></svg>",
      score, verdict_color(v), filled, kCirc - filled);
}

// The checklist as a dot chart: one row per criterion, one column per status.
std::string checklist_chart(const std::vector<const CriterionResult*>& rows) {
  constexpr int kRow = 22, kTop = 34, kLabel = 430, kCol = 110, kWidth = kLabel + 3 * kCol + 10;
  const int height = kTop + static_cast<int>(rows.size()) * kRow + 8;
  const Status cols[] = {Status::applies, Status::clear, Status::unknown};
  std::map<Status, int> counts;
  for (const auto* c : rows) ++counts[c->status];
  std::string svg = fmt::format(
      "<svg class=\"chart\" id=\"checklist-chart\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
      "role=\"img\" aria-label=\"checklist: {2} applies, {3} clear, {4} unknown\" "
      "font-family=\"system-ui, sans-serif\" font-size=\"13\">\n",
      kWidth, height, counts[Status::applies], counts[Status::clear], counts[Status::unknown]);
  for (int i = 0; i < 3; ++i)
    svg += fmt::format("<text x=\"{}\" y=\"20\" text-anchor=\"middle\" font-weight=\"700\" fill=\"#1d2329\">{} ({})</text>\n",
                       kLabel + i * kCol + kCol / 2, to_string(cols[i]), counts[cols[i]]);
  int y = kTop;
  for (const auto* c : rows) {
    const bool strength = c->kind == CriterionKind::strength;
    svg += fmt::format("<g class=\"row\" data-criterion=\"{}\" data-status=\"{}\">", html_escape(c->id),
                       to_string(c->status));
    if ((y - kTop) / kRow % 2 == 0)
      svg += fmt::format("<rect x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#f5f7f9\"/>", y, kWidth, kRow);
    svg += fmt::format("<text x=\"6\" y=\"{}\" fill=\"#1d2329\">{}{}</text>", y + 15, html_escape(c->id),
                       strength ? " (strength)" : "");
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#5b6670\" font-size=\"11\">{}</text>",
                       kLabel - 8, y + 15, to_string(c->kind));
    for (int i = 0; i < 3; ++i) {
      const int cx = kLabel + i * kCol + kCol / 2;
      if (c->status == cols[i])
        svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"14\" rx=\"7\" fill=\"{}\"/>", cx - 30,
                           y + 4, 60, status_color(*c));
      else
        svg += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"2\" fill=\"#c9d1d9\"/>", cx, y + 11);
    }
    svg += "</g>\n";
    y += kRow;
  }
  return svg + "</svg>\n";
}

void platform_differences(std::string& out, const Assessment& a);

void platform_table(std::string& out, const Assessment& a) {
  out += "<section id=\"platforms\"><h2>Platform comparison</h2>\n<table>\n<thead><tr><th>Platform</th><th>Verdict</th>"
         "<th>Score</th><th>Confidence</th><th>Blocking</th><th>Limits</th></tr></thead><tbody>\n";
  for (const auto& p : a.platforms) {
    // Timeout and memory decide most verdicts, so they stay visible; the rest fold away.
    std::string limits, more;
    for (const auto& [k, v] : p.limits) {
      (k == "timeout" || k == "memory" ? limits : more) += fmt::format("{}: {}<br>", html_escape(k), html_escape(v));
    }
    if (!more.empty())
      limits += fmt::format("<details class=\"limits\"><summary>all limits</summary>{}</details>", more);
    std::string blocking;
    for (const auto& b : p.blocking) blocking += fmt::format("<code>{}</code> ", html_escape(b));
    out += fmt::format(
        "<tr data-platform=\"{0}\"><td><b>{1}</b><br><span class=\"muted\">{0}, as of {2}</span></td><td>{3}</td>"
        "<td class=\"num\"><svg width=\"80\" height=\"10\" aria-hidden=\"true\"><rect width=\"80\" height=\"10\" "
        "fill=\"#e3e8ec\"/><rect width=\"{4}\" height=\"10\" fill=\"{5}\"/></svg> {6}</td><td class=\"num\">{7}</td>"
        "<td>{8}</td><td class=\"muted\">{9}</td></tr>\n",
        html_escape(p.platform), html_escape(p.name), html_escape(p.as_of), verdict_badge(p.verdict),
        std::clamp(p.score, 0, 100) * 80 / 100, verdict_color(p.verdict), score_text(p), percent(p.confidence),
        blocking.empty() ? "—" : blocking, limits);
  }
  out += "</tbody></table>\n";
  if (a.platforms.size() > 1) platform_differences(out, a);
  out += "</section>\n";
}

// Criteria whose status or kind differs between platforms, one column per platform.
void platform_differences(std::string& out, const Assessment& a) {
  std::vector<std::string> ids;
  for (const auto& c : a.primary().criteria) {
    for (const auto& p : a.platforms) {
      auto it = std::find_if(p.criteria.begin(), p.criteria.end(), [&](const auto& x) { return x.id == c.id; });
      if (it == p.criteria.end() || it->status != c.status || it->kind != c.kind) {
        ids.push_back(c.id);
        break;
      }
    }
  }
  out += "<h3>Where the platforms differ</h3>\n";
  if (ids.empty()) {
    out += "<p class=\"muted\">Every criterion has the same status on every platform.</p>\n";
    return;
  }
  out += "<table id=\"platform-differences\"><thead><tr><th>Criterion</th>";
  for (const auto& p : a.platforms) out += fmt::format("<th>{}</th>", html_escape(p.platform));
  out += "</tr></thead><tbody>\n";
  for (const auto& id : ids) {
    out += fmt::format("<tr><td><code>{}</code></td>", html_escape(id));
    for (const auto& p : a.platforms) {
      auto it = std::find_if(p.criteria.begin(), p.criteria.end(), [&](const auto& x) { return x.id == id; });
      if (it == p.criteria.end()) out += "<td class=\"muted\">—</td>";
      else out += fmt::format("<td>{} <span class=\"muted\">{}</span></td>", status_chip(*it), to_string(it->kind));
    }
    out += "</tr>\n";
  }
  out += "</tbody></table>\n";
}

void evidence_html(std::string& out, const Evidence& e, bool with_role = false) {
  out += fmt::format("<div class=\"ev\"><div class=\"where\"><code>{}</code>{} — {} <span class=\"muted\">[{}]</span></div>",
                     html_escape(where(e)),
                     with_role ? fmt::format(" <span class=\"role\">{}</span>", to_string(e.role)) : "",
                     html_escape(e.message.empty() ? e.fact : e.message), html_escape(detector_list(e)));
  if (e.line > 0)
    out += fmt::format("<pre class=\"snippet\"><span class=\"ln\">{}</span><code>{}</code></pre>", e.line,
                       html_escape(e.snippet));
  out += "</div>\n";
}

// Up to kEvidencePerCriterion places spread across files, then how many more there are.
void evidence_list_html(std::string& out, const std::vector<Evidence>& ev, bool with_role) {
  const auto shown = spread_across_files(ev, kEvidencePerCriterion);
  for (const Evidence* e : shown) evidence_html(out, *e, with_role);
  if (ev.size() > shown.size())
    out += fmt::format("<p class=\"muted\">… and {} more evidence item(s); the JSON and SARIF reports list them all.</p>\n",
                       ev.size() - shown.size());
}

// Evidence from files whose role does not count (tests, examples, tooling, …).
void not_counted_html(std::string& out, const ScanSummary& s) {
  if (s.not_counted.empty()) return;
  out += fmt::format("<section id=\"not-counted\"><h2>Not counted</h2>\n<p class=\"muted\">{}.</p>\n",
                     html_escape(not_counted_heading(s)));
  evidence_list_html(out, s.not_counted, true);
  out += "</section>\n";
}

void criterion_html(std::string& out, const PlatformResult& p, const CriterionResult& c,
                    const std::map<std::string, const Fact*>& facts) {
  const bool open = c.status == Status::applies;
  out += fmt::format("<details class=\"crit\" id=\"c-{0}\" data-status=\"{1}\"{2}><summary>{3} <code>{0}</code> {4} "
                     "<span class=\"muted\">({5}{6})</span></summary>\n",
                     html_escape(c.id), to_string(c.status), open ? " open" : "", status_chip(c),
                     html_escape(c.title), to_string(c.kind), is_blocking(p, c.id) ? ", blocking" : "");
  if (!c.reason.empty()) out += fmt::format("<p>{}</p>\n", html_escape(c.reason));
  if (!c.facts.empty()) {
    out += "<table><thead><tr><th>Fact</th><th>Value</th><th>From</th></tr></thead><tbody>";
    for (const auto& id : c.facts) {
      auto it = facts.find(id);
      if (it == facts.end()) continue;
      const Fact& f = *it->second;
      const std::string from = fact_origin(f);
      out += fmt::format("<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>", html_escape(id),
                         html_escape(value_to_string(f.value)), html_escape(from));
    }
    out += "</tbody></table>\n";
  }
  for (const auto& con : c.contradictions)
    out += fmt::format("<p class=\"lean\"><b>Contradiction</b> on <code>{}</code>: {}</p>\n", html_escape(con.fact),
                       html_escape(con.message));
  evidence_list_html(out, c.evidence, false);
  if (!c.advice.empty() && c.status != Status::clear)
    out += fmt::format("<p class=\"advice\"><b>Advice:</b> {}</p>\n", html_escape(c.advice));
  out += "</details>\n";
}

}  // namespace

std::string render_html(const Assessment& a) {
  const auto& p = a.primary();
  std::map<std::string, const Fact*> facts;
  for (const auto& f : a.facts) facts[f.id] = &f;
  const auto g = group_criteria(p);
  std::vector<const CriterionResult*> rows;
  for (const auto* list : {&g.blocking, &g.applies, &g.unknown, &g.clear}) rows.insert(rows.end(), list->begin(), list->end());
  for (const auto& c : p.criteria)
    if (c.kind == CriterionKind::strength) rows.push_back(&c);

  std::string out = html_page_start(fmt::format("lambdafit: {} — {}", a.workload_name, to_string(p.verdict)));
  out += fmt::format("<header>\n<h1>{}</h1>\n<div class=\"sub\">{} · {} {} · platform {} (<code>{}</code>, limits as of {})</div>\n",
                     html_escape(a.workload_name), html_escape(a.workload_path), html_escape(a.tool_name),
                     html_escape(a.tool_version), html_escape(p.name), html_escape(p.platform), html_escape(p.as_of));
  out += fmt::format("<div class=\"summary\"><span class=\"badge big v-{}\" id=\"verdict\">{}</span>"
                     "<div class=\"kpi\">{}<span>score<br><b>{}</b>/100</span></div>"
                     "<div class=\"kpi\"><span>confidence<br><b id=\"confidence\">{}</b></span></div>",
                     verdict_class(p.verdict), to_string(p.verdict), score_gauge(p.score, p.verdict), score_text(p),
                     percent(p.confidence));
  if (!p.blocking.empty()) {
    out += "<div><span class=\"muted\">blocking</span><br>";
    for (const auto& b : p.blocking) out += fmt::format("<code>{}</code> ", html_escape(b));
    out += "</div>";
  }
  out += "</div>\n";
  if (p.verdict == Verdict::undetermined)
    out += fmt::format("<p class=\"lean\">Too much is still unknown: the verdict could be anything from <b>{}</b> to <b>{}</b>. "
                       "Answer the open questions below to settle it.</p>\n",
                       to_string(p.optimistic), to_string(p.pessimistic));
  else if (p.optimistic != p.pessimistic)
    out += fmt::format("<p class=\"lean\">Leaning on what is known; unanswered questions could still make it <b>{}</b>.</p>\n",
                       to_string(p.pessimistic));
  out += "</header>\n";

  out += "<section id=\"checklist\"><h2>Checklist</h2>\n" + checklist_chart(rows) + "</section>\n";
  platform_table(out, a);

  out += "<section id=\"criteria\"><h2>Criteria</h2>\n";
  for (const auto* c : rows) criterion_html(out, p, *c, facts);
  out += "</section>\n";
  not_counted_html(out, a.scan);

  if (!p.open_questions.empty()) {
    out += "<section id=\"questions\"><h2>Open questions</h2>\n<ol>\n";
    for (const auto& q : p.open_questions) {
      out += fmt::format("<li>{} <span class=\"muted\">(fact <code>{}</code>)</span>", html_escape(q.prompt), html_escape(q.fact));
      if (q.would_change_verdict_to)
        out += fmt::format(" — answering <b>{}</b> would make it {}", html_escape(q.if_answer),
                           verdict_badge(*q.would_change_verdict_to));
      out += "</li>\n";
    }
    out += "</ol></section>\n";
  }

  std::string contradictions;
  for (const auto& f : a.facts)
    if (f.contradiction)
      contradictions += fmt::format("<li><code>{}</code>: answered <b>{}</b>, scan found <b>{}</b> — {}</li>\n",
                                    html_escape(f.id), html_escape(value_to_string(f.contradiction->answer)),
                                    html_escape(value_to_string(f.contradiction->scanned)),
                                    html_escape(f.contradiction->message));
  if (!contradictions.empty())
    out += "<section id=\"contradictions\"><h2>Contradictions</h2><p class=\"muted\">Answers win over scan results; "
           "these disagree with what the scan found.</p><ul>\n" + contradictions + "</ul></section>\n";

  if (!a.scheduled_jobs.empty()) {
    out += "<section id=\"jobs\"><h2>Scheduled jobs</h2><table><thead><tr><th>Where</th><th>Schedule</th><th>Command</th>"
           "<th>Function candidate</th><th>Why</th></tr></thead><tbody>\n";
    for (const auto& j : a.scheduled_jobs)
      out += fmt::format("<tr><td><code>{}:{}</code></td><td><code>{}</code></td><td><code>{}</code></td><td>{}</td><td>{}</td></tr>\n",
                         html_escape(j.path), j.line, html_escape(j.schedule), html_escape(j.command),
                         j.candidate ? "yes" : "no", html_escape(fmt::format("{}", fmt::join(j.reasons, "; "))));
    out += "</tbody></table></section>\n";
  }

  const auto& s = a.scan;
  out += "<section id=\"scan\"><h2>Scan coverage</h2>\n";
  out += fmt::format("<p>{} files, {} translation units ({} parsed cleanly, {} with errors, {} failed), {} ms.</p>\n",
                     s.files, s.translation_units, s.tu_ok, s.tu_errors, s.parse_failures, s.duration_ms);
  if (!s.roles.empty()) out += fmt::format("<p>Roles: {}.</p>\n", html_escape(role_counts(s)));
  if (!s.coverage_notes.empty() || !a.warnings.empty()) {
    out += fmt::format("<details open><summary>{} note(s)</summary><ul>\n", s.coverage_notes.size() + a.warnings.size());
    for (const auto& n : s.coverage_notes) out += "<li>" + html_escape(n) + "</li>\n";
    for (const auto& w : a.warnings) out += "<li>warning: " + html_escape(one_line(w)) + "</li>\n";
    out += "</ul></details>\n";
  }
  if (!s.suppressed.empty()) {
    out += fmt::format("<details><summary>{} finding(s) suppressed by lambdafit-ignore comments</summary>\n", s.suppressed.size());
    for (const auto& e : s.suppressed) {
      evidence_html(out, e);
      if (!e.suppression_reason.empty())
        out += fmt::format("<p class=\"muted\">reason: {}</p>\n", html_escape(e.suppression_reason));
    }
    out += "</details>\n";
  }
  out += "</section>\n";
  out += fmt::format("<footer>Generated by {} {}. Every finding links to a line of the scanned tree; the JSON and "
                     "SARIF reports carry the same data for tools.</footer>\n",
                     html_escape(a.tool_name), html_escape(a.tool_version));
  return out + html_page_end();
}

}  // namespace lambdafit
