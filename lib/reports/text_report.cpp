#include "reports/text_report.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "reports/coverage.hpp"
#include "reports/permissions_section.hpp"
#include "reports/report_util.hpp"
#include "scoring/evaluate.hpp"

namespace lambdafit {

namespace {

struct Style {
  bool on = false;
  std::string paint(std::string_view s, const char* code) const {
    if (!on) return std::string(s);
    return fmt::format("\x1b[{}m{}\x1b[0m", code, s);
  }
  std::string bold(std::string_view s) const { return paint(s, "1"); }
  std::string verdict(Verdict v) const {
    const char* code = v == Verdict::good_fit ? "1;32"
                       : v == Verdict::fit_with_caveats ? "1;33"
                       : v == Verdict::not_a_fit ? "1;31" : "1;35";
    return paint(to_string(v), code);
  }
};

const char* marker(const CriterionResult& c) {
  if (c.kind == CriterionKind::strength) return c.needs_change ? "~" : "+";
  if (c.status == Status::unknown) return "?";
  return c.kind == CriterionKind::limit ? "x" : "!";
}

// "path:line  snippet  [detectors]" in `width` columns: the snippet is cut, never the place or
// the detector ids. Scanned text goes through printable() so a hostile line cannot emit escape
// codes.
std::string evidence_line(const Evidence& e, int width, bool with_role = false) {
  const std::string place =
      printable(where(e) + (with_role ? fmt::format(" ({})", to_string(e.role)) : std::string()));
  const std::string id = printable(fmt::format("[{}]", detector_list(e)));
  const std::string snippet = printable(trim(e.snippet));
  const int place_len = static_cast<int>(utf8_length(place));
  const int id_len = static_cast<int>(utf8_length(id));
  const bool id_fits_beside = place_len + 2 + id_len <= width;
  if (snippet.empty()) return place + (id_fits_beside ? "  " : "\n        ") + id;
  const int fixed = place_len + id_len + 4;
  if (width - fixed >= 12)
    return fmt::format("{}  {}  {}", place, truncate_utf8(snippet, static_cast<std::size_t>(width - fixed)), id);
  // Too narrow for all three on one line: the snippet goes below, cut to what is left.
  if (id_fits_beside)
    return fmt::format("{}  {}\n        {}", place, id,
                       truncate_utf8(snippet, static_cast<std::size_t>(std::max(12, width - 2))));
  // A long path: the place alone, then the snippet and the ids on the line below (the
  // continuation is indented two more columns than `width` allows for).
  return fmt::format("{}\n        {}  {}", place,
                     truncate_utf8(snippet, static_cast<std::size_t>(std::max(12, width - 4 - id_len))), id);
}

// Up to `n` places spread across files, then how many more there are.
template <class List>
void evidence_lines(std::string& out, const List& ev, std::size_t n,
                    const RenderOptions& o, bool with_role = false) {
  const auto shown = spread_across_files(ev, n);
  for (const Evidence* e : shown) out += "      " + evidence_line(*e, o.width - 6, with_role) + "\n";
  if (ev.size() > shown.size()) out += fmt::format("      … and {} more\n", ev.size() - shown.size());
}

// Evidence from files whose role does not count (tests, examples, tooling, …).
void not_counted_block(std::string& out, const ScanSummary& s, const RenderOptions& o, const Style& st) {
  if (s.not_counted.empty()) return;
  out += wrap(st.bold(not_counted_heading(s)), o.width, 2, 0) + "\n";
  evidence_lines(out, s.not_counted, 8, o, /*with_role=*/true);
  out += "\n";
}

void criterion_block(std::string& out, const CriterionResult& c, const RenderOptions& o, const Style& st,
                     bool with_advice) {
  out += wrap(fmt::format("{} {}  {} ({})", marker(c), st.bold(c.id), c.title, to_string(c.kind)), o.width, 6, 2) + "\n";
  if (!c.reason.empty()) out += wrap("why: " + c.reason, o.width, 8, 6) + "\n";
  for (const auto& con : c.contradictions)
    out += wrap("contradiction: " + con.message, o.width, 8, 6) + "\n";
  evidence_lines(out, c.evidence, 5, o);
  if (with_advice && !c.advice.empty()) out += wrap("advice: " + c.advice, o.width, 8, 6) + "\n";
}

void platform_table(std::string& out, const Assessment& a, const Style& st, int width) {
  out += st.bold("Platforms") + "\n";
  std::vector<std::vector<std::string>> rows{{"platform", "verdict", "score", "conf"}};
  for (const auto& p : a.platforms)
    rows.push_back({p.platform, std::string(to_string(p.verdict)), score_text(p), percent(p.confidence)});
  // Columns sized to the longest id, then colored: color codes take no columns.
  const std::string table = aligned_table(rows, {false, false, true, true}, "  ");
  std::size_t start = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto nl = table.find('\n', start);
    std::string line = table.substr(start, nl - start);
    start = nl + 1;
    if (i == 0) {
      out += line + "\n";
      continue;
    }
    const auto& p = a.platforms[i - 1];
    const std::string v(to_string(p.verdict));
    if (const auto at = line.find(v, 2 + p.platform.size()); at != std::string::npos)
      line.replace(at, v.size(), st.verdict(p.verdict));
    out += line + "\n";
    if (!p.blocking.empty())
      out += wrap(fmt::format("blocking: {}", fmt::join(p.blocking, ", ")), width, 14, 4) + "\n";
  }
  out += "\n";
}

// Coverage notes grouped by cause with the fix; every note with -v.
void coverage_lines(std::string& out, const Assessment& a, const RenderOptions& o) {
  const auto groups = group_coverage(a.scan, a.workload_path);
  bool hidden = false;
  for (const auto& grp : groups) {
    out += wrap("note: " + grp.summary, o.width, 8, 2) + "\n";
    if (grp.items.size() < 2 || grp.summary == grp.items.front()) continue;
    if (!o.verbose) {
      hidden = true;
      continue;
    }
    for (const auto& item : grp.items) out += wrap(item, o.width, 8, 6) + "\n";
  }
  if (hidden) out += "  (run with -v for every note)\n";
}

// The finished report with every control character from scanned files, answers or rules made
// harmless: newlines stay, and when colors are on, only the SGR color sequences survive.
std::string sanitize_terminal(std::string_view text, bool keep_sgr) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto nl = text.find('\n', i);
    const auto end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(i, end - i);
    std::size_t k = 0;
    while (k < line.size()) {
      if (keep_sgr && line[k] == '\x1b' && k + 1 < line.size() && line[k + 1] == '[') {
        std::size_t m = k + 2;
        while (m < line.size() && (std::isdigit(static_cast<unsigned char>(line[m])) || line[m] == ';')) ++m;
        if (m < line.size() && line[m] == 'm') {
          out.append(line.substr(k, m - k + 1));
          k = m + 1;
          continue;
        }
      }
      auto next = line.find('\x1b', k + 1);
      if (!keep_sgr || next == std::string_view::npos) next = line.size();
      out += printable(line.substr(k, next - k));
      k = next;
    }
    if (nl != std::string_view::npos) out += '\n';
    i = end + 1;
  }
  return out;
}

}  // namespace

std::string wrap(std::string_view text, int width, int indent, int first_indent) {
  if (first_indent < 0) first_indent = indent;
  std::string out(static_cast<std::size_t>(first_indent), ' ');
  int col = first_indent;
  bool line_empty = true;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    std::size_t j = i;
    while (j < text.size() && text[j] != ' ' && text[j] != '\n') ++j;
    if (j == i) {
      if (i < text.size() && text[i] == '\n') {
        out += "\n" + std::string(static_cast<std::size_t>(indent), ' ');
        col = indent;
        line_empty = true;
        ++i;
      }
      continue;
    }
    const auto word = text.substr(i, j - i);
    const int len = static_cast<int>(word.size());
    if (!line_empty && col + 1 + len > width) {
      out += "\n" + std::string(static_cast<std::size_t>(indent), ' ');
      col = indent;
      line_empty = true;
    }
    if (!line_empty) {
      out += ' ';
      ++col;
    }
    out += word;
    col += len;
    line_empty = false;
    i = j;
  }
  return out;
}

namespace {

// What deployment files declare: bounds on facts, and facts settled by a function deployment.
void declared_block(std::string& out, const Assessment& a, const RenderOptions& o, const Style& st) {
  std::vector<std::string> lines;
  std::map<std::string, std::vector<std::string>> settled;  // why -> fact titles
  for (const auto& f : a.facts) {
    if (f.lower || f.upper) lines.push_back(fmt::format("{}: {}", f.title, bound_words(f)));
    if (!f.settled_by.empty()) settled[f.settled_by].push_back(f.id);
  }
  for (const auto& [why, ids] : settled) lines.push_back(fmt::format("{} ({})", why, fmt::join(ids, ", ")));
  if (lines.empty()) return;
  out += st.bold("Declared") + "\n";
  for (const auto& l : lines) out += wrap(l, o.width, 4, 2) + "\n";
}

}  // namespace

std::string render_text(const Assessment& a, const RenderOptions& o) {
  const Style st{o.color};
  std::string out;
  const auto& p = a.primary();
  out += wrap(fmt::format("{} {} — {} ({})", a.tool_name, a.tool_version, st.bold(a.workload_name), a.workload_path),
              o.width, 2, 0) + "\n";
  out += wrap(fmt::format("platform: {} [{}], limits as of {}", p.name, p.platform, p.as_of), o.width, 2, 0) + "\n\n";
  out += fmt::format("VERDICT: {}   score {}/100   confidence {}\n", st.verdict(p.verdict), score_text(p),
                     percent(p.confidence));
  if (p.verdict == Verdict::undetermined)
    out += wrap(fmt::format("Too much is still unknown: the verdict could be anything from {} to {}. "
                            "Answer the open questions below to settle it.",
                            to_string(p.optimistic), to_string(p.pessimistic)),
                o.width, 2, 2) + "\n";
  else if (p.optimistic != p.pessimistic)
    out += wrap(fmt::format("Leaning on what is known; unanswered questions could still make it {}.",
                            to_string(p.pessimistic)),
                o.width, 2, 2) + "\n";
  out += "\n";
  if (a.platforms.size() > 1) platform_table(out, a, st, o.width);

  auto g = group_criteria(p);
  // Hard limits first: they decide a verdict on their own.
  for (auto* list : {&g.blocking, &g.applies})
    std::stable_sort(list->begin(), list->end(), [](const CriterionResult* x, const CriterionResult* y) {
      return (x->kind == CriterionKind::limit) > (y->kind == CriterionKind::limit);
    });
  if (!g.blocking.empty()) {
    out += st.bold("Blocking") + "\n";
    for (const auto* c : g.blocking) criterion_block(out, *c, o, st, true);
    out += "\n";
  }
  if (!g.applies.empty()) {
    out += st.bold("Applies") + "\n";
    for (const auto* c : g.applies) criterion_block(out, *c, o, st, true);
    out += "\n";
  }
  // A strength that helps only after a change (a polling loop to replace with an event
  // trigger) is not shown as a plain '+'.
  std::vector<const CriterionResult*> ready, after_change;
  for (const auto* c : g.strengths) (c->needs_change ? after_change : ready).push_back(c);
  if (!ready.empty()) {
    out += st.bold("Strengths") + "\n";
    for (const auto* c : ready) criterion_block(out, *c, o, st, true);
    out += "\n";
  }
  if (!after_change.empty()) {
    out += st.bold("Strengths once changed") + "\n";
    for (const auto* c : after_change) criterion_block(out, *c, o, st, true);
    out += "\n";
  }
  if (!p.open_questions.empty()) {
    out += st.bold("Open questions") + "\n";
    if (p.verdict == Verdict::not_a_fit &&
        std::none_of(p.open_questions.begin(), p.open_questions.end(),
                     [](const OpenQuestion& q) { return q.would_change_verdict_to.has_value(); }))
      out += wrap("No answer to these can change the verdict; they only sharpen the picture.", o.width, 2, 2) + "\n";
    int n = 0;
    for (const auto& q : p.open_questions) {
      std::string line = fmt::format("{}. {} [{}]", ++n, q.prompt, q.fact);
      if (q.would_change_verdict_to)
        line += fmt::format(" — answering {} would make it {}", q.if_answer, to_string(*q.would_change_verdict_to));
      out += wrap(line, o.width, 5, 2) + "\n";
    }
    out += "\n";
  }
  const auto& unknown = g.unknown;
  const auto& clear = g.clear;
  if (!unknown.empty()) {
    std::vector<std::string> ids;
    for (const auto* c : unknown) ids.push_back(c->id);
    out += wrap(fmt::format("{} {}: {}", st.bold("Unknown"), "(need answers)", fmt::join(ids, ", ")), o.width, 2, 0) + "\n";
  }
  if (!clear.empty()) {
    std::vector<std::string> ids;
    for (const auto* c : clear) ids.push_back(c->id);
    out += wrap(fmt::format("{}: {}", st.bold("Clear"), fmt::join(ids, ", ")), o.width, 2, 0) + "\n";
  }
  declared_block(out, a, o, st);
  out += "\n";
  not_counted_block(out, a.scan, o, st);
  if (!a.scheduled_jobs.empty()) {
    out += st.bold("Scheduled jobs") + "\n";
    for (const auto& j : a.scheduled_jobs) {
      out += wrap(fmt::format("{} {}:{}  {}  {}", j.candidate ? "+" : "-", j.path, j.line, j.schedule, j.command),
                  o.width, 6, 2) + "\n";
      if (!j.reasons.empty()) out += wrap(fmt::format("{}", fmt::join(j.reasons, "; ")), o.width, 6, 6) + "\n";
    }
    out += "\n";
  }
  out += permissions_text(a, o.width, st.bold("Permissions"));
  const auto& s = a.scan;
  out += wrap(fmt::format("scan: {} files, {} translation units ({} with errors, {} failed{}){}, {} ms", s.files,
                     s.translation_units, s.tu_errors, s.parse_failures, reused_text(s), reused_files_text(s), s.duration_ms), o.width, 2, 0) + "\n";
  if (!s.roles.empty()) out += wrap("roles: " + role_counts(s), o.width, 4, 2) + "\n";
  if (const auto d = deployed_by_text(s); !d.empty()) out += wrap("deployed by deployment files: " + d, o.width, 4, 2) + "\n";
  if (!s.suppressed.empty()) out += fmt::format("  {} finding(s) suppressed by lambdafit-ignore comments\n", s.suppressed.size());
  coverage_lines(out, a, o);
  for (const auto& w : a.warnings) out += w.format() + "\n";
  return sanitize_terminal(out, o.color);
}

}  // namespace lambdafit
