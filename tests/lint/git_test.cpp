// Finding the work tree's top without git (lint of named files) agrees with git.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "lint/git.hpp"
#include "support/temp_tree.hpp"

using namespace lambdafit::lint;
using lambdafit::testing::TempTree;
namespace fs = std::filesystem;

namespace {

std::string real(const std::string& p) { return fs::canonical(p).string(); }

}  // namespace

TEST_CASE("work tree top: the nearest directory with .git, as git names it", "[lint]") {
  TempTree t;
  t.write("repo/src/deep/a.sh", "echo\n");
  t.write("plain/b.sh", "echo\n");
  REQUIRE(run_git(t.path("repo"), {"init", "-q"}).status == 0);

  // The repository top, from itself and from below, is what git answers.
  for (const char* at : {"repo", "repo/src", "repo/src/deep"}) {
    INFO(at);
    const auto ours = work_tree_top(t.path(at));
    REQUIRE(ours);
    CHECK(*ours == real(t.path("repo")));
    CHECK(git_toplevel(t.path(at)) == ours);
  }
  // Outside any repository (the temporary directory is not in one): none, like git.
  REQUIRE_FALSE(git_toplevel(t.path("plain")));
  CHECK_FALSE(work_tree_top(t.path("plain")));

  // A worktree or submodule holds a .git *file*; its directory is the top.
  t.write("linked/.git", "gitdir: /nowhere\n");
  fs::create_directories(t.path("linked/sub"));
  CHECK(work_tree_top(t.path("linked/sub")) == real(t.path("linked")));

  // Through a symbolic link, the real path, as git prints it.
  fs::create_directory_symlink(t.path("repo/src"), t.path("via"));
  CHECK(work_tree_top(t.path("via")) == real(t.path("repo")));
}

TEST_CASE("work tree top: git decides when the environment moves the repository", "[lint]") {
  TempTree t;
  t.write("repo/src/a.sh", "echo\n");
  REQUIRE(run_git(t.path("repo"), {"init", "-q"}).status == 0);
  // With the ceiling at the repository, git stops before it: no repository from src. A look at
  // the directories alone would have found one.
  const char* old = std::getenv("GIT_CEILING_DIRECTORIES");
  REQUIRE(old == nullptr);
  setenv("GIT_CEILING_DIRECTORIES", t.path("repo").c_str(), 1);
  const auto ours = work_tree_top(t.path("repo/src"));
  const auto gits = git_toplevel(t.path("repo/src"));
  unsetenv("GIT_CEILING_DIRECTORIES");
  CHECK_FALSE(gits);
  CHECK(ours == gits);
}
