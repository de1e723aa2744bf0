#include "lint/git.hpp"

#include <cstdlib>
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "core/subprocess.hpp"
#include "lint/includers.hpp"
#include "scanning/clang/translation_units.hpp"

namespace lambdafit::lint {

namespace fs = std::filesystem;

Command run_git(const std::string& dir, const std::vector<std::string>& args) {
  std::vector<std::string> argv{"git", "-C", dir};
  argv.insert(argv.end(), args.begin(), args.end());
  auto r = subprocess::run(argv);
  Command result;
  result.status = r.status;
  result.out = std::move(r.out);
  result.err = std::move(r.err);
  if (r.timed_out) result.err = "git did not finish within the time limit";
  else if (!r.error.empty() && result.err.empty()) result.err = r.error;
  return result;
}

namespace {

std::string first_line(const std::string& s) {
  auto nl = s.find('\n');
  return s.substr(0, nl);
}

std::vector<std::string> diff_base(bool staged, const std::string& rev) {
  std::vector<std::string> a{"-c", "core.quotepath=off", "diff", "--no-ext-diff", "--no-color",
                             "--no-renames"};
  if (staged) a.push_back("--cached");
  if (!rev.empty()) a.push_back(rev);
  return a;
}

}  // namespace

namespace {

std::optional<std::string> resolve_one(const std::string& top, const std::string& rev, std::string& error) {
  // A revision starting with '-' would be read as an option (`--output=FILE` truncates a
  // file), so it is refused outright and git is told where options end besides.
  if (rev.empty() || rev.front() == '-' || rev.find_first_of(std::string_view("\0\n\r", 3)) != std::string::npos) {
    error = fmt::format("'{}' is not a revision", rev);
    return std::nullopt;
  }
  auto r = run_git(top, {"rev-parse", "--verify", "--quiet", "--end-of-options", rev + "^{commit}"});
  auto hash = first_line(r.out);
  if (r.status != 0 || hash.empty() || hash.front() == '-') {
    error = fmt::format("unknown revision '{}'", rev);
    return std::nullopt;
  }
  return hash;
}

}  // namespace

std::optional<std::string> resolve_revision(const std::string& top, const std::string& rev, std::string& error) {
  // `A..B` and `A...B` (git's two- and three-dot ranges; an empty side means HEAD) resolve
  // side by side, so what reaches `git diff` is always commit ids and never an option.
  for (std::string_view op : {"...", ".."}) {
    const auto at = rev.find(op);
    if (at == std::string::npos) continue;
    std::string left = rev.substr(0, at), right = rev.substr(at + op.size());
    if (left.empty() && right.empty()) break;
    auto a = resolve_one(top, left.empty() ? "HEAD" : left, error);
    if (!a) return std::nullopt;
    auto b = resolve_one(top, right.empty() ? "HEAD" : right, error);
    if (!b) return std::nullopt;
    return *a + std::string(op) + *b;
  }
  return resolve_one(top, rev, error);
}

std::optional<std::string> git_toplevel(const std::string& dir) {
  auto r = run_git(dir, {"rev-parse", "--show-toplevel"});
  if (r.status != 0) return std::nullopt;
  auto top = first_line(r.out);
  if (top.empty()) return std::nullopt;
  return top;
}

std::optional<std::string> work_tree_top(const std::string& dir) {
  for (const char* v : {"GIT_DIR", "GIT_WORK_TREE", "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM"})
    if (std::getenv(v)) return git_toplevel(dir);
  // git walks up the real path (symbolic links resolved) and names the top that way too.
  std::error_code ec;
  fs::path at = fs::canonical(dir, ec);
  if (ec) return git_toplevel(dir);  // not a directory we can resolve: let git say
  for (;; at = at.parent_path()) {
    const auto status = fs::symlink_status(at / ".git", ec);
    if (!ec && (fs::is_directory(status) || fs::is_regular_file(status))) return at.string();
    if (at == at.parent_path() || at.empty()) return std::nullopt;
  }
}

std::optional<std::vector<ChangedFile>> changed_files(const std::string& top, bool staged,
                                                      const std::string& rev, std::string& error) {
  auto args = diff_base(staged, rev);
  args.insert(args.end(), {"--name-status", "-z", "--diff-filter=ACMRT", "--"});
  auto r = run_git(top, args);
  if (r.status != 0) {
    error = first_line(r.err.empty() ? std::string("git diff failed") : r.err);
    return std::nullopt;
  }
  std::vector<ChangedFile> files;
  std::size_t pos = 0;
  while (pos < r.out.size()) {
    const auto z1 = r.out.find('\0', pos);
    if (z1 == std::string::npos) break;
    const std::string status = r.out.substr(pos, z1 - pos);
    const auto z2 = r.out.find('\0', z1 + 1);
    if (z2 == std::string::npos) break;
    files.push_back({r.out.substr(z1 + 1, z2 - z1 - 1), status.empty() ? 'M' : status[0]});
    pos = z2 + 1;
  }
  return files;
}

LineRanges parse_diff_hunks(const std::string& diff) {
  LineRanges out;
  std::string current;
  std::size_t pos = 0;
  while (pos < diff.size()) {
    auto nl = diff.find('\n', pos);
    if (nl == std::string::npos) nl = diff.size();
    std::string_view line(diff.data() + pos, nl - pos);
    pos = nl + 1;
    if (line.starts_with("+++ ")) {
      auto name = line.substr(4);
      if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
        name = name.substr(1, name.size() - 2);
      if (name.starts_with("b/")) current = std::string(name.substr(2));
      else current.clear();  // /dev/null: the file was deleted
      if (!current.empty()) out[current];
      continue;
    }
    if (!line.starts_with("@@ ") || current.empty()) continue;
    const auto plus = line.find(" +");
    if (plus == std::string_view::npos) continue;
    const char* p = line.data() + plus + 2;
    const char* end = line.data() + line.size();
    long start = 0, count = 1;
    char* after = nullptr;
    start = std::strtol(p, &after, 10);
    if (after < end && *after == ',') count = std::strtol(after + 1, &after, 10);
    if (count > 0 && start > 0)
      out[current].emplace_back(static_cast<int>(start), static_cast<int>(start + count - 1));
  }
  return out;
}

std::optional<LineRanges> changed_lines(const std::string& top, bool staged, const std::string& rev,
                                        std::string& error) {
  auto args = diff_base(staged, rev);
  args.insert(args.end(), {"-U0", "--src-prefix=a/", "--dst-prefix=b/", "--"});
  auto r = run_git(top, args);
  if (r.status != 0) {
    error = first_line(r.err.empty() ? std::string("git diff failed") : r.err);
    return std::nullopt;
  }
  return parse_diff_hunks(r.out);
}

bool build_index_mirror(const std::string& top, const std::vector<std::string>& paths,
                        const std::string& mirror, std::string& error) {
  if (!paths.empty()) {
    std::vector<std::string> args{"checkout-index", "--prefix=" + mirror + "/", "-f", "--"};
    args.insert(args.end(), paths.begin(), paths.end());
    auto r = run_git(top, args);
    if (r.status != 0) {
      error = first_line(r.err.empty() ? std::string("git checkout-index failed") : r.err);
      return false;
    }
  }
  // Only C-family sources need their neighbours (headers they include); for those, every
  // directory on the way to the file exists in the mirror and its other entries, except
  // translation units (never included), point back at the work tree. Scripts and configs
  // are read alone, so they cost no links at all.
  std::set<std::string> dirs;
  for (const auto& p : paths) {
    if (!is_header(p) && !cpp::is_translation_unit(p)) continue;
    dirs.insert("");
    for (auto slash = p.find('/'); slash != std::string::npos; slash = p.find('/', slash + 1))
      dirs.insert(p.substr(0, slash));
  }
  for (const auto& d : dirs) {
    std::error_code ec;
    const fs::path real_dir = d.empty() ? fs::path(top) : fs::path(top) / d;
    const fs::path mirror_dir = d.empty() ? fs::path(mirror) : fs::path(mirror) / d;
    fs::create_directories(mirror_dir, ec);
    for (const auto& entry : fs::directory_iterator(real_dir, ec)) {
      const auto name = entry.path().filename();
      if (name == ".git" || cpp::is_translation_unit(name.string())) continue;
      std::error_code sec;
      if (fs::exists(fs::symlink_status(mirror_dir / name, sec))) continue;
      fs::create_symlink(entry.path(), mirror_dir / name, sec);
    }
  }
  return true;
}

}  // namespace lambdafit::lint
