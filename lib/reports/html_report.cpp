#include "reports/html_report.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "core/limit_label.hpp"
#include "reports/coverage.hpp"
#include "reports/html_util.hpp"
#include "reports/permissions_section.hpp"
#include "reports/report_util.hpp"
#include "reports/source_context.hpp"

namespace lambdafit {

namespace {

constexpr std::size_t kEvidencePerCriterion = 25;

// Strengths are present or absent; everything else applies, is clear or is unknown.
std::string status_word(const CriterionResult& c) {
  if (c.kind == CriterionKind::strength && c.status != Status::unknown)
    return c.status == Status::applies ? (c.needs_change ? "to-change" : "present") : "absent";
  return std::string(to_string(c.status));
}

std::string status_chip(const CriterionResult& c) {
  return fmt::format("<span class=\"st st-{} k-{}\">{}</span>", status_word(c), to_string(c.kind), status_word(c));
}

std::string id_code(std::string_view id) { return fmt::format("<code class=\"id\">{}</code>", html_escape(id)); }

// A ring showing the score out of 100; at 0 the track is drawn in the verdict's color, dashed,
// so the gauge reads as "nothing" rather than as a missing picture.
std::string score_gauge(int score, Verdict v) {
  constexpr double kCirc = 2 * 3.14159265358979 * 26;
  const int s = std::clamp(score, 0, 100);
  const double filled = kCirc * s / 100.0;
  const std::string track =
      s == 0 ? fmt::format("<circle class=\"track zero\" cx=\"32\" cy=\"32\" r=\"26\" fill=\"none\" stroke=\"{}\" "
                           "stroke-width=\"3\" stroke-dasharray=\"3 5\"/>",
                           verdict_color(v))
             : "<circle class=\"track\" cx=\"32\" cy=\"32\" r=\"26\" fill=\"none\" stroke=\"#e3e8ec\" stroke-width=\"8\"/>";
  const std::string arc =
      s == 0 ? std::string()
             : fmt::format("<circle cx=\"32\" cy=\"32\" r=\"26\" fill=\"none\" stroke=\"{}\" stroke-width=\"8\" "
                           "stroke-dasharray=\"{:.1f} {:.1f}\" transform=\"rotate(-90 32 32)\"/>",
                           verdict_color(v), filled, kCirc - filled);
  return fmt::format(
      "<svg class=\"gauge\" width=\"64\" height=\"64\" viewBox=\"0 0 64 64\" role=\"img\" aria-label=\"score {0} of 100\">"
      "{1}{2}<text x=\"32\" y=\"37\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"700\" "
      "font-family=\"system-ui, sans-serif\">{0}</text></svg>",
      s, track, arc);
}

const char* kind_heading(CriterionKind k) {
  switch (k) {
    case CriterionKind::limit: return "Limits";
    case CriterionKind::concern: return "Concerns";
    case CriterionKind::adaptation: return "Adaptations";
    case CriterionKind::strength: return "Strengths";
  }
  return "";
}

// One stacked bar per kind: a segment per criterion, grouped by status, titled by criterion
// title (the id is in the card the segment links to).
std::string checklist_chart(const PlatformResult& p) {
  std::string out = "<div class=\"kinds\" id=\"checklist-chart\" role=\"img\" aria-label=\"checklist by kind\">\n";
  for (auto kind : {CriterionKind::limit, CriterionKind::concern, CriterionKind::adaptation, CriterionKind::strength}) {
    std::vector<const CriterionResult*> list;
    for (const auto& c : p.criteria)
      if (c.kind == kind) list.push_back(&c);
    if (list.empty()) continue;
    std::stable_sort(list.begin(), list.end(), [](const auto* a, const auto* b) {
      auto rank = [](Status s) { return s == Status::applies ? 0 : s == Status::unknown ? 1 : 2; };
      return rank(a->status) < rank(b->status);
    });
    std::map<std::string, int> counts;
    std::string segs;
    for (const auto* c : list) {
      ++counts[status_word(*c)];
      segs += fmt::format("<a class=\"seg s-{2} k-{3}\" href=\"#c-{0}\" data-criterion=\"{0}\" data-status=\"{4}\" "
                          "title=\"{1}: {2}\"></a>",
                          html_escape(c->id), html_escape(c->title), status_word(*c), to_string(kind),
                          to_string(c->status));
    }
    const bool strength = kind == CriterionKind::strength;
    std::vector<std::string> parts;
    for (const char* w : strength ? std::vector<const char*>{"present", "to-change", "unknown", "absent"}
                                  : std::vector<const char*>{"applies", "unknown", "clear"})
      if (counts[w]) parts.push_back(fmt::format("<span class=\"n s-{0}\">{1} {0}</span>", w, counts[w]));
    out += fmt::format("<div class=\"kind\" data-kind=\"{}\"><span class=\"label\">{}</span><span class=\"bar\">{}</span>"
                       "<span class=\"counts\">{}</span></div>\n",
                       to_string(kind), kind_heading(kind), segs, fmt::join(parts, " · "));
  }
  out += "<div class=\"legend muted\"><span class=\"sw s-applies k-limit\"></span>limit applies "
         "<span class=\"sw s-applies k-concern\"></span>concern or adaptation applies "
         "<span class=\"sw s-unknown\"></span>unknown <span class=\"sw s-clear\"></span>clear "
         "<span class=\"sw s-present\"></span>strength present <span class=\"sw s-to-change\"></span>a strength once "
         "changed <span class=\"sw s-absent\"></span>absent</div>\n";
  return out + "</div>\n";
}

void platform_differences(std::string& out, const Assessment& a);

std::string limits_cell(const PlatformResult& p) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : p.limits) keys.push_back(k);
  std::string main, more;
  for (const auto& k : limit_display_order(p.limit_titles, keys)) {
    const std::string row =
        fmt::format("{}: {}<br>", html_escape(limit_label(p.limit_titles, k)), html_escape(limit_value_text(p.limits.at(k))));
    (k == "timeout" || k == "memory" ? main : more) += row;
  }
  if (!more.empty()) main += fmt::format("<details class=\"limits\"><summary>all limits</summary>{}</details>", more);
  return main;
}

void platform_table(std::string& out, const Assessment& a) {
  out += "<section id=\"platforms\"><h2>Platform comparison</h2>\n<div class=\"scroll\"><table>\n<thead><tr>"
         "<th>Platform</th><th>Verdict</th><th>Score</th><th>Confidence</th><th>Blocking</th><th>Limits</th></tr>"
         "</thead><tbody>\n";
  for (const auto& p : a.platforms) {
    std::string blocking;
    for (const auto& b : p.blocking) blocking += id_code(b) + " ";
    out += fmt::format(
        "<tr data-platform=\"{0}\"><td><b>{1}</b><br><code class=\"id\">{0}</code><span class=\"muted\">, as of {2}</span></td><td>{3}</td>"
        "<td class=\"num\">{4}</td><td class=\"num\">{5}</td><td>{6}</td><td class=\"muted\">{7}</td></tr>\n",
        html_escape(p.platform), html_escape(p.name), html_escape(p.as_of), verdict_badge(p.verdict), score_text(p),
        percent(p.confidence), blocking.empty() ? "—" : blocking, limits_cell(p));
  }
  out += "</tbody></table></div>\n";
  platform_differences(out, a);
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
  out += "<div class=\"scroll\"><table id=\"platform-differences\"><thead><tr><th>Criterion</th>";
  for (const auto& p : a.platforms) out += fmt::format("<th>{}</th>", id_code(p.platform));
  out += "</tr></thead><tbody>\n";
  for (const auto& id : ids) {
    out += fmt::format("<tr><td>{}</td>", id_code(id));
    for (const auto& p : a.platforms) {
      auto it = std::find_if(p.criteria.begin(), p.criteria.end(), [&](const auto& x) { return x.id == id; });
      if (it == p.criteria.end()) out += "<td class=\"muted\">—</td>";
      else out += fmt::format("<td>{} <span class=\"muted\">{}</span></td>", status_chip(*it), to_string(it->kind));
    }
    out += "</tr>\n";
  }
  out += "</tbody></table></div>\n";
}

void context_rows(std::string& out, const std::vector<ContextLine>& lines) {
  for (const auto& l : lines)
    out += fmt::format("<span class=\"ctx\"><span class=\"ln\">{}</span><code>{}</code></span>\n", l.number,
                       html_escape(l.text));
}

void evidence_html(std::string& out, const Evidence& e, SourceContext* ctx, bool with_role = false) {
  out += fmt::format("<div class=\"ev\"><div class=\"where\"><code>{}</code>{} — {} <span class=\"muted\">[{}]</span></div>",
                     html_escape(where(e)),
                     with_role ? fmt::format(" <span class=\"role\">{}</span>", to_string(e.role)) : "",
                     html_escape(e.message.empty() ? e.fact : e.message), html_escape(detector_list(e)));
  if (e.line > 0) {
    const auto around = ctx ? ctx->around(e) : std::nullopt;
    out += "<pre class=\"snippet\">";
    if (around) context_rows(out, around->first);
    out += fmt::format("<span class=\"hit\"><span class=\"ln\">{}</span><code>{}</code></span>\n", e.line,
                       html_escape(e.snippet));
    if (around) context_rows(out, around->second);
    out += "</pre>";
  }
  out += "</div>\n";
}

// Up to kEvidencePerCriterion places spread across files, then how many more there are.
template <class List>
void evidence_list_html(std::string& out, const List& ev, bool with_role,
                        SourceContext* ctx = nullptr) {
  const auto shown = spread_across_files(ev, kEvidencePerCriterion);
  for (const Evidence* e : shown) evidence_html(out, *e, ctx, with_role);
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
                    const std::map<std::string, const Fact*>& facts, SourceContext& ctx) {
  const bool open = c.status == Status::applies && c.kind != CriterionKind::strength;
  out += fmt::format("<details class=\"crit\" id=\"c-{0}\" data-status=\"{1}\"{2}><summary>{3} {4} {5} "
                     "<span class=\"muted\">({6}{7})</span></summary>\n",
                     html_escape(c.id), to_string(c.status), open ? " open" : "", status_chip(c),
                     html_escape(c.title), id_code(c.id), to_string(c.kind), is_blocking(p, c.id) ? ", blocking" : "");
  if (!c.reason.empty()) out += fmt::format("<p>{}</p>\n", html_escape(c.reason));
  if (!c.facts.empty()) {
    out += "<div class=\"scroll\"><table><thead><tr><th>Fact</th><th>Value</th><th>From</th></tr></thead><tbody>";
    for (const auto& id : c.facts) {
      auto it = facts.find(id);
      if (it == facts.end()) continue;
      const Fact& f = *it->second;
      out += fmt::format("<tr><td>{}<br>{}</td><td>{}</td><td>{}</td></tr>", html_escape(f.title.empty() ? id : f.title),
                         id_code(id), html_escape(value_to_string(f.value)), html_escape(fact_origin(f)));
    }
    out += "</tbody></table></div>\n";
  }
  for (const auto& con : c.contradictions)
    out += fmt::format("<p class=\"lean\"><b>Contradiction</b> on {}: {}</p>\n", id_code(con.fact),
                       html_escape(con.message));
  evidence_list_html(out, c.evidence, false, &ctx);
  if (!c.advice.empty() && c.status != Status::clear)
    out += fmt::format("<p class=\"advice\"><b>Advice:</b> {}</p>\n", html_escape(c.advice));
  out += "</details>\n";
}

// Hard limits first: each decides the verdict on its own.
std::vector<const CriterionResult*> limits_first(std::vector<const CriterionResult*> list) {
  std::stable_sort(list.begin(), list.end(), [](const CriterionResult* x, const CriterionResult* y) {
    return (x->kind == CriterionKind::limit) > (y->kind == CriterionKind::limit);
  });
  return list;
}

bool verdict_open(const PlatformResult& p) {
  return p.verdict == Verdict::undetermined || p.optimistic != p.pessimistic;
}

void questions_html(std::string& out, const PlatformResult& p) {
  out += "<section id=\"questions\"><h2>Open questions</h2>\n";
  if (p.verdict == Verdict::not_a_fit &&
      std::none_of(p.open_questions.begin(), p.open_questions.end(),
                   [](const OpenQuestion& q) { return q.would_change_verdict_to.has_value(); }))
    out += "<p class=\"muted\">No answer to these can change the verdict; they only sharpen the picture.</p>\n";
  out += "<ol>\n";
  for (const auto& q : p.open_questions) {
    out += fmt::format("<li>{} <span class=\"muted\">(fact {})</span>", html_escape(q.prompt), id_code(q.fact));
    if (q.would_change_verdict_to)
      out += fmt::format(" — answering <b>{}</b> would make it {}", html_escape(q.if_answer),
                         verdict_badge(*q.would_change_verdict_to));
    out += "</li>\n";
  }
  out += "</ol><p class=\"muted\">Answer with <code>lambdafit questionnaire</code>.</p></section>\n";
}

void header_html(std::string& out, const Assessment& a, const PlatformResult& p) {
  out += fmt::format("<header>\n<h1>{}</h1>\n<div class=\"sub\">{} · {} {} · platform {} ({}, limits as of {})</div>\n",
                     html_escape(a.workload_name), html_escape(a.workload_path), html_escape(a.tool_name),
                     html_escape(a.tool_version), html_escape(p.name), id_code(p.platform), html_escape(p.as_of));
  out += fmt::format("<div class=\"summary\"><span class=\"badge big v-{}\" id=\"verdict\">{}</span>"
                     "<div class=\"kpi\">{}<span>score<br><b>{}</b>/100</span></div>"
                     "<div class=\"kpi\"><span>confidence<br><b id=\"confidence\">{}</b></span></div></div>\n",
                     verdict_class(p.verdict), to_string(p.verdict), score_gauge(p.score, p.verdict), score_text(p),
                     percent(p.confidence));
  if (p.verdict == Verdict::undetermined)
    out += fmt::format("<p class=\"lean\">Too much is still unknown: the verdict could be anything from <b>{}</b> to <b>{}</b>. "
                       "The open questions below settle it.</p>\n",
                       to_string(p.optimistic), to_string(p.pessimistic));
  else if (p.optimistic != p.pessimistic)
    out += fmt::format("<p class=\"lean\">Leaning on what is known; unanswered questions could still make it <b>{}</b>.</p>\n",
                       to_string(p.pessimistic));
  if (!p.blocking.empty()) {
    out += "<div id=\"blocking\"><h2>Why it does not fit</h2><ul>\n";
    for (const auto* it : limits_first(group_criteria(p).blocking)) {
      const auto& id = it->id;
      out += fmt::format("<li><a href=\"#c-{}\"><b>{}</b></a> {} — {}</li>\n", html_escape(id), html_escape(it->title),
                         id_code(id), html_escape(it->reason));
    }
    out += "</ul></div>\n";
  }
  out += "</header>\n";
}

void coverage_html(std::string& out, const Assessment& a) {
  const auto& s = a.scan;
  out += "<section id=\"scan\"><h2>Scan coverage</h2>\n";
  out += fmt::format("<p>{} files, {} translation units ({} parsed cleanly, {} with errors, {} failed{}){}, {} ms.</p>\n",
                     s.files, s.translation_units, s.tu_ok, s.tu_errors, s.parse_failures, reused_text(s), reused_files_text(s), s.duration_ms);
  if (!s.roles.empty()) out += fmt::format("<p>Roles: {}.</p>\n", html_escape(role_counts(s)));
  if (const auto d = deployed_by_text(s); !d.empty())
    out += fmt::format("<p id=\"deployed-by\">Deployed by deployment files: {}.</p>\n", html_escape(d));
  const auto groups = group_coverage(s, a.workload_path);
  if (!groups.empty() || !a.warnings.empty()) {
    out += "<ul class=\"notes\">\n";
    for (const auto& g : groups) {
      if (g.items.size() < 2) {
        out += "<li>" + html_escape(g.summary) + "</li>\n";
        continue;
      }
      out += fmt::format("<li><details><summary>{}</summary><ul>", html_escape(g.summary));
      for (const auto& item : g.items) out += "<li>" + html_escape(item) + "</li>";
      out += "</ul></details></li>\n";
    }
    for (const auto& w : a.warnings) out += "<li>warning: " + html_escape(one_line(w)) + "</li>\n";
    out += "</ul>\n";
  }
  if (!s.suppressed.empty()) {
    out += fmt::format("<details><summary>{} finding(s) suppressed by lambdafit-ignore comments</summary>\n", s.suppressed.size());
    for (const auto& e : s.suppressed) {
      evidence_html(out, e, nullptr);
      if (!e.suppression_reason.empty())
        out += fmt::format("<p class=\"muted\">reason: {}</p>\n", html_escape(e.suppression_reason));
    }
    out += "</details>\n";
  }
  out += "</section>\n";
}

}  // namespace

std::string render_html(const Assessment& a) {
  const auto& p = a.primary();
  std::map<std::string, const Fact*> facts;
  for (const auto& f : a.facts) facts[f.id] = &f;
  auto g = group_criteria(p);
  g.blocking = limits_first(g.blocking);
  g.applies = limits_first(g.applies);
  std::vector<const CriterionResult*> rows;
  for (const auto* list : {&g.blocking, &g.applies, &g.unknown, &g.clear}) rows.insert(rows.end(), list->begin(), list->end());
  for (const auto& c : p.criteria)
    if (c.kind == CriterionKind::strength) rows.push_back(&c);

  std::string out = html_page_start(fmt::format("lambdafit: {} — {}", a.workload_name, to_string(p.verdict)));
  header_html(out, a, p);
  // The questions lead when they can still move the verdict; otherwise they follow the criteria.
  const bool questions_first = !p.open_questions.empty() && verdict_open(p);
  if (questions_first) questions_html(out, p);
  out += "<section id=\"checklist\"><h2>Checklist</h2>\n" + checklist_chart(p) + "</section>\n";
  if (a.platforms.size() > 1) platform_table(out, a);

  SourceContext ctx(a.workload_path);
  out += "<section id=\"criteria\"><h2>Criteria</h2>\n";
  for (const auto* c : rows) criterion_html(out, p, *c, facts, ctx);
  out += "</section>\n";
  not_counted_html(out, a.scan);
  if (!p.open_questions.empty() && !questions_first) questions_html(out, p);

  std::string contradictions;
  for (const auto& f : a.facts)
    if (f.contradiction)
      contradictions += fmt::format("<li>{}: answered <b>{}</b>, scan found <b>{}</b> — {}</li>\n", id_code(f.id),
                                    html_escape(value_to_string(f.contradiction->answer)),
                                    html_escape(value_to_string(f.contradiction->scanned)),
                                    html_escape(f.contradiction->message));
  if (!contradictions.empty())
    out += "<section id=\"contradictions\"><h2>Contradictions</h2><p class=\"muted\">Answers win over scan results; "
           "these disagree with what the scan found.</p><ul>\n" + contradictions + "</ul></section>\n";

  if (!a.scheduled_jobs.empty()) {
    out += "<section id=\"jobs\"><h2>Scheduled jobs</h2><div class=\"scroll\"><table><thead><tr><th>Where</th>"
           "<th>Schedule</th><th>Command</th><th>Function candidate</th><th>Why</th></tr></thead><tbody>\n";
    for (const auto& j : a.scheduled_jobs)
      out += fmt::format("<tr><td><code>{}:{}</code></td><td><code>{}</code></td><td><code>{}</code></td><td>{}</td><td>{}</td></tr>\n",
                         html_escape(j.path), j.line, html_escape(j.schedule), html_escape(j.command),
                         j.candidate ? "yes" : "no", html_escape(fmt::format("{}", fmt::join(j.reasons, "; "))));
    out += "</tbody></table></div></section>\n";
  }
  out += permissions_html(a);
  coverage_html(out, a);
  out += fmt::format("<footer>Generated by {} {}. Every finding links to a line of the scanned tree; the JSON and "
                     "SARIF reports carry the same data for tools.</footer>\n",
                     html_escape(a.tool_name), html_escape(a.tool_version));
  return out + html_page_end();
}

}  // namespace lambdafit
