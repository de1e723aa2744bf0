#include <catch2/catch.hpp>

#include "rulepack/model.hpp"
#include "scanning/detector_kind.hpp"
#include "scanning/text/text_match.hpp"
#include "support/temp_tree.hpp"

using namespace lambdafit;
using lambdafit::testing::TempTree;

namespace {

const char* kFact = "facts:\n  - id: x.found\n    title: found\n";
const std::string kRules = std::string(LAMBDAFIT_TEST_SOURCE_DIR) + "/rules";

// Loads one rule file holding `detectors` (after a fact x.found) and returns the errors.
std::string load_errors(const std::string& detectors) {
  TempTree t;
  t.write("r.yaml", std::string(kFact) + detectors);
  // The shipped pack supplies the criteria and platforms a pack needs; r.yaml adds to it.
  auto pack = load_rule_pack({kRules, t.path()});
  return pack.ok() ? std::string() : pack.error_text();
}

// Runs the text detectors of `rules` over the tree and returns "path:line:col id" lines.
std::vector<std::string> run(const TempTree& rules, const TempTree& tree, ScanOutput& out) {
  auto pack = load_rule_pack({kRules, rules.path()});
  INFO(pack.error_text());
  REQUIRE(pack.ok());
  ScanInput in;
  in.root = tree.path();
  in.files = walk_workload(in.root, {}, out);
  std::vector<const DetectorSpec*> dets;  // only the test's own detectors
  for (const auto& d : pack->data().detectors)
    if (d.at.file.find(rules.path()) == 0) dets.push_back(&d);
  find_detector_kind("text")->scan(in, dets, out);
  std::vector<std::string> got;
  for (const auto& e : out.evidence())
    got.push_back(e.path + ":" + std::to_string(e.line) + ":" + std::to_string(e.column) + " " + e.detector);
  std::sort(got.begin(), got.end());
  return got;
}

}  // namespace

TEST_CASE("text kind: a bad regex is a load error at its node with RE2's message", "[text][kind]") {
  const std::string err = load_errors(
      "detectors:\n"
      "  - id: d\n    kind: text\n    fact: x.found\n    message: m\n"
      "    file_types: [shell]\n"
      "    patterns:\n      - 'ok'\n      - 'broken(('\n");
  CHECK(err.find("r.yaml:12:9: error: invalid regular expression: missing ): broken((") !=
        std::string::npos);
}

TEST_CASE("text kind: unknown file types and keys get a suggestion", "[text][kind]") {
  const std::string err = load_errors(
      "detectors:\n"
      "  - id: d\n    kind: text\n    fact: x.found\n    message: m\n"
      "    file_types: [shell, pyton]\n    patterns: ['a']\n");
  CHECK(err.find("r.yaml:9:25: error: unknown file type 'pyton'; did you mean 'python'?") !=
        std::string::npos);
  const std::string err2 = load_errors(
      "detectors:\n"
      "  - id: d\n    kind: text\n    fact: x.found\n    message: m\n"
      "    file_types: [shell]\n    patterns: ['a']\n    withn: 3\n");
  CHECK(err2.find("unknown key 'withn'") != std::string::npos);
  CHECK(err2.find("did you mean 'within'?") != std::string::npos);
}

TEST_CASE("text kind: a detector needs file types or paths, and outside_root needs a group",
          "[text][kind]") {
  CHECK(load_errors("detectors:\n  - id: d\n    kind: text\n    fact: x.found\n    message: m\n"
                    "    patterns: ['a']\n")
            .find("needs 'file_types' or 'paths'") != std::string::npos);
  CHECK(load_errors("detectors:\n  - id: d\n    kind: text\n    fact: x.found\n    message: m\n"
                    "    file_types: [c]\n    outside_root: yes\n    patterns: ['include']\n")
            .find("needs a group") != std::string::npos);
}

TEST_CASE("text kind: comments do not count, positions point at the real column", "[text][kind]") {
  TempTree rules, tree;
  rules.write("r.yaml", std::string(kFact) +
                            "detectors:\n  - id: sysctl\n    kind: text\n    fact: x.found\n"
                            "    message: m\n    file_types: [shell]\n"
                            "    patterns: ['sysctl\\s+-w']\n    not: ['\\bdry_run\\b']\n");
  tree.write("a.sh", "# sysctl -w in a comment\n  sysctl -w a.b=1\nsysctl -w x=1 dry_run\n");
  tree.write("notes.txt", "sysctl -w is not a shell file\n");
  ScanOutput out;
  CHECK(run(rules, tree, out) == std::vector<std::string>{"a.sh:2:3 sysctl"});
  CHECK(out.evidence().front().snippet == "  sysctl -w a.b=1");
}

TEST_CASE("text kind: shebang picks the type of an extensionless script", "[text][kind]") {
  TempTree rules, tree;
  rules.write("r.yaml", std::string(kFact) +
                            "detectors:\n  - id: py\n    kind: text\n    fact: x.found\n"
                            "    message: m\n    file_types: [python]\n    patterns: ['setuid']\n");
  tree.write("bin/tool", "#!/usr/bin/env python3\nos.setuid(0)\n");
  tree.write("bin/other", "#!/bin/sh\nsetuid\n");
  ScanOutput out;
  CHECK(run(rules, tree, out) == std::vector<std::string>{"bin/tool:2:4 py"});
}

TEST_CASE("text kind: near, within and in_file", "[text][kind]") {
  TempTree rules, tree;
  rules.write("r.yaml", std::string(kFact) +
                            "detectors:\n  - id: poll\n    kind: text\n    fact: x.found\n"
                            "    message: m\n    file_types: [python]\n"
                            "    patterns: ['^\\s*while\\b']\n    near: ['sleep\\(']\n    within: 2\n"
                            "    in_file: ['list_objects']\n");
  tree.write("a.py", "list_objects()\nwhile x:\n    a()\n    sleep(1)\n");
  tree.write("far.py", "list_objects()\nwhile x:\n    a()\n    b()\n    c()\n    sleep(1)\n");
  tree.write("none.py", "while x:\n    sleep(1)\n");
  ScanOutput out;
  CHECK(run(rules, tree, out) == std::vector<std::string>{"a.py:2:1 poll"});
}

TEST_CASE("text kind: outside_root resolves from the file's directory", "[text][kind]") {
  CHECK(path_leaves_root("main.cpp", "../x.h"));
  CHECK_FALSE(path_leaves_root("src/main.cpp", "../x.h"));
  CHECK(path_leaves_root("src/main.cpp", "../../x.h"));
  CHECK_FALSE(path_leaves_root("src/a/main.cpp", "../../x.h"));
  CHECK(path_leaves_root("src/main.cpp", "./../sub/../../x.h"));
  CHECK(path_leaves_root("a.py", "/opt/shared"));
  CHECK_FALSE(path_leaves_root("a.py", "lib"));
}

TEST_CASE("text kind: skip_strings ignores mentions inside string literals", "[text][kind]") {
  TempTree rules, tree;
  rules.write("r.yaml", std::string(kFact) +
                            "detectors:\n  - id: call\n    kind: text\n    fact: x.found\n"
                            "    message: m\n    file_types: [python]\n    skip_strings: yes\n"
                            "    patterns: ['os\\.setuid\\(']\n");
  tree.write("a.py", "help = \"calls os.setuid(0)\"\nos.setuid(0)\n");
  ScanOutput out;
  CHECK(run(rules, tree, out) == std::vector<std::string>{"a.py:2:1 call"});
}

TEST_CASE("text kind: paths globs, ignore_case and threads give the same evidence", "[text][kind]") {
  TempTree rules, tree;
  rules.write("r.yaml", std::string(kFact) +
                            "detectors:\n  - id: conf\n    kind: text\n    fact: x.found\n"
                            "    message: m\n    paths: ['**/*.sysctl']\n    ignore_case: yes\n"
                            "    patterns: ['^somaxconn']\n");
  for (int i = 0; i < 40; ++i)
    tree.write("etc/n" + std::to_string(i) + ".sysctl", "# SOMAXCONN=1\nSomaxConn=4096\n");
  tree.write("etc/other.conf", "somaxconn=1\n");
  auto pack = load_rule_pack({kRules, rules.path()});
  REQUIRE(pack.ok());
  std::vector<const DetectorSpec*> dets;
  for (const auto& d : pack->data().detectors)
    if (d.at.file.find(rules.path()) == 0) dets.push_back(&d);
  auto evidence = [&](int jobs) {
    ScanInput in;
    in.root = tree.path();
    in.jobs = jobs;
    ScanOutput out;
    in.files = walk_workload(in.root, {}, out);
    find_detector_kind("text")->scan(in, dets, out);
    std::vector<std::string> got;
    for (const auto& e : out.evidence()) got.push_back(e.path + ":" + std::to_string(e.line));
    std::sort(got.begin(), got.end());
    return got;
  };
  const auto one = evidence(1);
  CHECK(one.size() == 40);
  CHECK(one.front() == "etc/n0.sysctl:2");
  CHECK(evidence(4) == one);
}
