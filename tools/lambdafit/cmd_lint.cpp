// lambdafit lint [FILE...] [--staged | --diff REV] [--changed-lines-only] [--baseline FILE]
#include <cstring>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "cli.hpp"
#include "core/known_good.hpp"
#include "core/diagnostics.hpp"
#include "lint/lint.hpp"
#include "lint/output.hpp"
#include "reports/coverage.hpp"

namespace lambdafit::cli {

namespace {

// Colors the level word of each diagnostic line as compilers do: "path:1:2: warning: …".
std::string paint_levels(const std::string& text, bool color) {
  if (!color) return text;
  static const std::pair<const char*, const char*> kLevels[] = {
      {": error: ", "1;31"}, {": warning: ", "1;35"}, {": note: ", "1;36"}, {": resolved: ", "1;32"}};
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    std::string line = text.substr(start, nl - start);
    for (const auto& [word, code] : kLevels) {
      const auto at = line.find(word);
      if (at == std::string::npos) continue;
      const std::string bare(word + 2, std::strlen(word) - 4);
      line = fmt::format("\x1b[1m{}\x1b[0m: \x1b[{}m{}\x1b[0m: {}", line.substr(0, at), code, bare,
                         line.substr(at + std::strlen(word)));
      break;
    }
    out += line;
    if (nl < text.size()) out += '\n';
    start = nl + 1;
  }
  return out;
}

}  // namespace

void setup_lint(CLI::App& sub, Options& o) {
  sub.add_option("files", o.paths,
                 "files or directories to lint (default: the change with --staged or --diff, "
                 "else the whole workload)");
  auto* staged = sub.add_flag("--staged", o.staged, "lint staged files as they are in the git index");
  auto* diff = sub.add_option("--diff", o.diff_rev, "lint files changed in the work tree since REV (or in a range A..B / A...B, as git diff reads it)");
  staged->excludes(diff);
  sub.add_flag("--changed-lines-only", o.changed_lines_only,
               "report only findings on lines the change adds or modifies");
  sub.add_option("--baseline", o.baseline, "report only findings not recorded in FILE");
  sub.add_option("--write-baseline", o.write_baseline, "record the current findings in FILE");
  sub.add_flag("--list-suppressions", o.list_suppressions,
               "print every lambdafit-ignore comment with its ids and reason");
  sub.add_flag("--report-unused-suppressions", o.report_unused,
               "report suppressions that silence nothing");
  one_of(sub.add_option("--fail-on", o.fail_on, "lowest severity of a new finding that fails (default: warning)"),
         {"warning", "error"});
  one_of(sub.add_option("--format", o.format, "output format (default: from the -o name, else text)"),
         {"text", "json", "sarif"});
  sub.add_option("-o,--output", o.output, "write the findings to FILE");
  sub.add_option("--root", o.root,
                 "workload root (default: the nearest directory with a lambdafit.yaml, else the git top level, "
                 "else the current directory)");
  sub.add_flag("--no-advice", o.no_advice, "leave out the checklist advice (printed once per detector)");
  sub.add_flag("--show-resolved", o.show_resolved, "also list baseline entries that no longer occur");
  sub.add_option("--enable", o.enable, "run detectors matching ID or glob (detector, criterion or fact)")
      ->allow_extra_args(false);
  sub.add_option("--disable", o.disable, "skip detectors matching ID or glob")
      ->allow_extra_args(false);
  sub.add_option("--severity", o.severity, "set a severity: ID=error|warning|note")
      ->allow_extra_args(false);
  sub.add_option("--ignore", o.ignore, "leave paths matching GLOB out")
      ->allow_extra_args(false);
  sub.add_option("--rules", o.rules_dirs, "more rule directories")
      ->allow_extra_args(false)->check(CLI::ExistingDirectory);
  sub.add_option("-p,--build-dir", o.build_dir, "directory with compile_commands.json");
  sub.add_option("-j,--jobs", o.jobs, "parallel jobs (default: cores)")->check(CLI::Range(0, 1024));
  sub.add_flag("--no-cache", o.no_cache, kNoCacheHelp);
}

int run_lint(Options& o) {
  auto pack = load_pack(o);
  if (!pack) return kUsage;
  lint::LintOptions lo;
  lo.root = o.root;
  lo.files = o.paths;
  lo.staged = o.staged;
  lo.diff_rev = o.diff_rev;
  lo.changed_lines_only = o.changed_lines_only;
  lo.baseline = o.baseline;
  lo.build_dir = o.build_dir;
  lo.jobs = o.jobs;
  apply_env(lo);
  if (!o.no_cache) lo.cache_dir = cache_dir();
  lo.overrides = {o.enable, o.disable, o.severity, o.ignore};
  lo.report_unused = o.report_unused;
  lo.show_resolved = o.show_resolved;
  const auto format = resolve_format(o, {"text", "json", "sarif"});
  if (!format) return kUsage;
  auto result = lint::run_lint(*pack, lo);
  if (!result) {
    print_diagnostics(result.errors());
    return kUsage;
  }
  const auto& r = *result;
  print_diagnostics(r.warnings);
  if (o.verbose) {
    // Grouped by cause as the assess report does, each group's notes listed beneath it.
    ScanSummary notes;
    notes.coverage_notes = r.notes;
    for (const auto& g : group_coverage(notes, r.root)) {
      std::cerr << "lambdafit: note: " << terminal_safe(g.summary) << "\n";
      if (g.items.size() < 2 || g.summary == g.items.front()) continue;
      for (const auto& item : g.items) std::cerr << "    " << terminal_safe(item) << "\n";
    }
  }

  if (!o.write_baseline.empty()) {
    if (!write_output(o.write_baseline, lint::render_baseline(r))) return kUsage;
    std::cerr << fmt::format("lambdafit: recorded {} findings in '{}'\n",
                             r.findings.size() + r.baselined.size(), o.write_baseline);
    return kOk;
  }

  // Paths in text output are seen from the current directory, as compilers print them.
  std::string prefix;
  std::error_code ec;
  const auto rel = std::filesystem::relative(r.root, std::filesystem::current_path(), ec);
  if (!ec && !rel.empty() && rel != ".") prefix = rel.generic_string() + "/";
  if (o.list_suppressions) {
    if (*format == "json") return write_output(o.output, lint::render_json(r)) ? kOk : kUsage;
    return write_output(o.output, lint::render_suppressions(r, prefix)) ? kOk : kUsage;
  }
  std::string text = *format == "json"    ? lint::render_json(r)
                     : *format == "sarif" ? lint::render_lint_sarif(r, *pack)
                                          : lint::render_text(r, *pack, prefix, !o.no_advice);
  if (*format == "text") {
    if (o.show_resolved) text += lint::render_resolved(r, prefix);
    text = paint_levels(text, terminal_options(o, !o.output.empty() && o.output != "-").color);
  }
  if (!write_output(o.output, text)) return kUsage;

  const std::string fail_on = !o.fail_on.empty()           ? o.fail_on
                              : !r.config.fail_on.empty() ? r.config.fail_on
                                                          : "warning";
  bool failed = false;
  for (const auto& f : r.findings)
    if (f.severity == "error" || (f.severity == "warning" && fail_on == "warning")) failed = true;
  if (!o.quiet && (!r.findings.empty() || o.verbose || !r.resolved.empty())) {
    std::string line = lint::summary_line(r);
    if (o.show_resolved) line += fmt::format("; {} baseline entr{} resolved", r.resolved.size(), r.resolved.size() == 1 ? "y" : "ies");
    std::cerr << "lambdafit: " << line << "\n";
  }
  return failed ? kFindings : kOk;
}

}  // namespace lambdafit::cli
