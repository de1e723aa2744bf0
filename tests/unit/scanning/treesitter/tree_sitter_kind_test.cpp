// The tree-sitter kind's remembered literals: with them a run compiles only the queries its
// files can match, and must find exactly what a run that compiles every query finds.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "scanning/detector_kind.hpp"
#include "support/cache_dir.hpp"
#include "support/shipped_pack.hpp"
#include "support/temp_tree.hpp"

using namespace lambdafit;
using lambdafit::testing::CacheDir;
using lambdafit::testing::TempTree;
namespace fs = std::filesystem;

namespace {

// "path:line detector" of every piece of evidence the shipped tree-sitter detectors find.
std::vector<std::string> scan(const std::string& root, int jobs) {
  std::vector<const DetectorSpec*> dets;
  for (const auto& d : testing::shipped_pack().data().detectors)
    if (d.kind == "tree-sitter") dets.push_back(&d);
  ScanOutput out;
  ScanInput in;
  in.root = root;
  in.jobs = jobs;
  in.files = walk_workload(in.root, {}, out);
  find_detector_kind("tree-sitter")->scan(in, dets, out);
  std::vector<std::string> found;
  for (const auto& e : out.evidence()) found.push_back(e.path + ":" + std::to_string(e.line) + " " + e.detector);
  std::sort(found.begin(), found.end());
  return found;
}

std::vector<fs::path> literal_files(const std::string& cache) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(fs::path(cache) / "tree-sitter-literals", ec)) out.push_back(e.path());
  return out;
}

}  // namespace

TEST_CASE("tree-sitter kind: runs that compile only the queries their files need find the same",
          "[tree-sitter][cache]") {
  TempTree t;
  // Two shell files needing different detectors (the second run compiles a query of the
  // first file's detectors, then the whole grammar's for the other), a file needing none,
  // and Python beside them.
  t.write("w/a.sh", "#!/bin/sh\nssh admin@db uptime\n");
  t.write("w/b.sh", "#!/bin/sh\nulimit -n 65536\nuseradd -m deploy\nwhile true; do sleep 5; done\n");
  t.write("w/c.sh", "#!/bin/sh\necho hello\n");
  t.write("w/app.py", "import subprocess\nsubprocess.run(['ssh', 'host', 'uptime'])\n");
  const int jobs = GENERATE(1, 2);
  INFO("jobs " << jobs);

  std::vector<std::string> reference;
  {
    CacheDir none("");
    reference = scan(t.path("w"), jobs);
  }
  REQUIRE(reference.size() >= 4);  // ssh, ulimit, useradd, the loop: the case needs them all

  CacheDir cache(t.path("cache"));
  CHECK(scan(t.path("w"), jobs) == reference);  // learns the literals
  const auto kept = literal_files(t.path("cache"));
  CHECK(kept.size() == 2);  // shell and Python
  CHECK(scan(t.path("w"), jobs) == reference);  // with them: queries of what the files need

  // One file alone (a lint): only its detectors' queries.
  TempTree one;
  one.write("w/b.sh", "#!/bin/sh\nulimit -n 65536\n");
  std::vector<std::string> alone;
  {
    CacheDir none("");
    alone = scan(one.path("w"), jobs);
  }
  CHECK_FALSE(alone.empty());
  CHECK(scan(one.path("w"), jobs) == alone);

  // Damaged, they are learnt again.
  for (const auto& f : kept) std::ofstream(f, std::ios::binary | std::ios::trunc) << "not literals";
  CHECK(scan(t.path("w"), jobs) == reference);
  CHECK(scan(t.path("w"), jobs) == reference);
}

TEST_CASE("tree-sitter kind: one item per detector and line, the leftmost, in place order",
          "[tree-sitter]") {
  TempTree t;
  // Two `ulimit` commands on one line, and on the next a `/proc/sys` write after another
  // `ulimit` (shell patterns are all run by the walk); in Python, a `/proc/sys` write (a
  // pattern that needs a compiled query) after a host tool run (a pattern the walk runs).
  t.write("w/a.sh", "#!/bin/sh\nulimit -n 65536; ulimit -c unlimited\nulimit -n 1 > /proc/sys/fs/file-max\n");
  t.write("w/b.py",
          "import subprocess\n"
          "subprocess.run(['sysctl', '-w', 'x=1']); open('/proc/sys/vm/x', 'w'); subprocess.run(['sysctl', 'y'])\n");
  std::vector<const DetectorSpec*> dets;
  for (const auto& d : testing::shipped_pack().data().detectors)
    if (d.kind == "tree-sitter") dets.push_back(&d);
  ScanOutput out;
  ScanInput in;
  in.root = t.path("w");
  in.files = walk_workload(in.root, {}, out);
  find_detector_kind("tree-sitter")->scan(in, dets, out);
  std::vector<std::string> found;
  for (const auto& e : out.evidence())
    found.push_back(e.path + ":" + std::to_string(e.line) + ":" + std::to_string(e.column) + " " + e.detector);
  CHECK(found == std::vector<std::string>{"a.sh:2:1 shell-ulimit-raise", "a.sh:3:1 shell-ulimit-raise",
                                          "a.sh:3:13 shell-proc-sys-write", "b.py:2:1 python-host-tool",
                                          "b.py:2:42 python-proc-sys-write"});
}

TEST_CASE("tree-sitter kind: a detector the walk gives up on runs through its compiled query",
          "[tree-sitter]") {
  // Two captured child steps over a command of 500 words (125,000 pairs): the walk runs out
  // of budget long before it pairs the last two, so this detector's evidence comes from the
  // compiled query, with none of the walk's partial matches doubled or lost. (tree-sitter's
  // own cursor is slow on such input: ~6 minutes for 3,000 words.)
  TempTree rules;
  rules.write("r.yaml",
              "facts:\n  - id: x.found\n    title: found\n"
              "detectors:\n  - id: late-pair\n    kind: tree-sitter\n    fact: x.found\n"
              "    language: shell\n    query: |\n"
              "      ((command (word) @a (word) @b) @match (#eq? @a \"late\") (#eq? @b \"pair\"))\n"
              "    message: found the pair\n");
  auto pack = load_rule_pack({testing::shipped_rules_dir(), rules.path()});
  INFO(pack.error_text());
  REQUIRE(pack.ok());
  std::vector<const DetectorSpec*> dets;
  for (const auto& d : pack->data().detectors)
    if (d.id == "late-pair") dets.push_back(&d);
  REQUIRE(dets.size() == 1);
  // A script with a command of `words` words ending in "late pair" between the lines
  // `before` and `after`: the lines of the evidence found, and the coverage notes.
  const auto scan_words = [&](int words, const std::string& before, const std::string& after) {
    std::string cmd = "run";
    for (int i = 0; i < words; ++i) cmd += " a" + std::to_string(i);
    TempTree t;
    t.write("w/a.sh", "#!/bin/sh\n" + before + cmd + " late pair\n" + after);
    ScanOutput out;
    ScanInput in;
    in.root = t.path("w");
    in.files = walk_workload(in.root, {}, out);
    find_detector_kind("tree-sitter")->scan(in, dets, out);
    std::vector<int> lines;
    for (const auto& e : out.evidence()) lines.push_back(e.line);
    return std::make_pair(lines, out.summary().coverage_notes);
  };
  const auto [lines, notes] = scan_words(500, "run late pair\n", "run pair late\n");
  CHECK(lines == std::vector<int>{2, 3});
  // 500 words also keep more partial matches in progress than the compiled query's limit.
  REQUIRE(notes.size() == 1);
  CHECK_THAT(notes[0], Catch::Contains("a.sh: more than 256 partial"));

  // 3,000 words: the compiled query meets its match limit (without one tree-sitter took ~6
  // minutes here); the pair near the end is still found, and the note says matches may be
  // missing in that file.
  const auto [big_lines, big_notes] = scan_words(3000, "", "");
  CHECK(big_lines == std::vector<int>{2});
  REQUIRE(big_notes.size() == 1);
  CHECK_THAT(big_notes[0],
             Catch::Contains("a.sh: more than 256 partial bash query matches were in progress at once"));
}
