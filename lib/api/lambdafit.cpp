// The public API: rule pack loading and the assessment pipeline, behind a no-throw boundary.
#include "lambdafit/lambdafit.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <filesystem>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "core/own_path.hpp"
#include "core/quantity.hpp"
#include "core/spelling.hpp"
#include "facts/manifest.hpp"
#include "facts/resolve.hpp"
#include "permissions/summary.hpp"
#include "permissions/workload.hpp"
#include "rulepack/model.hpp"
#include "scanning/detector_kind.hpp"
#include "scoring/evaluate.hpp"

#ifndef LAMBDAFIT_VERSION
#define LAMBDAFIT_VERSION "0.0.0"
#endif

namespace lambdafit {

namespace fs = std::filesystem;

std::string_view version() noexcept { return LAMBDAFIT_VERSION; }


std::optional<std::string> RulePack::default_dir() noexcept {
  try {
    std::error_code ec;
    // The environment is the command line's business ($LAMBDAFIT_RULES_DIR is read there);
    // an embedder names other directories to RulePack::load.
    std::vector<fs::path> candidates;
    if (auto dir = own_binary_dir(); !dir.empty()) {
      candidates.push_back(dir / ".." / "share" / "lambdafit" / "rules");
      candidates.push_back(dir / ".." / ".." / "share" / "lambdafit" / "rules");  // lib/<triplet>/
    }
#ifdef LAMBDAFIT_INSTALL_RULES_DIR
    candidates.emplace_back(LAMBDAFIT_INSTALL_RULES_DIR);
#endif
#ifdef LAMBDAFIT_SOURCE_RULES_DIR
    candidates.emplace_back(LAMBDAFIT_SOURCE_RULES_DIR);
#endif
    for (const auto& c : candidates)
      if (fs::is_directory(c, ec)) return fs::weakly_canonical(c, ec).string();
  } catch (...) {
  }
  return std::nullopt;
}

Result<RulePack> RulePack::load(const std::vector<std::string>& dirs) noexcept {
  try {
    if (!dirs.empty()) return load_rule_pack(dirs);
    auto dir = default_dir();
    if (!dir)
      return Result<RulePack>::failure(
          "cannot find the rule pack installed with the library; name the rule directories");
    return load_rule_pack({*dir});
  } catch (const std::exception& e) {
    return Result<RulePack>::failure(fmt::format("internal error: {}", e.what()));
  }
}

std::vector<DetectorInfo> RulePack::detectors() const {
  std::vector<DetectorInfo> out;
  for (const auto& d : data_->detectors) {
    DetectorInfo i{d.id, d.kind, d.fact, d.message, d.description, d.severity, {}, d.at};
    for (const auto& c : data_->criteria)
      if (std::find(c.facts.begin(), c.facts.end(), d.fact) != c.facts.end()) i.criteria.push_back(c.id);
    out.push_back(std::move(i));
  }
  return out;
}

std::vector<CriterionInfo> RulePack::criteria() const {
  std::vector<CriterionInfo> out;
  for (const auto& c : data_->criteria)
    out.push_back({c.id, c.title, c.kind, c.description, c.advice, c.facts, c.at});
  return out;
}

std::vector<QuestionInfo> RulePack::questions() const {
  std::vector<QuestionInfo> out;
  for (const auto& q : data_->questions) {
    const auto* f = data_->fact(q.fact);
    const std::string type = !q.choices.empty() ? "choice" : f->type;
    out.push_back({q.id, q.fact, q.prompt, q.help, type, std::string(canonical_unit(f->dimension)),
                   q.choices, q.at});
  }
  return out;
}

std::vector<FactInfo> RulePack::facts() const {
  std::vector<FactInfo> out;
  for (const auto& f : data_->facts) {
    out.push_back({f.id, f.title, f.type, std::string(canonical_unit(f.dimension)), f.at});
  }
  return out;
}

std::vector<PlatformInfo> RulePack::platforms() const {
  std::vector<PlatformInfo> out;
  for (const auto& p : data_->platforms) {
    PlatformInfo i{p.id, p.name, p.as_of, p.sources, {}, p.at};
    for (const auto& [k, v] : p.limits) i.limits[k] = value_to_string(v);
    out.push_back(std::move(i));
  }
  return out;
}

std::string RulePack::default_platform() const { return data_->scoring.default_platform; }

namespace {

Result<Assessment> assess_impl(const RulePack& pack, const AssessOptions& o) {
  const auto& data = pack.data();
  Diagnostics diags;
  std::error_code ec;
  if (o.path.empty()) return Result<Assessment>::failure("no workload path given");
  if (!fs::exists(o.path, ec))
    return Result<Assessment>::failure(fmt::format("workload '{}' does not exist", o.path), {o.path, 0, 0});
  if (!fs::is_directory(o.path, ec))
    return Result<Assessment>::failure(fmt::format("workload '{}' is not a directory", o.path), {o.path, 0, 0});
  if (::access(o.path.c_str(), R_OK | X_OK) != 0)
    return Result<Assessment>::failure(fmt::format("workload '{}' cannot be read", o.path), {o.path, 0, 0});

  Manifest manifest;
  if (o.use_manifest) {
    auto m = load_manifest(o.path, data, diags);
    if (!m) return Result<Assessment>(diags.take());
    manifest = std::move(*m);
  }
  auto answers = manifest.answers;
  if (o.answers_file) {
    auto extra = load_answers_file(*o.answers_file, data, diags);
    if (!extra) return Result<Assessment>(diags.take());
    for (auto& [k, v] : *extra) answers[k] = std::move(v);
  }
  for (const auto& [fact_id, input] : o.answers) {
    const FactSpec* spec = data.fact(fact_id);
    if (!spec) {
      diags.error(fmt::format("answer for unknown fact '{}'{}", fact_id, did_you_mean(fact_id, data.fact_ids())));
      continue;
    }
    std::string why;
    auto v = parse_answer_value(input.value, *spec, data, &why);
    if (!v) {
      diags.error(fmt::format("bad answer for '{}': {}", fact_id, why));
      continue;
    }
    answers[fact_id] = Answer{*v, input.by, input.date, input.note, {}};
  }
  if (diags.has_errors()) return Result<Assessment>(diags.take());

  // Platforms: explicit, then the manifest's, then the pack's default.
  std::vector<const PlatformSpec*> platforms;
  std::vector<std::string> wanted = o.platforms;
  if (wanted.empty()) wanted.push_back(manifest.platform.empty() ? data.scoring.default_platform : manifest.platform);
  for (const auto& w : wanted) {
    if (w == "all") {
      // The default first, so it stays the primary platform.
      if (auto* d = data.platform(data.scoring.default_platform)) platforms.push_back(d);
      for (const auto& p : data.platforms)
        if (p.id != data.scoring.default_platform) platforms.push_back(&p);
      continue;
    }
    const auto* p = data.platform(w);
    if (!p) return Result<Assessment>::failure(fmt::format("unknown platform '{}'{}", w, did_you_mean(w, data.platform_ids())));
    platforms.push_back(p);
  }

  ScanOutput scan;
  ScanInput in;
  in.root = fs::absolute(o.path);
  in.exclude = manifest.exclude;
  in.role_overrides = manifest.roles;
  in.build_dir = o.build_dir;
  in.jobs = o.jobs > 0 ? o.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  in.on_progress = o.on_progress;
  in.cancel = o.cancel;
  in.isolation = o.isolation;
  in.unit_timeout_seconds = o.unit_timeout_seconds;
  in.worker_path = o.worker_path;
  in.cache_dir = o.cache_dir;
  in.clang_resource_dir = o.clang_resource_dir;
  in.cuda_path = o.cuda_path;
  in.progress("walk", 0, 0, o.path);
  // The total is unknown while walking: progress shows the count so far (done, total 0).
  in.files = walk_workload(in.root, in.exclude, scan,
                           [&](std::size_t n, const std::string& latest) { in.progress("walk", n, 0, latest); });
  run_scan(in, data, scan);
  if (in.cancelled()) return Result<Assessment>::failure("assessment cancelled");
  PermissionsSummary perms;
  {
    // Least-privilege IAM from the SDK calls of the files the scan walked (the manifest's
    // excludes apply) and took as deployed.
    const auto& roles = scan.roles();
    std::set<std::string, std::less<>> walked;
    for (const auto& f : in.files) walked.insert(f.path);
    in.progress("permissions", 0, 0, "");
    perms = permissions::summarize(permissions::analyze_workload(
        pack, in.root.string(), [&](std::string_view rel) {
          return walked.count(rel) > 0 && roles.role_of(rel) == FileRole::deployed;
        }, &scan.sdk_calls(), in.cache_dir));
  }

  Assessment a;
  a.tool_version = std::string(version());
  a.workload_path = o.path;
  a.workload_name = !o.name.empty() ? o.name
                    : !manifest.name.empty() ? manifest.name
                                             : fs::absolute(o.path).lexically_normal().filename().string();
  if (a.workload_name.empty()) a.workload_name = fs::absolute(o.path).lexically_normal().parent_path().filename().string();
  // Counted evidence goes into the assessment's one table; facts and criteria refer to it.
  auto table = std::make_shared<EvidenceTable>();
  std::vector<Evidence> not_counted;
  for (auto& e : scan.evidence()) {
    if (e.suppressed) scan.summary().suppressed.push_back(std::move(e));
    else if (!e.counted) not_counted.push_back(std::move(e));
    else table->push_back(std::move(e));
  }
  scan.evidence().clear();
  scan.summary().not_counted = distinct_places(std::move(not_counted));
  scan.summary().roles = scan.roles().counts();
  scan.summary().deployed_by = scan.roles().marks();
  if (!in.files.empty() && scan.summary().roles[FileRole::deployed] == 0)
    scan.note("no file is taken as deployed code (every file is a test, example, tool, build "
              "file, doc or vendored): nothing counts; name the deployed files under 'roles:' in "
              "lambdafit.yaml");
  a.facts = resolve_facts_in_table(data, table, scan.computed(), answers);
  in.progress("evaluate", 0, platforms.size(), "");
  CriterionEvidence shared{table, {}};
  for (const auto* p : platforms) {
    a.platforms.push_back(evaluate_platform(data, a.facts, *p, &shared));
    in.progress("evaluate", a.platforms.size(), platforms.size(), a.platforms.back().platform);
  }
  a.evidence = std::move(table);
  a.scan = std::move(scan.summary());
  a.scheduled_jobs = std::move(scan.jobs());
  a.languages = std::move(scan.languages());
  a.package = std::move(scan.package());
  a.permissions = std::move(perms);
  a.warnings = diags.take();
  return a;
}

}  // namespace

Result<Assessment> assess(const RulePack& pack, const AssessOptions& options) noexcept {
  try {
    return assess_impl(pack, options);
  } catch (const std::exception& e) {
    return Result<Assessment>::failure(fmt::format("internal error: {}", e.what()));
  } catch (...) {
    return Result<Assessment>::failure("internal error");
  }
}

}  // namespace lambdafit
