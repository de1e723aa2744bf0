#include "scanning/clang/include_dirs.hpp"

#include <algorithm>
#include <deque>
#include <set>

#include <re2/re2.h>

namespace lambdafit::cpp {

namespace {

namespace fs = std::filesystem;

std::string parent_of(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

// How many leading path components two relative directories share.
std::size_t shared_components(const std::string& a, const std::string& b) {
  std::size_t n = 0, i = 0;
  for (;;) {
    const auto ea = a.find('/', i), eb = b.find('/', i);
    const std::string_view ca = std::string_view(a).substr(i, ea == std::string::npos ? std::string::npos : ea - i);
    const std::string_view cb = std::string_view(b).substr(i, eb == std::string::npos ? std::string::npos : eb - i);
    if (ca.empty() || ca != cb) return n;
    ++n;
    if (ea == std::string::npos || eb == std::string::npos || ea != eb) return n;
    i = ea + 1;
  }
}

constexpr std::uintmax_t kMaxScanned = 1u << 20;  // larger sources are parsed, not pre-read

}  // namespace

IncludeDirs::IncludeDirs(const ScanInput& in) : in_(in) {
  for (const auto& f : in.files) {
    by_name_.emplace(fs::path(f.path).filename().string(), &f);
    by_path_.emplace(f.path, &f);
  }
}

const std::vector<IncludeDirs::Include>& IncludeDirs::includes_of(const std::string& path) {
  auto [it, fresh] = parsed_.try_emplace(path);
  if (!fresh) return it->second;
  const auto f = by_path_.find(path);
  if (f == by_path_.end() || f->second->size > kMaxScanned) return it->second;
  const auto text = read_file(f->second->absolute);
  if (!text) return it->second;
  // Every #include line, whatever #if it sits under: a superset of what one parse reads.
  static const re2::RE2 kInclude(R"re((?m)^[ \t]*#[ \t]*include[ \t]*(?:"([^"\n]+)"|<([^>\n]+)>))re");
  re2::StringPiece rest(*text);
  std::string quoted, angled;
  while (re2::RE2::FindAndConsume(&rest, kInclude, &quoted, &angled))
    it->second.push_back(quoted.empty() ? Include{angled, false} : Include{quoted, true});
  return it->second;
}

IncludeDirs::Resolved IncludeDirs::resolve(const Include& inc, const std::string& from,
                                           const std::string& unit) const {
  if (inc.quoted) {  // beside the including file first, as the compiler looks
    const std::string dir = parent_of(from);
    const std::string beside = fs::path(dir.empty() ? inc.name : dir + "/" + inc.name).lexically_normal().generic_string();
    if (by_path_.count(beside)) return {beside, {}, false};
  }
  if (inc.name.find("..") != std::string::npos || inc.name.front() == '/') return {};
  Resolved best;
  std::size_t best_shared = 0;
  const std::string unit_dir = parent_of(unit);
  auto [lo, hi] = by_name_.equal_range(fs::path(inc.name).filename().string());
  for (auto it = lo; it != hi; ++it) {
    const std::string& cand = it->second->path;
    std::string dir;
    if (cand == inc.name) {
      dir.clear();
    } else if (cand.size() > inc.name.size() && cand[cand.size() - inc.name.size() - 1] == '/' &&
               cand.compare(cand.size() - inc.name.size(), inc.name.size(), inc.name) == 0) {
      dir = cand.substr(0, cand.size() - inc.name.size() - 1);
    } else {
      continue;
    }
    // Nearest to the unit wins; among equals, the shallower directory, then the first by name.
    const std::size_t shared = shared_components(dir, unit_dir);
    const bool better = best.file.empty() || shared > best_shared ||
                        (shared == best_shared && (dir.size() < best.dir.size() ||
                                                   (dir.size() == best.dir.size() && dir < best.dir)));
    if (better) {
      best = {cand, dir, true};
      best_shared = shared;
    }
  }
  return best;
}

std::vector<std::string> IncludeDirs::flags_for(const std::string& unit) {
  std::vector<std::string> dirs;  // in the order found
  std::set<std::string> seen_dirs, seen_files{unit};
  std::deque<std::string> queue{unit};
  while (!queue.empty()) {
    const std::string from = std::move(queue.front());
    queue.pop_front();
    // A copy: resolving may parse more files and grow the map under the reference.
    const std::vector<Include> includes = includes_of(from);
    for (const auto& inc : includes) {
      const Resolved r = resolve(inc, from, unit);
      if (r.file.empty()) continue;
      if (r.needs_dir && seen_dirs.insert(r.dir).second) dirs.push_back(r.dir);
      if (seen_files.insert(r.file).second) queue.push_back(r.file);
    }
  }
  if (seen_dirs.insert("").second) dirs.push_back("");  // the root, as a last resort
  const std::string unit_dir = parent_of(unit);
  std::stable_sort(dirs.begin(), dirs.end(), [&](const std::string& a, const std::string& b) {
    return shared_components(a, unit_dir) > shared_components(b, unit_dir);
  });
  std::vector<std::string> flags;
  flags.reserve(dirs.size());
  for (const auto& d : dirs) flags.push_back("-I" + (d.empty() ? in_.root : in_.root / d).string());
  return flags;
}

}  // namespace lambdafit::cpp
