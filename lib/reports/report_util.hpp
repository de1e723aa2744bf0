// Small helpers shared by the human-readable report formats.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lambdafit/lambdafit.hpp"

namespace lambdafit {

/// "86%" for 0.857.
std::string percent(double share);

/// Replaces control characters (ESC, NUL, CR, …; tab becomes a space) and invalid UTF-8 so text
/// from scanned files cannot move the cursor, recolor a terminal or break a document.
std::string printable(std::string_view s);

/// `s` without leading and trailing blanks.
std::string trim(std::string_view s);

/// At most `max_cols` code points of `s`, ending in "..." when cut; never splits a code point.
std::string truncate_utf8(std::string_view s, std::size_t max_cols);

/// Number of code points in valid UTF-8 (an approximation of terminal columns).
std::size_t utf8_length(std::string_view s);

/// Orders verdicts from best candidate to worst: good-fit, fit-with-caveats, undetermined,
/// not-a-fit.
int verdict_rank(Verdict v) noexcept;

/// Whether criterion `id` is among the platform's blocking criteria.
bool is_blocking(const PlatformResult& p, std::string_view id);

/// Where a fact's value came from, in words: "answer by ops@example.com on 2026-11-01 — note",
/// "3 evidence item(s)", "scan" or "unknown". Plain text; callers escape it for their format.
std::string fact_origin(const Fact& f, bool with_note = true);

/// "path:line:col", "path:line" when the column is not known, or "path" for whole-file
/// evidence.
std::string where(const Evidence& e);

/// Every detector that matched the place, comma-separated ("a, b").
std::string detector_list(const Evidence& e);

/// The score as shown: "94", or "40–94" while the verdict is undetermined and the open
/// questions could still move it (PlatformResult::score_range).
std::string score_text(const PlatformResult& p);

/// At most `n` items spread across files (each file's first item, then each file's second,
/// …), in path and line order, so one busy file does not hide the others.
std::vector<const Evidence*> spread_across_files(const std::vector<const Evidence*>& evidence,
                                                 std::size_t n);
/// The same over a list of items (a vector, or a fact's or criterion's EvidenceRefs).
template <class List>
std::vector<const Evidence*> spread_across_files(const List& evidence, std::size_t n) {
  std::vector<const Evidence*> all;
  all.reserve(evidence.size());
  for (const Evidence& e : evidence) all.push_back(&e);
  return spread_across_files(all, n);
}

/// The files deployment files made deployed against their path roles, or "" when none:
/// "examples/hello/ (3 files, template.yaml:6:7), …"; at most five, then how many more.
std::string deployed_by_text(const ScanSummary& s);

/// Walked files per role, non-zero ones only: "12 deployed, 3 test, 1 tooling".
std::string role_counts(const ScanSummary& s);
/// ", N reused from an earlier run" when the result cache served units; else empty.
std::string reused_text(const ScanSummary& s);
/// ", N file results reused from an earlier run" (text and tree-sitter), or empty.
std::string reused_files_text(const ScanSummary& s);

/// The one-sentence heading of the "not counted" part of human reports.
std::string not_counted_heading(const ScanSummary& s);

/// A diagnostic on one line: "file:line:col: message" (no source line or caret).
std::string one_line(const Diagnostic& d);

/// Rows as columns sized to their widest cell (in code points), separated by two spaces, so
/// no column breaks whatever the ids' lengths; `right[i]` right-aligns column i. Every line
/// starts with `indent`; the last column is not padded.
std::string aligned_table(const std::vector<std::vector<std::string>>& rows, const std::vector<bool>& right,
                          const std::string& indent = "");

/// Criteria of the platform grouped for display.
struct CriterionGroups {
  std::vector<const CriterionResult*> blocking, applies, strengths, unknown, clear;
};
CriterionGroups group_criteria(const PlatformResult& p);

}  // namespace lambdafit
