#include "scanning/roles.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "core/glob.hpp"
#include "scanning/scan.hpp"

namespace lambdafit {

namespace {

std::string location(const SourceLocation& at) {
  return fmt::format("{}:{}:{}", at.file, at.line, at.column);
}

// A `dirs` entry matches a directory at any depth: "tests" by its name, "src/main" by its
// last segments.
bool dir_matches(const std::string& entry, std::string_view dir) {
  if (entry.find('/') == std::string::npos) return glob_match(entry, dir);
  return glob_match(entry, dir) || glob_match("**/" + entry, dir);
}

bool under(std::string_view path, std::string_view prefix) {
  if (prefix.empty()) return true;
  if (path == prefix) return true;
  std::string_view p = prefix;
  if (p.back() == '/') p.remove_suffix(1);
  return path.size() > p.size() && path.substr(0, p.size()) == p && path[p.size()] == '/';
}

}  // namespace

int final_stage_line(std::string_view text) {
  int line = 1, froms = 0, last = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t nl = std::min(text.find('\n', pos), text.size());
    std::string_view l = text.substr(pos, nl - pos);
    while (!l.empty() && (l.front() == ' ' || l.front() == '\t')) l.remove_prefix(1);
    if (l.size() > 5 && (l[4] == ' ' || l[4] == '\t')) {
      std::string word(l.substr(0, 4));
      for (auto& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (word == "FROM") {
        ++froms;
        last = line;
      }
    }
    pos = nl + 1;
    ++line;
  }
  return froms >= 2 ? last : 0;
}

RoleDecision convention_role(const std::vector<RoleRule>& rules, std::string_view rel_path) {
  RoleDecision d;
  for (std::size_t slash = rel_path.find('/'); slash != std::string_view::npos;
       slash = rel_path.find('/', slash + 1)) {
    const std::string_view dir = rel_path.substr(0, slash);
    for (const auto& r : rules)
      for (const auto& e : r.dirs)
        if (dir_matches(e, dir)) {
          d.role = r.role;
          d.where = std::string(dir) + "/";
          d.source = location(r.at);
          d.by = RoleDecision::By::convention;
          return d;
        }
  }
  for (const auto& r : rules)
    for (const auto& e : r.files)
      if (glob_match(e, rel_path)) {
        d.role = r.role;
        d.where = std::string(rel_path);
        d.source = location(r.at);
        d.by = RoleDecision::By::convention;
        return d;
      }
  return d;
}

void RoleMap::assign(const std::vector<WorkloadFile>& files, const std::vector<RoleRule>& rules,
                     const std::vector<RoleGlob>& overrides) {
  std::lock_guard l(mu_);
  by_path_.clear();
  marks_.clear();
  shipped_.clear();
  claimed_.clear();
  rules_ = rules;
  for (const auto& f : files) {
    RoleDecision d;
    bool decided = false;
    for (const auto& g : overrides)
      if (glob_match(g.glob, f.path) || glob_match(g.glob + "/**", f.path)) {
        d.role = g.role;
        d.where = g.glob;
        d.source = location(g.at);
        d.by = RoleDecision::By::manifest;
        decided = true;
        break;
      }
    if (!decided) d = convention_role(rules, f.path);
    by_path_[f.path] = std::move(d);
  }
}

RoleDecision RoleMap::decision(std::string_view path) const {
  std::lock_guard l(mu_);
  auto it = by_path_.find(path);
  return it == by_path_.end() ? RoleDecision{} : it->second;
}

void RoleMap::mark_under(std::string_view dir, bool exact, std::string_view where,
                         const std::string& source, DeployedBy& mark) {
  // Walked paths under `dir` are contiguous in the map: `dir` itself, then `dir/...`.
  for (auto it = by_path_.lower_bound(dir); it != by_path_.end(); ++it) {
    auto& [path, d] = *it;
    if (path.compare(0, dir.size(), dir) != 0) break;
    if (!under(path, dir)) continue;  // a sibling such as `dir-2/x`
    ++mark.files;
    if (d.by == RoleDecision::By::manifest) continue;
    if (d.role == FileRole::deployed) {
      shipped_.insert(path);
      continue;
    }
    if (!exact && d.by == RoleDecision::By::convention) {
      // Read the path again from inside the marked folder: a file-name decision (README.md,
      // invoke.sh, build.sh) and a tests/ or docs/ folder in there keep their roles; an
      // examples/ folder the code sits in, or holds, gives way.
      if (path.size() > dir.size()) {
        RoleDecision inner = convention_role(rules_, std::string_view(path).substr(dir.size() + 1));
        const bool by_name = inner.by == RoleDecision::By::convention && inner.where.back() != '/';
        if (inner.role == FileRole::test || inner.role == FileRole::docs ||
            (by_name && inner.role != FileRole::example && inner.role != FileRole::vendored)) {
          inner.where = std::string(dir) + "/" + inner.where;
          d = std::move(inner);
          continue;
        }
      } else if (d.where.empty() || d.where.back() != '/') {
        continue;  // the mark names this very file by a folder-like path: keep a file-name role
      }
    }
    if (d.by == RoleDecision::By::descriptor) {
      // An earlier mark made it a build, test or tool file; it ships after all, so that mark
      // no longer counts it as changed.
      for (auto m = marks_.rbegin(); m != marks_.rend(); ++m)
        if (m->source == d.source && m->role == d.role && m->changed > 0) {
          --m->changed;
          break;
        }
    }
    d.role = FileRole::deployed;
    d.where = std::string(where);
    d.source = source;
    d.by = RoleDecision::By::descriptor;
    shipped_.insert(path);
    ++mark.changed;
  }
}

std::size_t RoleMap::mark_deployed(std::string_view prefix, const std::string& source,
                                   const std::string& rule, bool exact) {
  std::lock_guard l(mu_);
  std::string_view dir = prefix;
  while (!dir.empty() && dir.back() == '/') dir.remove_suffix(1);
  if (dir.empty()) return 0;
  DeployedBy mark{std::string(dir), source, rule, 0, 0};
  mark_under(dir, exact, prefix, source, mark);
  const std::size_t named = mark.files;
  if (named > 0) marks_.push_back(std::move(mark));
  return named;
}

std::size_t RoleMap::mark_deployed_files(const std::vector<std::string>& paths, std::string_view label,
                                         const std::string& source, const std::string& rule, bool exact) {
  std::lock_guard l(mu_);
  DeployedBy mark{std::string(label), source, rule, 0, 0};
  for (const auto& p : paths)
    if (!p.empty()) mark_under(p, exact, label, source, mark);
  const std::size_t named = mark.files;
  if (named > 0) marks_.push_back(std::move(mark));
  return named;
}

std::size_t RoleMap::mark_files_as(FileRole role, const std::vector<std::string>& paths, std::string_view label,
                                   const std::string& source, const std::string& rule) {
  std::lock_guard l(mu_);
  DeployedBy mark{std::string(label), source, rule, 0, 0, role};
  for (const auto& p : paths) {
    auto it = by_path_.find(p);
    if (it == by_path_.end()) continue;
    ++mark.files;
    RoleDecision& d = it->second;
    // A manifest glob, a `deployed` mark (the file ships) and another such mark that came
    // first keep the file's role; so does an earlier mark that found the role already right
    // (a test program under tests/ is not made a tool by a later noinst mark).
    if (d.by == RoleDecision::By::manifest || d.by == RoleDecision::By::descriptor || shipped_.count(p) ||
        !claimed_.insert(p).second || d.role == role)
      continue;
    d.role = role;
    d.where = p;
    d.source = source;
    d.by = RoleDecision::By::descriptor;
    ++mark.changed;
  }
  const std::size_t named = mark.files;
  if (named > 0) marks_.push_back(std::move(mark));
  return named;
}

std::vector<DeployedBy> RoleMap::marks() const {
  std::lock_guard l(mu_);
  return marks_;
}

std::map<FileRole, std::size_t> RoleMap::counts() const {
  std::lock_guard l(mu_);
  std::map<FileRole, std::size_t> out;
  for (auto r : all_file_roles()) out[r] = 0;
  for (const auto& [path, d] : by_path_) ++out[d.role];
  return out;
}

}  // namespace lambdafit
