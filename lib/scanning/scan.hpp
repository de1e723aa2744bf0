// The scanning stage: the files of a workload, what detectors and analyzers read, and where
// they put what they find.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "lambdafit/lambdafit.hpp"
#include "rulepack/model.hpp"
#include "scanning/clang/sdk_sites.hpp"
#include "scanning/roles.hpp"

namespace lambdafit {

struct SuppressionReport;

struct WorkloadFile {
  std::string path;               ///< relative to the root, '/' separators
  std::filesystem::path absolute;
  std::uintmax_t size = 0;
};

/// What every detector kind and analyzer gets to read.
struct ScanInput {
  std::filesystem::path root;
  std::vector<WorkloadFile> files;   ///< walked files, excludes applied
  std::vector<std::string> exclude;  ///< the workload's exclude globs
  std::vector<RoleGlob> role_overrides;  ///< the manifest's `roles:` globs
  std::string build_dir;             ///< -p: where compile_commands.json lives
  /// lint --staged: root is a mirror of the index and this is the workload in the work tree
  /// it stands for. Compile-database entries name files there; headers link back into it.
  std::filesystem::path mirror_of;
  int jobs = 1;
  std::function<void(const Progress&)> on_progress;
  const std::atomic<bool>* cancel = nullptr;
  Isolation isolation = Isolation::processes;  ///< C/C++ parses: worker processes or threads
  int unit_timeout_seconds = 300;              ///< per translation unit, in every mode
  std::string worker_path;                     ///< empty: found beside the library
  std::string cache_dir;  ///< results of C/C++ units and of files kept there (tu_cache.hpp, file_cache.hpp)
  std::string clang_resource_dir;  ///< Clang's builtin headers; empty: the build's own
  std::string cuda_path;           ///< a CUDA installation; empty: /usr/local/cuda if present

  bool cancelled() const { return cancel && cancel->load(); }
  void progress(const char* stage, std::size_t done, std::size_t total, std::string item) const {
    if (on_progress) on_progress(Progress{stage, done, total, std::move(item)});
  }
};

enum class TuOutcome { ok, errors, failed };

/// Collects evidence, computed facts and notes; safe to call from several threads.
class ScanOutput {
 public:
  void add(Evidence e);
  void note(std::string text);
  /// A fact computed by the scan rather than matched (languages, package size, …).
  void set_fact(const std::string& fact, Value v);
  void count_file() { std::lock_guard l(mu_); ++summary_.files; }
  void count_tu(TuOutcome o);
  void count_reused();
  /// Per-file results of a kind taken from the cache (engine/file_cache.hpp).
  void count_reused_files(std::size_t n);
  void add_job(ScheduledJob j);
  void set_languages(std::vector<LanguageShare> l);
  void set_package(PackageEstimate p);
  /// What a C/C++ unit's parse saw of aws-sdk-cpp (sdk_sites.hpp); `parsed` marks that the
  /// C/C++ parses ran with the reader on.
  void add_sdk(std::vector<cpp::SdkSite> sites, const std::vector<std::string>& files);
  void mark_sdk_parsed();

  // Read once scanning is done (single-threaded).
  std::vector<Evidence>& evidence() { return evidence_; }
  std::map<std::string, Value>& computed() { return computed_; }
  ScanSummary& summary() { return summary_; }
  std::vector<ScheduledJob>& jobs() { return jobs_; }
  std::vector<LanguageShare>& languages() { return languages_; }
  std::optional<PackageEstimate>& package() { return package_; }
  /// Every walked file's role (scanning/roles.hpp); run_scan fills it before detectors run.
  RoleMap& roles() { return roles_; }
  const RoleMap& roles() const { return roles_; }
  cpp::SdkCalls& sdk_calls() { return sdk_; }
  /// lambdafit-ignore comments run_scan found (scanning/suppressions.hpp); null before.
  std::shared_ptr<SuppressionReport>& suppressions() { return suppressions_; }

 private:
  std::mutex mu_;
  std::vector<Evidence> evidence_;
  std::map<std::string, Value> computed_;
  ScanSummary summary_;
  std::vector<ScheduledJob> jobs_;
  std::vector<LanguageShare> languages_;
  std::optional<PackageEstimate> package_;
  std::shared_ptr<SuppressionReport> suppressions_;
  RoleMap roles_;
  cpp::SdkCalls sdk_;
};

/// Merges evidence into one item per place: items with the same path, line, fact and
/// suppression become one, listing every detector that matched (`detectors`, sorted; the
/// first stays in `detector`) at the first column. Sorts by path, line and column.
void merge_places(std::vector<Evidence>& evidence);

/// The same across facts (a criterion's or a report's list): one item per path and line.
std::vector<Evidence> distinct_places(std::vector<Evidence> evidence);

/// Told every few hundred files of a walk: how many so far and the latest one.
using WalkProgress = std::function<void(std::size_t files, const std::string& latest)>;

/// Lists the files of a workload: skips VCS and build directories and the exclude globs,
/// never follows directory symlinks (so loops cannot hang it), and notes unreadable entries.
std::vector<WorkloadFile> walk_workload(const std::filesystem::path& root,
                                        const std::vector<std::string>& exclude,
                                        ScanOutput& out, const WalkProgress& progress = {});

/// Whether a relative directory path is one the walk skips (.git, build, node_modules, …).
bool is_skipped_dir(std::string_view name);

/// Reads a whole file; nullopt when it cannot be read.
std::optional<std::string> read_file(const std::filesystem::path& p);

}  // namespace lambdafit
