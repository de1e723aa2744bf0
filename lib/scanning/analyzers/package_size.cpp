#include "scanning/analyzers/package_size.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "core/glob.hpp"
#include "scanning/text/file_type.hpp"
#include "scanning/text/text_file.hpp"

namespace lambdafit {

namespace {

std::string basename_of(const std::string& p) {
  const auto s = p.rfind('/');
  return s == std::string::npos ? p : p.substr(s + 1);
}

// Sizes of regular files under `dir`, never following symlinks.
std::uint64_t tree_bytes(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::uint64_t total = 0;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code sec;
    if (it->is_symlink(sec)) continue;
    if (it->is_regular_file(sec)) total += it->file_size(sec);
  }
  return total;
}

double to_mb(std::uint64_t bytes) {
  return std::round(static_cast<double>(bytes) / 1048576.0 * 100.0) / 100.0;
}

}  // namespace

PackageEstimate estimate_package(const std::filesystem::path& root,
                                 const std::vector<WorkloadFile>& files,
                                 const std::vector<std::string>& exclude, ScanOutput& out,
                                 const std::map<std::string, std::string>& runtime_of_type) {
  PackageEstimate p;
  std::map<std::string, std::uint64_t> avoidable;  // where -> bytes
  std::vector<const WorkloadFile*> big;
  for (const auto& f : files) {
    const RoleDecision role = out.roles().decision(f.path);
    switch (role.role) {
      case FileRole::test:
      case FileRole::docs:
      case FileRole::example:
      case FileRole::tooling:
        avoidable[role.where] += f.size;
        p.avoidable_bytes += f.size;
        continue;
      default: break;
    }
    p.bytes += f.size;
    if (f.size >= kBigAsset && !runtime_of_type.count(file_type_from_path(f.path).name)) big.push_back(&f);
  }
  // A big file nobody names is probably not used at run time.
  if (!big.empty()) {
    std::vector<std::string> texts;
    for (const auto& f : files) {
      if (file_type_from_path(f.path).name.empty() || f.size > kDefaultTextSizeCap) continue;
      TextRead r = read_text_file(f.absolute, f.size, kDefaultTextSizeCap);
      if (r.text) texts.push_back(std::move(*r.text));
    }
    for (const WorkloadFile* f : big) {
      const std::string name = basename_of(f->path);
      const bool named = std::any_of(texts.begin(), texts.end(), [&](const std::string& t) {
        return t.find(name) != std::string::npos;
      });
      if (named) continue;
      avoidable[f->path] += f->size;
      p.avoidable_bytes += f->size;
    }
  }
  // node_modules ships with a Node.js function but the walk does not enter it.
  std::error_code ec;
  const auto nm = root / "node_modules";
  const bool nm_excluded = std::any_of(exclude.begin(), exclude.end(), [](const std::string& g) {
    return glob_match(g, "node_modules") || glob_match(g, "node_modules/x");
  });
  if (!nm_excluded && std::filesystem::is_directory(nm, ec) &&
      !std::filesystem::is_symlink(nm, ec)) {
    const std::uint64_t n = tree_bytes(nm);
    p.bytes += n;
    out.note(fmt::format("package estimate includes node_modules ({:.1f} MB), which is not scanned",
                         n / 1048576.0));
  }
  std::vector<std::pair<std::string, std::uint64_t>> list(avoidable.begin(), avoidable.end());
  std::stable_sort(list.begin(), list.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [where, bytes] : list) p.avoidable.push_back(where);
  return p;
}

std::string unbundled_dependencies(const std::filesystem::path& root,
                                   const std::vector<WorkloadFile>& files, const RoleMap& roles) {
  std::error_code ec;
  const bool node_modules = std::filesystem::is_directory(root / "node_modules", ec);
  for (const auto& f : files) {
    const FileRole r = roles.role_of(f.path);
    if (r != FileRole::deployed && r != FileRole::build) continue;
    const std::string base = basename_of(f.path);
    const bool manifest =
        (base.rfind("requirements", 0) == 0 && base.size() > 4 &&
         base.compare(base.size() - 4, 4, ".txt") == 0) ||
        base == "Pipfile" || base == "pyproject.toml" || base == "setup.py" ||
        (base == "package.json" && !(node_modules && f.path == "package.json")) ||
        base == "pom.xml" || base == "build.gradle" || base == "build.gradle.kts" ||
        base == "Gemfile" || base == "go.mod" || base == "Cargo.toml" || base == "composer.json" ||
        (base.size() > 7 && base.compare(base.size() - 7, 7, ".csproj") == 0);
    if (manifest) return f.path;
  }
  return {};
}

void PackageAnalyzer::analyze(const ScanInput& in, const detail::RulePackData& pack,
                              ScanOutput& out) const {
  PackageEstimate p = estimate_package(in.root, in.files, in.exclude, out, pack.runtime_of_type);
  // Dependencies fetched at build time can outweigh the code many times over (boto3, numpy,
  // torch), so the tree's size only decides the package size when nothing is fetched.
  if (const std::string m = unbundled_dependencies(in.root, in.files, out.roles()); !m.empty())
    out.note(fmt::format("package size left to the questionnaire: the tree holds {:.2f} MB, but "
                         "{} lists dependencies that are not in the tree",
                         p.bytes / 1048576.0, m));
  else
    out.set_fact("package.size_mb", Quantity{to_mb(p.bytes), Dimension::size});
  out.set_fact("package.avoidable_mb", Quantity{to_mb(p.avoidable_bytes), Dimension::size});
  out.set_package(std::move(p));
}

}  // namespace lambdafit
