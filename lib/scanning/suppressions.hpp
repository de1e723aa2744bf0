// Inline suppression comments, for every language: `lambdafit-ignore(id,…): reason` on the
// line itself, `lambdafit-ignore-next-line(…): reason` on the line before, and
// `lambdafit-ignore-begin(…): reason` … `lambdafit-ignore-end(…)` around a block. They work
// as clang-tidy's NOLINT family: the form after the marker is parsed exactly (so the
// next-line form never acts as the same-line one), a missing id list means every detector,
// ids may be globs, and begin/end pairs are matched as a stack per file.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lambdafit/lambdafit.hpp"

namespace lambdafit {

namespace detail {
struct RulePackData;
}
struct ScanInput;

enum class SuppressionForm { same_line, next_line, block };

/// "lambdafit-ignore", "lambdafit-ignore-next-line" or "lambdafit-ignore-begin".
std::string_view to_string(SuppressionForm f) noexcept;

/// One suppression comment (for a block: the begin comment, with the lines up to its end).
struct Suppression {
  std::string path;               ///< relative to the workload root
  int line = 0;                   ///< where the marker is, 1-based
  int column = 0;
  SuppressionForm form = SuppressionForm::same_line;
  std::vector<std::string> ids;   ///< detector, fact or criterion ids or globs; empty = all
  std::string reason;             ///< empty when none was written
  std::string source_line;
  int first_line = 0;             ///< first line it silences
  int last_line = 0;              ///< last line it silences
  std::size_t uses = 0;           ///< evidence items it silenced
};

/// The suppressions of one file, and the problems with them (unmatched begin/end,
/// malformed comments, missing reasons), each at file:line:col.
struct FileSuppressions {
  std::vector<Suppression> items;
  std::vector<Diagnostic> problems;
};

/// Parses every suppression comment in `text`; `path` names the file in messages.
/// A marker counts only inside a comment: after `//`, `/*`, `#`, `--`, `;` or `<!--` on its
/// line, or within a `/* */` or `<!-- -->` block opened on an earlier line.
FileSuppressions parse_suppressions(std::string_view text, const std::string& path);

/// Whether `s` names any of `names` (a detector id, its fact, the criteria reading the fact).
bool suppression_names(const Suppression& s, const std::vector<std::string>& names);

/// What run_scan found about suppression comments across the scanned files.
struct SuppressionReport {
  std::vector<Suppression> items;    ///< by path, then line
  std::vector<Diagnostic> problems;  ///< by path, then line
};

/// Reads every scanned file, and every other file that has evidence, once; marks the evidence
/// a suppression covers (`suppressed`, `suppression_reason`) and counts each suppression's
/// uses. Ids that name nothing in the pack are reported with the nearest spelling.
SuppressionReport apply_suppressions(const ScanInput& in, const detail::RulePackData& pack,
                                     std::vector<Evidence>& evidence);

/// One-line "path:line:col: severity: message" (no source line), for coverage notes.
std::string format_one_line(const Diagnostic& d);

}  // namespace lambdafit
