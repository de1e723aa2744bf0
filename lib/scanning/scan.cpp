#include "scanning/scan.hpp"

#include <sys/vfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <tuple>
#include <sstream>

#include <fmt/format.h>

#include "core/glob.hpp"
#include "core/safe_file.hpp"

namespace lambdafit {

void ScanOutput::add(Evidence e) {
  std::lock_guard l(mu_);
  evidence_.push_back(std::move(e));
}

void ScanOutput::add_sdk(std::vector<cpp::SdkSite> sites, const std::vector<std::string>& files) {
  std::lock_guard l(mu_);
  for (auto& site : sites) {
    auto& list = sdk_.sites[site.path];
    if (std::find(list.begin(), list.end(), site) == list.end()) list.push_back(std::move(site));
  }
  sdk_.files.insert(files.begin(), files.end());
}

void ScanOutput::mark_sdk_parsed() {
  std::lock_guard l(mu_);
  sdk_.parsed = true;
}

void ScanOutput::note(std::string text) {
  std::lock_guard l(mu_);
  summary_.coverage_notes.push_back(std::move(text));
}

void ScanOutput::set_fact(const std::string& fact, Value v) {
  std::lock_guard l(mu_);
  computed_[fact] = std::move(v);
}

void ScanOutput::count_reused() {
  std::lock_guard l(mu_);
  ++summary_.tu_reused;
}

void ScanOutput::count_reused_files(std::size_t n) {
  std::lock_guard l(mu_);
  summary_.file_results_reused += n;
}

void ScanOutput::count_tu(TuOutcome o) {
  std::lock_guard l(mu_);
  ++summary_.translation_units;
  switch (o) {
    case TuOutcome::ok: ++summary_.tu_ok; break;
    case TuOutcome::errors: ++summary_.tu_errors; break;
    case TuOutcome::failed: ++summary_.parse_failures; break;
  }
}

void ScanOutput::add_job(ScheduledJob j) {
  std::lock_guard l(mu_);
  jobs_.push_back(std::move(j));
}

void ScanOutput::set_languages(std::vector<LanguageShare> langs) {
  std::lock_guard l(mu_);
  languages_ = std::move(langs);
}

void ScanOutput::set_package(PackageEstimate p) {
  std::lock_guard l(mu_);
  package_ = std::move(p);
}

namespace {

// Merges runs of items that `same` says share a place; `evidence` is sorted by place first.
void merge_runs(std::vector<Evidence>& ev,
                const std::function<bool(const Evidence&, const Evidence&)>& same) {
  std::stable_sort(ev.begin(), ev.end(), [](const Evidence& a, const Evidence& b) {
    return std::tie(a.path, a.line, a.column) < std::tie(b.path, b.line, b.column);
  });
  std::vector<Evidence> out;
  for (auto& e : ev) {
    if (e.detectors.empty()) e.detectors.push_back(e.detector);
    // Items of one place are adjacent: look back only over the current path and line.
    Evidence* into = nullptr;
    for (auto it = out.rbegin(); it != out.rend() && it->path == e.path && it->line == e.line; ++it)
      if (same(*it, e)) {
        into = &*it;
        break;
      }
    if (!into) {
      out.push_back(std::move(e));
      continue;
    }
    for (auto& d : e.detectors)
      if (std::find(into->detectors.begin(), into->detectors.end(), d) == into->detectors.end())
        into->detectors.push_back(d);
  }
  // The first detector stays first (it is `detector`); the others in name order.
  for (auto& e : out)
    if (e.detectors.size() > 2) std::sort(e.detectors.begin() + 1, e.detectors.end());
  ev = std::move(out);
}

}  // namespace

void merge_places(std::vector<Evidence>& evidence) {
  merge_runs(evidence, [](const Evidence& a, const Evidence& b) {
    // A descriptor line may state two values for one fact (`-Xms512m -Xmx4g`): keep both.
    return a.fact == b.fact && a.suppressed == b.suppressed && a.bound == b.bound &&
           a.value == b.value;
  });
}

std::vector<Evidence> distinct_places(std::vector<Evidence> evidence) {
  merge_runs(evidence, [](const Evidence&, const Evidence&) { return true; });
  return evidence;
}

namespace {

// Files there look regular but are views of the system (/proc/self/mem, /proc/kcore).
bool on_pseudo_fs(const std::filesystem::path& p) {
  struct statfs s {};
  if (::statfs(p.c_str(), &s) != 0) return true;
  return s.f_type == 0x9fa0 || s.f_type == 0x62656572;  // PROC_SUPER_MAGIC, SYSFS_MAGIC
}

// Whether `p`, with every link resolved, lies under the resolved `real_root`.
bool inside(const std::filesystem::path& real_root, const std::filesystem::path& p) {
  std::error_code ec;
  const auto target = std::filesystem::canonical(p, ec);
  if (ec) return false;
  const auto rel = target.lexically_relative(real_root);
  return !rel.empty() && *rel.begin() != "..";
}
}  // namespace

bool is_skipped_dir(std::string_view name) {
  static const char* const kSkipped[] = {
      ".git", ".hg", ".svn", ".bzr", "CVS", "_darcs", "build", "_build", "node_modules",
      "__pycache__", ".venv", "venv", ".tox", ".mypy_cache", ".pytest_cache", ".gradle",
      ".idea", ".vscode", ".cache", ".terraform"};
  for (const char* s : kSkipped)
    if (name == s) return true;
  return name.rfind("cmake-build-", 0) == 0;
}

std::vector<WorkloadFile> walk_workload(const std::filesystem::path& root,
                                        const std::vector<std::string>& exclude,
                                        ScanOutput& out, const WalkProgress& progress) {
  namespace fs = std::filesystem;
  std::vector<WorkloadFile> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    out.note(fmt::format("cannot list '{}': {}", root.string(), ec.message()));
    return files;
  }
  const fs::path real_root = fs::weakly_canonical(root, ec);
  ec.clear();
  auto excluded = [&](const std::string& rel) {
    return std::any_of(exclude.begin(), exclude.end(), [&](const std::string& g) {
      return glob_match(g, rel) || glob_match(g + "/**", rel);
    });
  };
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) {
      out.note(fmt::format("cannot list an entry under '{}': {}", root.string(), ec.message()));
      ec.clear();
      continue;
    }
    const auto& entry = *it;
    // Lexically, so a symlink keeps its own path in the tree (fs::relative would resolve it,
    // turning a link to outside into "../…" and failing on a link loop).
    std::string rel = entry.path().lexically_relative(root).generic_string();
    std::error_code sec;
    const bool is_link = entry.is_symlink(sec);
    if (entry.is_directory(sec) && !sec) {
      // recursive_directory_iterator does not follow directory symlinks by default.
      if (is_skipped_dir(entry.path().filename().string()) || excluded(rel)) {
        it.disable_recursion_pending();
      } else if (is_link) {
        out.note(fmt::format("{}: skipped: symlink to a directory (not followed)", rel));
      } else if (::access(entry.path().c_str(), R_OK | X_OK) != 0) {
        out.note(fmt::format("{}: skipped: directory cannot be read ({})", rel, std::strerror(errno)));
        it.disable_recursion_pending();
      }
      continue;
    }
    if (excluded(rel)) continue;
    if (!entry.is_regular_file(sec) || sec) {
      out.note(fmt::format("{}: skipped: {}", rel,
                           is_link ? "broken or special symlink" : "not a regular file (FIFO, socket or device)"));
      continue;
    }
    if (is_link && on_pseudo_fs(entry.path())) {
      out.note(fmt::format("{}: skipped: symlink into /proc or /sys", rel));
      continue;
    }
    if (is_link && !inside(real_root, entry.path())) {
      // The workload is untrusted: a link must not make the scan read (and quote) a file
      // elsewhere on the machine, such as /etc/shadow.
      out.note(fmt::format("{}: skipped: symlink to a file outside the workload (not followed)", rel));
      continue;
    }
    WorkloadFile f;
    f.path = std::move(rel);
    f.absolute = entry.path();
    f.size = entry.file_size(sec);
    files.push_back(std::move(f));
    out.count_file();
    if (progress && files.size() % 256 == 0) progress(files.size(), files.back().path);
  }
  std::sort(files.begin(), files.end(),
            [](const WorkloadFile& a, const WorkloadFile& b) { return a.path < b.path; });
  return files;
}

std::optional<std::string> read_file(const std::filesystem::path& p) {
  // Regular files only, never blocking: a workload file swapped for a FIFO or a device
  // after the walk cannot stall or flood the scan.
  ReadLimits limits;
  limits.max_bytes = std::uintmax_t{1} << 30;
  std::string why;
  return read_regular_file(p, limits, why);
}

}  // namespace lambdafit
