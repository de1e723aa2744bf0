#include "reports/report_util.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "scoring/evaluate.hpp"

namespace lambdafit {

std::string percent(double share) {
  return fmt::format("{}%", static_cast<int>(std::lround(share * 100)));
}

namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is not valid.
std::size_t utf8_seq(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  if (n == 2 && c < 0xC2) return 0;  // overlong
  for (std::size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  return n;
}

}  // namespace

std::string printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = utf8_seq(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD replacement character
      ++i;
      continue;
    }
    if (n == 1 && (c < 0x20 || c == 0x7F)) {
      out += c == '\t' ? ' ' : '?';
      ++i;
      continue;
    }
    // C1 controls (U+0080..U+009F) act as escape sequences on some terminals.
    if (n == 2 && c == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0) {
      out += '?';
      i += 2;
      continue;
    }
    out.append(s.substr(i, n));
    i += n;
  }
  return out;
}

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string truncate_utf8(std::string_view s, std::size_t max_cols) {
  if (utf8_length(s) <= max_cols) return std::string(s);
  const std::size_t keep = max_cols > 3 ? max_cols - 3 : 0;
  std::size_t cols = 0, i = 0;
  while (i < s.size()) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (cols == keep) break;
      ++cols;
    }
    ++i;
  }
  return std::string(s.substr(0, i)) + "...";
}

int verdict_rank(Verdict v) noexcept {
  switch (v) {
    case Verdict::good_fit: return 0;
    case Verdict::fit_with_caveats: return 1;
    case Verdict::undetermined: return 2;
    case Verdict::not_a_fit: return 3;
  }
  return 4;
}

bool is_blocking(const PlatformResult& p, std::string_view id) {
  return std::find(p.blocking.begin(), p.blocking.end(), id) != p.blocking.end();
}

std::string where(const Evidence& e) {
  if (e.line <= 0) return e.path;
  if (e.column <= 0) return fmt::format("{}:{}", e.path, e.line);
  return fmt::format("{}:{}:{}", e.path, e.line, e.column);
}

std::string detector_list(const Evidence& e) {
  if (e.detectors.empty()) return e.detector;
  return fmt::format("{}", fmt::join(e.detectors, ", "));
}

std::string score_text(const PlatformResult& p) {
  const auto [lo, hi] = p.score_range;
  if (p.verdict != Verdict::undetermined || lo == hi) return std::to_string(p.score);
  return fmt::format("{}\u2013{}", lo, hi);
}

std::vector<const Evidence*> spread_across_files(const std::vector<const Evidence*>& evidence,
                                                 std::size_t n) {
  std::map<std::string, std::vector<const Evidence*>> by_file;
  for (const Evidence* e : evidence) by_file[e->path].push_back(e);
  std::vector<const Evidence*> out;
  for (std::size_t round = 0; out.size() < n; ++round) {
    bool any = false;
    for (auto& [path, items] : by_file) {
      if (round >= items.size()) continue;
      any = true;
      if (out.size() < n) out.push_back(items[round]);
    }
    if (!any) break;
  }
  std::sort(out.begin(), out.end(), [](const Evidence* a, const Evidence* b) {
    return std::tie(a->path, a->line, a->column) < std::tie(b->path, b->line, b->column);
  });
  return out;
}

std::string reused_text(const ScanSummary& s) {
  return s.tu_reused ? fmt::format(", {} reused from an earlier run", s.tu_reused) : std::string();
}

std::string reused_files_text(const ScanSummary& s) {
  const auto n = s.file_results_reused;
  return n ? fmt::format(", {} file result{} reused from an earlier run", n, n == 1 ? "" : "s") : std::string();
}

std::string role_counts(const ScanSummary& s) {
  std::vector<std::string> parts;
  for (auto r : all_file_roles()) {
    auto it = s.roles.find(r);
    if (it != s.roles.end() && it->second > 0) parts.push_back(fmt::format("{} {}", it->second, to_string(r)));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

std::string deployed_by_text(const ScanSummary& s) {
  std::vector<std::string> parts;
  std::size_t more = 0;
  for (const auto& d : s.deployed_by) {
    if (d.changed == 0) continue;
    if (parts.size() == 5) {
      ++more;
      continue;
    }
    parts.push_back(fmt::format("{} ({} file{}, {}{})", d.path, d.changed, d.changed == 1 ? "" : "s", d.source,
                                d.role == FileRole::deployed ? "" : fmt::format(", as {}", to_string(d.role))));
  }
  if (parts.empty()) return {};
  if (more > 0) parts.push_back(fmt::format("{} more", more));
  return fmt::format("{}", fmt::join(parts, ", "));
}

std::string not_counted_heading(const ScanSummary& s) {
  std::set<std::string> roles;
  for (const auto& e : s.not_counted) roles.insert(std::string(to_string(e.role)));
  return fmt::format("Not counted: {} place{} in {} files; such evidence is shown but never decides "
                     "a criterion",
                     s.not_counted.size(), s.not_counted.size() == 1 ? "" : "s",
                     fmt::join(roles, ", "));
}

std::string one_line(const Diagnostic& d) {
  const auto& l = d.location;
  if (l.file.empty()) return d.message;
  if (l.line <= 0) return fmt::format("{}: {}", l.file, d.message);
  return fmt::format("{}:{}:{}: {}", l.file, l.line, l.column, d.message);
}

std::string aligned_table(const std::vector<std::vector<std::string>>& rows, const std::vector<bool>& right,
                          const std::string& indent) {
  std::vector<std::size_t> width;
  for (const auto& r : rows)
    for (std::size_t i = 0; i < r.size(); ++i) {
      if (width.size() <= i) width.resize(i + 1, 0);
      width[i] = std::max(width[i], utf8_length(r[i]));
    }
  std::string out;
  for (const auto& r : rows) {
    std::string line = indent;
    for (std::size_t i = 0; i < r.size(); ++i) {
      const std::size_t pad = width[i] - utf8_length(r[i]);
      const bool last = i + 1 == r.size();
      const bool align_right = i < right.size() && right[i];
      if (i > 0) line += "  ";
      if (align_right) line += std::string(pad, ' ') + r[i];
      else line += r[i] + (last ? "" : std::string(pad, ' '));
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

CriterionGroups group_criteria(const PlatformResult& p) {
  CriterionGroups g;
  for (const auto& c : p.criteria) {
    if (c.kind == CriterionKind::strength) {
      if (c.status == Status::applies) g.strengths.push_back(&c);
      continue;
    }
    if (is_blocking(p, c.id)) g.blocking.push_back(&c);
    else if (c.status == Status::applies) g.applies.push_back(&c);
    else if (c.status == Status::unknown) g.unknown.push_back(&c);
    else g.clear.push_back(&c);
  }
  return g;
}

std::string fact_origin(const Fact& f, bool with_note) {
  if (f.answer) {
    std::string from = "answer";
    if (!f.answer->by.empty()) from += " by " + f.answer->by;
    if (!f.answer->date.empty()) from += " on " + f.answer->date;
    if (with_note && !f.answer->note.empty()) from += " — " + f.answer->note;
    return from;
  }
  if (!f.settled_by.empty()) return f.settled_by;
  // A declared bound is shown with its place wherever the value is shown.
  const std::string bounds = bound_words(f);
  std::string from;
  if (!f.evidence.empty()) from = fmt::format("{} evidence item(s)", f.evidence.size());
  else from = std::string(to_string(f.provenance));
  return bounds.empty() ? from : bounds + "; " + from;
}

}  // namespace lambdafit
