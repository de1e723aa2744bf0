// How lint results are written: compiler-style text, JSON (docs/schemas/lint.schema.json),
// SARIF (through the report writer), the list of suppressions, and a baseline.
#pragma once

#include <string>

#include "lint/lint.hpp"

namespace lambdafit::lint {

/// `path:line:col: warning: message [detector-id]`, the source line and a caret. The first
/// finding of each detector is followed by a note per criterion with its advice (none when
/// `advice` is false), so advice is read once per run, not once per line. `prefix` is put
/// before every path (the root seen from the cwd).
std::string render_text(const LintResult& r, const RulePack& pack, const std::string& prefix, bool advice = true);

/// Baseline entries whose finding no longer occurs in the linted files, one line each:
/// `path:line: resolved: [detector] snippet`.
std::string render_resolved(const LintResult& r, const std::string& prefix);

/// The JSON document described by docs/schemas/lint.schema.json.
std::string render_json(const LintResult& r);

/// SARIF 2.1.0 with new findings (baselineState "new"), baselined ones ("unchanged") and
/// suppressed ones (with an in-source suppression), levels from the lint severities.
std::string render_lint_sarif(const LintResult& r, const RulePack& pack);

/// Every suppression in the linted files: path:line:col, form, ids, reason, uses.
std::string render_suppressions(const LintResult& r, const std::string& prefix);

/// The baseline holding every finding reported now (new and already baselined).
std::string render_baseline(const LintResult& r);

/// "2 new findings (1 error, 1 warning); 1 in the baseline; 3 suppressed; 4 files".
std::string summary_line(const LintResult& r);

}  // namespace lambdafit::lint
