#include "reports/text_report.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include <fmt/format.h>

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
  if (c.kind == CriterionKind::strength) return "+";
  if (c.status == Status::unknown) return "?";
  return c.kind == CriterionKind::limit ? "x" : "!";
}

// Up to `n` places spread across files, then how many more there are.
void evidence_lines(std::string& out, const std::vector<Evidence>& ev, std::size_t n,
                    const RenderOptions& o, bool with_role = false) {
  const auto shown = spread_across_files(ev, n);
  for (const Evidence* e : shown) {
    // Scanned text goes through printable() so a hostile line cannot emit escape codes.
    std::string line = printable(fmt::format("{}{}  {}  [{}]", where(*e),
                                             with_role ? fmt::format(" ({})", to_string(e->role)) : "",
                                             trim(e->snippet), detector_list(*e)));
    if (o.width > 30) line = truncate_utf8(line, static_cast<std::size_t>(o.width - 6));
    out += "      " + line + "\n";
  }
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
  out += fmt::format("  {:<22} {:<17} {:>5} {:>5}\n", "platform", "verdict", "score", "conf");
  for (const auto& p : a.platforms) {
    std::string blocking = p.blocking.empty() ? "-" : fmt::format("{}", fmt::join(p.blocking, ", "));
    const std::string v(to_string(p.verdict));
    out += fmt::format("  {:<22} {}{} {:>5} {:>5}\n", p.platform, st.verdict(p.verdict),
                       std::string(v.size() < 17 ? 17 - v.size() : 0, ' '), score_text(p),
                       percent(p.confidence));
    if (!p.blocking.empty()) out += wrap("blocking: " + blocking, width, 6, 4) + "\n";
  }
  out += "\n";
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

  std::vector<const CriterionResult*> blocking, applies, strengths, unknown, clear;
  for (const auto& c : p.criteria) {
    const bool is_blocking = std::find(p.blocking.begin(), p.blocking.end(), c.id) != p.blocking.end();
    if (c.kind == CriterionKind::strength) {
      if (c.status == Status::applies) strengths.push_back(&c);
      continue;
    }
    if (is_blocking) blocking.push_back(&c);
    else if (c.status == Status::applies) applies.push_back(&c);
    else if (c.status == Status::unknown) unknown.push_back(&c);
    else clear.push_back(&c);
  }
  if (!blocking.empty()) {
    out += st.bold("Blocking") + "\n";
    for (const auto* c : blocking) criterion_block(out, *c, o, st, true);
    out += "\n";
  }
  if (!applies.empty()) {
    out += st.bold("Applies") + "\n";
    for (const auto* c : applies) criterion_block(out, *c, o, st, true);
    out += "\n";
  }
  if (!strengths.empty()) {
    out += st.bold("Strengths") + "\n";
    for (const auto* c : strengths) criterion_block(out, *c, o, st, true);
    out += "\n";
  }
  if (!p.open_questions.empty()) {
    out += st.bold("Open questions") + "\n";
    int n = 0;
    for (const auto& q : p.open_questions) {
      std::string line = fmt::format("{}. {} [{}]", ++n, q.prompt, q.fact);
      if (q.would_change_verdict_to)
        line += fmt::format(" — answering {} would make it {}", q.if_answer, to_string(*q.would_change_verdict_to));
      out += wrap(line, o.width, 5, 2) + "\n";
    }
    out += "\n";
  }
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
  const auto& s = a.scan;
  out += wrap(fmt::format("scan: {} files, {} translation units ({} with errors, {} failed), {} ms", s.files,
                     s.translation_units, s.tu_errors, s.parse_failures, s.duration_ms), o.width, 2, 0) + "\n";
  if (!s.roles.empty()) out += wrap("roles: " + role_counts(s), o.width, 4, 2) + "\n";
  if (!s.suppressed.empty()) out += fmt::format("  {} finding(s) suppressed by lambdafit-ignore comments\n", s.suppressed.size());
  for (const auto& n : s.coverage_notes) out += wrap("note: " + n, o.width, 4, 2) + "\n";
  for (const auto& w : a.warnings) out += w.format() + "\n";
  return sanitize_terminal(out, o.color);
}

}  // namespace lambdafit
