// What lint needs from git: the repository root, the files a change touches, the lines its
// hunks add, and a tree holding the index's version of staged files.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lambdafit::lint {

struct Command {
  int status = -1;  ///< exit status; -1 when it could not run
  std::string out;
  std::string err;
};

/// Runs `git -C dir args…` without a shell and collects its output.
Command run_git(const std::string& dir, const std::vector<std::string>& args);

/// The commit `rev` names, as a full hash (a range `A..B` / `A...B` as the two hashes joined by
/// the same dots); refuses anything git could take for an option.
std::optional<std::string> resolve_revision(const std::string& top, const std::string& rev, std::string& error);

/// The top directory of the work tree holding `dir`, or nullopt outside a repository.
std::optional<std::string> git_toplevel(const std::string& dir);

/// The same without running git, for a lint of named files (a pre-commit hook's every commit;
/// git costs ~5 ms of CPU to start): the nearest directory from `dir` up holding a `.git`
/// entry (a repository's directory, or a worktree's or submodule's file), nullopt when none
/// does. Asks git after all when the environment moves the repository (GIT_DIR,
/// GIT_WORK_TREE, GIT_CEILING_DIRECTORIES, GIT_DISCOVERY_ACROSS_FILESYSTEM), where a
/// look at the directories could answer differently.
std::optional<std::string> work_tree_top(const std::string& dir);

struct ChangedFile {
  std::string path;  ///< relative to the repository top, '/' separators
  char status = 'M'; ///< A added, M modified, R renamed, C copied, T type changed
};

/// Files the change adds or modifies (deleted files have nothing to lint): the index against
/// HEAD with `staged`, else the work tree against `rev`. Sets `error` on failure.
std::optional<std::vector<ChangedFile>> changed_files(const std::string& top, bool staged,
                                                      const std::string& rev, std::string& error);

/// Line ranges (first, last; 1-based, inclusive) each file's hunks add or change on the new
/// side, from `git diff -U0` of the same change.
using LineRanges = std::map<std::string, std::vector<std::pair<int, int>>>;
std::optional<LineRanges> changed_lines(const std::string& top, bool staged, const std::string& rev,
                                        std::string& error);

/// Parses unified-diff text (only `+++` names and `@@` headers are read).
LineRanges parse_diff_hunks(const std::string& diff);

/// Writes the index's version of `paths` under `mirror` (which must exist). For C-family
/// paths it also links the other entries (but translation units) of the directories on
/// their way to the work tree, so their includes still resolve.
bool build_index_mirror(const std::string& top, const std::vector<std::string>& paths,
                        const std::string& mirror, std::string& error);

}  // namespace lambdafit::lint
