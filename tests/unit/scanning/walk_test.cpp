#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "scanning/scan.hpp"
#include "support/temp_tree.hpp"

using namespace lambdafit;
using lambdafit::testing::TempTree;

namespace {
std::vector<std::string> paths(const std::vector<WorkloadFile>& files) {
  std::vector<std::string> out;
  for (const auto& f : files) out.push_back(f.path);
  return out;
}
}  // namespace

TEST_CASE("walk: skips VCS and build directories and excluded globs", "[walk]") {
  TempTree t;
  t.write("src/a.cpp", "int a;");
  t.write(".git/config", "x");
  t.write("build/CMakeCache.txt", "x");
  t.write("node_modules/x/index.js", "x");
  t.write("vendor/lib.c", "x");
  t.write("docs/readme.md", "x");
  ScanOutput out;
  auto files = walk_workload(t.path(), {"vendor/**", "docs"}, out);
  CHECK(paths(files) == std::vector<std::string>{"src/a.cpp"});
  CHECK(out.summary().files == 1);
}

TEST_CASE("walk: a symlink loop does not hang the walk", "[walk]") {
  TempTree t;
  t.write("a/file.txt", "x");
  std::filesystem::create_directory_symlink(t.path("a"), t.path("a/loop"));
  std::filesystem::create_symlink(t.path("missing"), t.path("a/dangling"));
  ScanOutput out;
  auto files = walk_workload(t.path(), {}, out);
  CHECK(paths(files) == std::vector<std::string>{"a/file.txt"});
  bool noted = false;
  for (const auto& n : out.summary().coverage_notes) noted |= n.find("a/dangling") != std::string::npos;
  CHECK(noted);
}

TEST_CASE("walk: links inside keep their own path; links leading outside and self-loops are noted", "[walk]") {
  TempTree outside;
  outside.write("secret.conf", "x");
  TempTree t;
  t.write("a.txt", "x");
  t.write("real/b.conf", "x");
  std::filesystem::create_symlink(outside.path("secret.conf"), t.path("linked.conf"));
  std::filesystem::create_symlink(t.path("real/b.conf"), t.path("inner.conf"));
  std::filesystem::create_symlink(t.path("self"), t.path("self"));
  ScanOutput out;
  auto files = walk_workload(t.path(), {}, out);
  CHECK(paths(files) == std::vector<std::string>{"a.txt", "inner.conf", "real/b.conf"});
  bool self_noted = false, outside_noted = false;
  for (const auto& n : out.summary().coverage_notes) {
    self_noted |= n.find("self") != std::string::npos;
    outside_noted |= n == "linked.conf: skipped: symlink to a file outside the workload (not followed)";
  }
  CHECK(self_noted);
  CHECK(outside_noted);
}

TEST_CASE("walk: special files, /proc links, directory links and unreadable directories are noted", "[walk]") {
  TempTree t;
  t.write("a.txt", "x");
  t.write("locked/b.txt", "x");
  std::filesystem::create_symlink("/proc/self/mem", t.path("mem"));
  std::filesystem::create_directory_symlink(t.path("locked"), t.path("dirlink"));
  REQUIRE(::mkfifo(t.path("pipe").c_str(), 0600) == 0);
  std::filesystem::permissions(t.path("locked"), std::filesystem::perms::none);
  ScanOutput out;
  auto files = walk_workload(t.path(), {}, out);
  std::filesystem::permissions(t.path("locked"), std::filesystem::perms::owner_all);
  auto noted = [&](std::string_view what) {
    for (const auto& n : out.summary().coverage_notes)
      if (n.find(what) != std::string::npos) return true;
    return false;
  };
  CHECK(noted("mem: skipped"));
  CHECK(noted("dirlink: skipped: symlink to a directory"));
  CHECK(noted("pipe: skipped"));
  if (::geteuid() != 0) CHECK(noted("locked: skipped: directory cannot be read"));
  for (const auto& f : files) CHECK(f.path != "mem");
}
