// A fixture tree with a binary file, a huge file, bad UTF-8, an unreadable file and a
// symlink loop: the scan completes and says what it skipped. The huge file and the links
// are made at test time rather than committed.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>

#include "rulepack/model.hpp"
#include "scanning/detector_kind.hpp"
#include "support/temp_tree.hpp"
#include "support/shipped_pack.hpp"

using namespace lambdafit;
using lambdafit::testing::TempTree;

namespace {
bool has_note(ScanOutput& out, const std::string& text) {
  for (const auto& n : out.summary().coverage_notes)
    if (n.find(text) != std::string::npos) return true;
  return false;
}
}  // namespace

TEST_CASE("text kind: hostile files are skipped with notes and the scan completes",
          "[text][hostile]") {
  TempTree t;
  t.write("ok.sh", "#!/bin/sh\nsysctl -w net.core.somaxconn=1024\n");
  t.write("binary.sh", std::string("sysctl -w a=1\0\x01\x02", 17));
  t.write("latin1.py", "# caf\xe9\nresource.setrlimit(1, (2, 2))\n");
  t.write("huge.sh", std::string(3u * 1024 * 1024, 'x') + "\nsysctl -w a=1\n");
  t.write("locked.sh", "sysctl -w a=1\n");
  std::filesystem::permissions(t.path("locked.sh"), std::filesystem::perms::none);
  std::filesystem::create_directory_symlink(t.path(), t.path("loop"));
  std::filesystem::create_symlink(t.path("self.sh"), t.path("self.sh"));  // points at itself

  ScanOutput out;
  lambdafit::testing::scan_tree(lambdafit::testing::shipped_pack().data(), t.path(), out);

  std::vector<std::string> found;
  for (const auto& e : out.evidence())
    if (e.detector == "shell-sysctl-write") found.push_back(e.path + ":" + std::to_string(e.line));
  // Root reads a file whatever its mode says, so locked.sh only stays unread for others.
  if (::geteuid() == 0) CHECK(found == std::vector<std::string>{"locked.sh:1", "ok.sh:2"});
  else CHECK(found == std::vector<std::string>{"ok.sh:2"});
  CHECK(has_note(out, "binary.sh: not scanned for text patterns: binary content"));
  CHECK(has_note(out, "latin1.py: not scanned for text patterns: not valid UTF-8 (first bad byte on line 1)"));
  CHECK(has_note(out, "huge.sh: not scanned for text patterns: 3.0 MB is over the 2.0 MB size cap"));
  // The walk (scanning/scan.cpp) decides about symlinks: the loops must only not hang it.
  CHECK(out.summary().files == 5);  // the five regular files
  if (::geteuid() != 0)
    CHECK(has_note(out, "locked.sh: not scanned for text patterns: cannot be read"));
  std::filesystem::permissions(t.path("locked.sh"), std::filesystem::perms::owner_all);
}

TEST_CASE("text kind: a detector can raise the size cap", "[text][hostile]") {
  TempTree rules, t;
  rules.write("r.yaml",
              "facts:\n  - id: x.found\n    title: found\n"
              "detectors:\n  - id: big\n    kind: text\n    fact: x.found\n    message: m\n"
              "    file_types: [shell]\n    max_file_size: 4 MB\n    patterns: ['^needle']\n");
  t.write("huge.sh", std::string(3u * 1024 * 1024, 'x') + "\nneedle\n");
  auto pack = load_rule_pack({std::string(LAMBDAFIT_TEST_SOURCE_DIR) + "/rules", rules.path()});
  INFO(pack.error_text());
  REQUIRE(pack.ok());
  ScanInput in;
  in.root = t.path();
  ScanOutput out;
  in.files = walk_workload(in.root, {}, out);
  run_scan(in, pack->data(), out);
  std::vector<int> lines;
  for (const auto& e : out.evidence())
    if (e.detector == "big") lines.push_back(e.line);
  CHECK(lines == std::vector<int>{2});
}
