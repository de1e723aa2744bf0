#include "lint/lint.hpp"

#include <stdlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <thread>
#include <tuple>

#include <fmt/format.h>

#include "core/glob.hpp"
#include "core/safe_file.hpp"
#include "lint/baseline.hpp"
#include "lint/git.hpp"
#include "lint/includers.hpp"
#include "lint/permissions.hpp"
#include "permissions/findings.hpp"
#include "permissions/workload.hpp"
#include "rulepack/model.hpp"
#include "scanning/detector_kind.hpp"
#include "scanning/roles.hpp"
#include "scanning/scan.hpp"

namespace lambdafit::lint {

namespace fs = std::filesystem;

namespace {

// A temporary directory removed when it goes out of scope; made on first use, under
// $TMPDIR or else /tmp. When neither works, `path` stays empty and `error` says why
// (never the current directory).
struct TempDir {
  fs::path path;
  std::string error;
  bool make() {
    if (!path.empty()) return true;
    std::error_code ec;
    std::vector<fs::path> bases;
    if (auto t = fs::temp_directory_path(ec); !ec && t.is_absolute()) bases.push_back(t);
    bases.emplace_back("/tmp");
    for (const auto& b : bases) {
      std::string templ = (b / "lambdafit-lint-XXXXXX").string();
      if (::mkdtemp(templ.data())) {
        path = templ;
        return true;
      }
      error = fmt::format("cannot create a temporary directory in '{}': {}", b.string(), std::strerror(errno));
    }
    return false;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path.empty()) fs::remove_all(path, ec);
  }
};

std::optional<std::string> relative_to(const fs::path& abs, const fs::path& base) {
  const auto rel = abs.lexically_normal().lexically_relative(base);
  const auto s = rel.generic_string();
  if (rel.empty() || s == "." || s == ".." || s.starts_with("../")) return std::nullopt;
  return s;
}

fs::path canonical_or_absolute(const fs::path& p) {
  std::error_code ec;
  auto c = fs::weakly_canonical(fs::absolute(p, ec), ec);
  return ec ? fs::absolute(p).lexically_normal() : c;
}

bool ignored(const std::string& rel, const std::vector<std::string>& globs) {
  return std::any_of(globs.begin(), globs.end(), [&](const std::string& g) {
    return glob_match(g, rel) || glob_match(g + "/**", rel);
  });
}

bool uses_clang(const detail::RulePackData& pack) {
  return std::any_of(pack.detectors.begin(), pack.detectors.end(), [](const DetectorSpec& d) {
    return frontend_of(d) == Frontend::cpp_parse;
  });
}

class Linter {
 public:
  Linter(const RulePack& pack, const LintOptions& o) : full_pack_(pack), pack_(pack.data()), o_(o) {}

  Result<LintResult> run() {
    if (o_.staged && !o_.diff_rev.empty()) return fail("--staged and --diff cannot be combined");
    const bool git_mode = o_.staged || !o_.diff_rev.empty();
    if (o_.changed_lines_only && !git_mode)
      return fail("--changed-lines-only needs --staged or --diff REV");
    if (!find_root(git_mode)) return Result<LintResult>(d_.take());
    if (!o_.diff_rev.empty()) {
      std::string error;
      auto hash = resolve_revision(top_.string(), o_.diff_rev, error);
      if (!hash) return fail(fmt::format("cannot list the changed files: {}", error));
      rev_ = std::move(*hash);
    }
    auto cfg = load_lint_config(root_.string(), pack_, d_);
    if (!cfg || !check_overrides(o_.overrides, pack_, d_)) return Result<LintResult>(d_.take());
    r_.config = std::move(*cfg);
    r_.root = o_.root.empty() ? root_.string() : o_.root;
    select_detectors();
    if (!choose_files(git_mode)) return Result<LintResult>(d_.take());
    if (!load_baseline()) return Result<LintResult>(d_.take());
    if (o_.changed_lines_only && !load_changed_lines()) return Result<LintResult>(d_.take());
    if (!scan()) return Result<LintResult>(d_.take());
    if (o_.show_resolved) list_resolved();
    r_.warnings = d_.take();
    return std::move(r_);
  }

 private:
  Result<LintResult> fail(std::string message) {
    d_.error(std::move(message));
    return Result<LintResult>(d_.take());
  }

  bool find_root(bool git_mode) {
    const std::string start = o_.root.empty() ? "." : o_.root;
    if (auto top = git_mode ? git_toplevel(start) : work_tree_top(start)) top_ = canonical_or_absolute(*top);
    root_ = canonical_or_absolute(!o_.root.empty() ? o_.root : !top_.empty() ? top_.string() : ".");
    if (o_.root.empty())
      if (auto nearest = nearest_config()) root_ = *nearest;
    std::error_code ec;
    if (!fs::is_directory(root_, ec)) {
      d_.error(fmt::format("workload root '{}' is not a directory", start), {start, 0, 0});
      return false;
    }
    if (git_mode && top_.empty()) {
      d_.error(fmt::format("'{}' is not inside a git repository; --staged and --diff need one", start));
      return false;
    }
    return true;
  }

  // Like clang-tidy and ShellCheck: the nearest lambdafit.yaml above the first named path (or
  // the current directory), searching no higher than the repository's top level.
  std::optional<fs::path> nearest_config() const {
    std::error_code ec;
    fs::path dir = canonical_or_absolute(o_.files.empty() ? "." : o_.files.front());
    if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
    for (; !dir.empty(); dir = dir.parent_path()) {
      if (fs::is_regular_file(dir / "lambdafit.yaml", ec)) return dir;
      if ((!top_.empty() && dir == top_) || dir == dir.parent_path()) break;
    }
    return std::nullopt;
  }

  void select_detectors() {
    sub_ = pack_;
    sub_.detectors.clear();
    for (const auto& det : pack_.detectors) {
      auto names = detector_names(det, pack_);
      if (!is_enabled(names, r_.config, o_.overrides)) continue;
      names_[det.id] = names;
      severity_[det.id] = effective_severity(names, det.severity, r_.config, o_.overrides);
      sub_.detectors.push_back(det);
    }
  }

  // Root-relative path of a repository-relative one, if inside the workload.
  std::optional<std::string> from_top(const std::string& p) const { return relative_to(top_ / p, root_); }

  bool choose_files(bool git_mode) {
    std::set<std::string> named;
    std::vector<std::string> named_dirs;
    for (const auto& f : o_.files) {
      const auto abs = canonical_or_absolute(f);
      auto rel = abs == root_ ? std::optional<std::string>("") : relative_to(abs, root_);
      if (!rel) {
        d_.error(fmt::format("'{}' is outside the workload root '{}'", f, r_.root), {f, 0, 0});
        continue;
      }
      std::error_code ec;
      if (fs::is_directory(abs, ec)) named_dirs.push_back(*rel);
      else if (git_mode || fs::exists(abs, ec)) named.insert(*rel);
      else d_.error(fmt::format("'{}' does not exist", f), {f, 0, 0});
    }
    if (d_.has_errors()) return false;
    auto under_named = [&](const std::string& rel) {
      if (o_.files.empty() || named.count(rel)) return true;
      return std::any_of(named_dirs.begin(), named_dirs.end(), [&](const std::string& d) {
        return d.empty() || rel.starts_with(d + "/");
      });
    };
    std::vector<std::string> wanted;
    if (git_mode) {
      std::string error;
      auto changed = changed_files(top_.string(), o_.staged, rev_, error);
      if (!changed) {
        d_.error(fmt::format("cannot list the {}: {}", o_.staged ? "staged files" : "changed files", error));
        return false;
      }
      for (const auto& c : *changed) {
        auto rel = from_top(c.path);
        if (!rel || !under_named(*rel)) continue;
        status_[*rel] = c.status;
        wanted.push_back(*rel);
      }
    } else if (!named_dirs.empty() || named.empty()) {
      ScanOutput scratch;
      for (const auto& f : walk_workload(root_, r_.config.exclude, scratch))
        if (under_named(f.path)) wanted.push_back(f.path);
      for (const auto& n : named)
        if (std::find(wanted.begin(), wanted.end(), n) == wanted.end()) wanted.push_back(n);
    } else {
      wanted.assign(named.begin(), named.end());
    }
    std::vector<std::string> globs = r_.config.exclude;
    globs.insert(globs.end(), r_.config.ignore.begin(), r_.config.ignore.end());
    globs.insert(globs.end(), o_.overrides.ignore.begin(), o_.overrides.ignore.end());
    for (auto& w : wanted)
      if (!ignored(w, globs)) wanted_.insert(w);
    return true;
  }

  bool load_baseline() {
    std::string path = o_.baseline;
    ReadLimits limits;  // --baseline comes from the user: anywhere
    if (path.empty() && !o_.no_baseline && !r_.config.baseline.empty()) {
      limits.inside = root_;  // lambdafit.yaml's baseline stays inside the workload
      path = (root_ / r_.config.baseline).string();
      std::error_code ec;
      if (!fs::exists(path, ec)) return true;  // configured but not written yet
    }
    if (path.empty()) return true;
    auto b = read_baseline_entries(path, d_, limits);
    if (!b) return false;
    baseline_entries_ = std::move(*b);
    for (const auto& e : baseline_entries_) baseline_.insert(e.fingerprint);
    return true;
  }

  bool load_changed_lines() {
    std::string error;
    auto ranges = changed_lines(top_.string(), o_.staged, rev_, error);
    if (!ranges) {
      d_.error(fmt::format("cannot read the changed lines: {}", error));
      return false;
    }
    for (auto& [p, r] : *ranges)
      if (auto rel = from_top(p)) ranges_[*rel] = std::move(r);
    return true;
  }

  bool in_scope(const std::string& path, int line) const {
    if (!wanted_.count(path)) return false;
    if (!o_.changed_lines_only) return true;
    auto st = status_.find(path);
    if (st != status_.end() && st->second == 'A') return true;  // every line of a new file
    auto it = ranges_.find(path);
    if (it == ranges_.end() || line <= 0) return false;
    return std::any_of(it->second.begin(), it->second.end(),
                       [&](const auto& r) { return line >= r.first && line <= r.second; });
  }

  // For changed headers, one translation unit including each, so the Clang kinds see them.
  std::vector<std::string> vehicles() {
    std::vector<std::string> headers;
    for (const auto& w : wanted_)
      if (is_header(w)) headers.push_back(w);
    if (headers.empty() || !uses_clang(sub_)) return {};
    ScanOutput scratch;
    const auto tree = walk_workload(root_, r_.config.exclude, scratch);
    const auto units = including_units(tree, headers);
    std::vector<std::string> out;
    for (const auto& h : headers) {
      auto it = units.find(h);
      if (it == units.end()) {
        lonely_.push_back(h);
        continue;
      }
      if (!wanted_.count(it->second)) out.push_back(it->second);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  bool scan() {
    r_.files = wanted_.size();
    if (wanted_.empty()) return true;  // nothing changed, or everything ignored
    const auto extra = vehicles();
    fs::path scan_root = root_;
    TempDir mirror;
    if (o_.staged) {
      if (!mirror.make()) {
        d_.error(fmt::format("staged files: {}", mirror.error));
        return false;
      }
      std::vector<std::string> paths;
      const auto root_in_top = relative_to(root_, top_).value_or("");
      auto to_top = [&](const std::string& rel) { return root_in_top.empty() ? rel : root_in_top + "/" + rel; };
      for (const auto& w : wanted_) paths.push_back(to_top(w));
      for (const auto& v : extra) paths.push_back(to_top(v));
      std::string error;
      if (!build_index_mirror(top_.string(), paths, mirror.path.string(), error)) {
        d_.error(fmt::format("cannot read the staged files from the index: {}", error));
        return false;
      }
      scan_root = root_in_top.empty() ? mirror.path : mirror.path / root_in_top;
    }
    ScanOutput out;
    ScanInput in;
    in.root = scan_root;
    in.exclude = r_.config.exclude;
    in.build_dir = o_.build_dir;
    if (o_.staged) in.mirror_of = root_;
    in.jobs = o_.jobs > 0 ? o_.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    in.isolation = o_.isolation;
    in.unit_timeout_seconds = o_.unit_timeout_seconds;
    in.worker_path = o_.worker_path;
    in.cache_dir = o_.cache_dir;
    in.clang_resource_dir = o_.clang_resource_dir;
    in.cuda_path = o_.cuda_path;
    std::vector<std::string> all(wanted_.begin(), wanted_.end());
    all.insert(all.end(), extra.begin(), extra.end());
    for (const auto& rel : all) {
      WorkloadFile f;
      f.path = rel;
      f.absolute = scan_root / rel;
      std::error_code ec;
      if (!fs::is_regular_file(f.absolute, ec)) {
        if (wanted_.count(rel)) notes_.push_back(fmt::format("{}: skipped: not a regular file", rel));
        continue;
      }
      f.size = fs::file_size(f.absolute, ec);
      in.files.push_back(std::move(f));
      out.count_file();
    }
    // A header nothing includes is parsed through a one-line unit of our own, with the
    // inferred flags (it is in no compile database).
    TempDir inferred;
    for (const auto& h : lonely_) {
      if (h.find_first_of(std::string_view("\"\\\n\r\0", 5)) != std::string::npos) {
        // The name would break out of the #include line of the generated unit.
        d_.warning(fmt::format("'{}' was not parsed: its name cannot be written in an #include line", h), {h, 0, 0});
        continue;
      }
      if (!inferred.make()) {
        // Not parsed is a warning, never a silent pass.
        d_.warning(fmt::format("'{}' was not parsed: {}", h, inferred.error), {h, 0, 0});
        continue;
      }
      const std::string ext = fs::path(h).extension() == ".cuh" ? ".cu" : ".cpp";
      const std::string name = std::to_string(in.files.size()) + "-" + fs::path(h).stem().string() + ext;
      const fs::path unit = inferred.path / name;
      std::string why;
      if (!write_file_safely(unit, "#include \"" + (scan_root / h).string() + "\"\n", why)) {
        d_.warning(fmt::format("'{}' was not parsed: {}", h, why), {h, 0, 0});
        continue;
      }
      std::error_code ec;
      in.files.push_back({".lambdafit-lint/" + name, unit, fs::file_size(unit, ec)});
      notes_.push_back(fmt::format("C/C++: no translation unit includes '{}'; parsed it through an "
                                   "inferred one",
                                   h));
    }
    run_scan(in, sub_, out);
    collect(out);
    return true;
  }

  // Baseline entries of the linted files whose fingerprint the scan no longer produced (in or
  // out of the changed lines), and entries of files that are gone from a whole-tree lint.
  void list_resolved() {
    r_.resolved_checked = true;
    const bool whole_tree = o_.files.empty() && !o_.staged && o_.diff_rev.empty();
    for (const auto& e : baseline_entries_) {
      if (seen_.count(e.fingerprint)) continue;
      std::error_code ec;
      const bool gone = whole_tree && !fs::exists(root_ / e.path, ec);
      if (wanted_.count(e.path) || gone) r_.resolved.push_back(e);
    }
  }

  Finding finding(const Evidence& e, const std::string& fingerprint, std::string severity) const {
    Finding f{e, std::move(severity), {}, fingerprint};
    auto it = names_.find(e.detector);
    if (it != names_.end()) f.criteria.assign(it->second.begin() + 2, it->second.end());
    return f;
  }

  void collect(ScanOutput& out) {
    auto& ev = out.evidence();
    const auto fps = fingerprints(ev);
    seen_.insert(fps.begin(), fps.end());
    for (std::size_t i = 0; i < ev.size(); ++i) {
      const auto& e = ev[i];
      if (!in_scope(e.path, e.line)) continue;
      auto sev = severity_.find(e.detector);
      if (sev == severity_.end()) {  // not a pack detector (an analyzer's): apply the selection
        const std::vector<std::string> names{e.detector, e.fact};
        if (!is_enabled(names, r_.config, o_.overrides)) continue;
      }
      Finding f = finding(e, fps[i], sev != severity_.end() ? sev->second : "warning");
      if (e.suppressed) r_.suppressed.push_back(std::move(f));
      else if (baseline_.count(f.fingerprint)) r_.baselined.push_back(std::move(f));
      else r_.findings.push_back(std::move(f));
    }
    permission_findings(out);
    // Problems with suppression comments (and, on request, unused ones) are findings of the
    // pseudo-detector `lambdafit-ignore`, so they print, count and baseline like the rest.
    std::vector<Evidence> problems;
    std::vector<std::string> levels;
    std::set<std::string> problem_notes;
    auto add_problem = [&](const Diagnostic& p) {
      problem_notes.insert(format_one_line(p));
      Evidence e;
      e.path = p.location.file;
      e.line = p.location.line;
      e.column = p.location.column;
      e.snippet = p.source_line;
      e.detector = kSuppressionCheck;
      e.message = p.message;
      problems.push_back(std::move(e));
      levels.push_back(p.severity == Severity::error ? "error" : p.severity == Severity::note ? "note" : "warning");
    };
    if (const auto& rep = out.suppressions()) {
      for (const auto& p : rep->problems) add_problem(p);
      for (const auto& s : rep->items) {
        if (!wanted_.count(s.path)) continue;
        r_.suppressions.push_back(s);
        if (!o_.report_unused || s.uses != 0) continue;
        const std::string ids = s.ids.empty() ? "" : fmt::format("({})", fmt::join(s.ids, ","));
        add_problem({Severity::warning,
                     fmt::format("'{}{}' silences nothing", to_string(s.form), ids),
                     {s.path, s.line, s.column},
                     s.source_line});
      }
    }
    const std::vector<std::string> pseudo{kSuppressionCheck};
    if (is_enabled(pseudo, r_.config, o_.overrides)) {
      const auto pfps = fingerprints(problems);
      seen_.insert(pfps.begin(), pfps.end());
      for (std::size_t i = 0; i < problems.size(); ++i) {
        if (!in_scope(problems[i].path, problems[i].line)) continue;
        Finding f{problems[i], effective_severity(pseudo, levels[i], r_.config, o_.overrides), {}, pfps[i]};
        if (baseline_.count(f.fingerprint)) r_.baselined.push_back(std::move(f));
        else r_.findings.push_back(std::move(f));
      }
    }
    auto order = [](const Finding& a, const Finding& b) {
      return std::tie(a.evidence.path, a.evidence.line, a.evidence.column, a.evidence.detector) <
             std::tie(b.evidence.path, b.evidence.line, b.evidence.column, b.evidence.detector);
    };
    for (auto* v : {&r_.findings, &r_.baselined, &r_.suppressed}) std::stable_sort(v->begin(), v->end(), order);
    r_.notes = notes_;
    for (const auto& n : out.summary().coverage_notes)
      if (!problem_notes.count(n)) r_.notes.push_back(n);
  }

  // Over-grant findings (lint/permissions.hpp). The analysis needs the whole workload (the
  // templates and every file a handler reaches), so it reads the work tree under the root,
  // also with --staged; only findings on linted files (and lines) are kept. The suppression
  // comments the scan parsed apply to them as to the detectors' findings.
  void permission_findings(ScanOutput& out) {
    std::vector<std::string> names{permissions::kWildcardCheck, permissions::kPermissionsFact};
    bool any = false;
    for (const char* id : {permissions::kWildcardCheck, permissions::kOverGrantCheck, permissions::kNotGrantedCheck}) {
      names[0] = id;
      any = any || is_enabled(names, r_.config, o_.overrides);
    }
    if (!any) return;
    const auto& roles = pack_.roles;
    const auto& exclude = r_.config.exclude;
    const auto result = permissions::analyze_workload(full_pack_, root_.string(), [&](std::string_view rel) {
      return !ignored(std::string(rel), exclude) && convention_role(roles, rel).role == FileRole::deployed;
    }, nullptr, o_.cache_dir);
    for (const auto& e : result.errors) notes_.push_back("permissions: " + e);
    auto ev = permission_evidence(result, root_.string());
    if (const auto& rep = out.suppressions())
      for (auto& e : ev)
        for (auto& s : rep->items) {
          if (s.path != e.path || e.line < s.first_line || e.line > s.last_line ||
              !suppression_names(s, {e.detector, e.fact}))
            continue;
          if (!e.suppressed) {
            e.suppressed = true;
            e.suppression_reason = s.reason;
          }
          ++s.uses;
        }
    const auto fps = fingerprints(ev);
    seen_.insert(fps.begin(), fps.end());
    for (std::size_t i = 0; i < ev.size(); ++i) {
      const auto& e = ev[i];
      const std::vector<std::string> n{e.detector, e.fact};
      if (!in_scope(e.path, e.line) || !is_enabled(n, r_.config, o_.overrides)) continue;
      Finding f{e, effective_severity(n, "warning", r_.config, o_.overrides), {}, fps[i]};
      if (e.suppressed) r_.suppressed.push_back(std::move(f));
      else if (baseline_.count(f.fingerprint)) r_.baselined.push_back(std::move(f));
      else r_.findings.push_back(std::move(f));
    }
  }

  const RulePack& full_pack_;
  const detail::RulePackData& pack_;
  const LintOptions& o_;
  std::string rev_;  // --diff REV resolved to a commit hash
  Diagnostics d_;
  LintResult r_;
  fs::path top_, root_;
  detail::RulePackData sub_;
  std::map<std::string, std::vector<std::string>> names_;
  std::map<std::string, std::string> severity_;
  std::set<std::string> wanted_;
  std::map<std::string, char> status_;
  std::map<std::string, std::vector<std::pair<int, int>>> ranges_;
  std::set<std::string> baseline_;
  std::vector<BaselineEntry> baseline_entries_;
  std::set<std::string> seen_;  ///< fingerprints of everything the scan found, in scope or not
  std::vector<std::string> notes_;
  std::vector<std::string> lonely_;  ///< changed headers no unit of the tree includes
};

}  // namespace

Result<LintResult> run_lint(const RulePack& pack, const LintOptions& options) noexcept {
  try {
    return Linter(pack, options).run();
  } catch (const std::exception& e) {
    return Result<LintResult>::failure(fmt::format("internal error: {}", e.what()));
  } catch (...) {
    return Result<LintResult>::failure("internal error");
  }
}

}  // namespace lambdafit::lint
