// Detector tests written beside their rule files: for rules/<area>/<name>.yaml, the files
// under rules/<area>/<name>.test/ carry comments `lambdafit-expect(detector-id)` and
// `lambdafit-expect-not(detector-id)`. An annotation applies to its own line when that line
// has code before the comment, else to the next line. Every detector of the rule file is run
// over the test directory: each expected match must be found, no expect-not line may match,
// and any match without an annotation fails. Each detector needs a positive and a negative.
// (This is the form `lambdafit rules test` checks; this test keeps the tree-sitter rules
// checked on their own.)
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "rulepack/model.hpp"
#include "scanning/detector_kind.hpp"
#include "support/shipped_pack.hpp"

using namespace lambdafit;
namespace fs = std::filesystem;

namespace {

using Key = std::tuple<std::string, int, std::string>;  // path, line, detector

struct Annotations {
  std::set<Key> expect, expect_not;
};

Annotations read_annotations(const fs::path& dir) {
  Annotations a;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const std::string rel = fs::relative(entry.path(), dir).generic_string();
    std::ifstream f(entry.path());
    std::string line;
    for (int n = 1; std::getline(f, line); ++n) {
      for (std::size_t at = line.find("lambdafit-expect"); at != std::string::npos;
           at = line.find("lambdafit-expect", at + 1)) {
        const bool negative = line.compare(at, 21, "lambdafit-expect-not(") == 0;
        const std::size_t open = line.find('(', at), close = line.find(')', open);
        if (open == std::string::npos || close == std::string::npos) continue;
        const std::string id = line.substr(open + 1, close - open - 1);
        // The comment holding the annotation starts at the last #, // or /* before it.
        const std::string before = line.substr(0, at);
        std::size_t start = 0;
        for (const char* m : {"#", "//", "/*"})
          if (auto p = before.rfind(m); p != std::string::npos) start = std::max(start, p);
        const bool code = before.substr(0, start).find_first_not_of(" \t") != std::string::npos;
        (negative ? a.expect_not : a.expect).emplace(rel, code ? n : n + 1, id);
      }
    }
  }
  return a;
}

std::string show(const Key& k) {
  return std::get<0>(k) + ":" + std::to_string(std::get<1>(k)) + ": " + std::get<2>(k);
}

}  // namespace

TEST_CASE("tree-sitter rules: annotated test files beside each rule file", "[detectors][tree-sitter]") {
  const auto& pack = lambdafit::testing::shipped_pack();
  const fs::path rules = lambdafit::testing::shipped_rules_dir();
  std::vector<fs::path> dirs;
  for (const auto& e : fs::recursive_directory_iterator(rules))
    if (e.is_directory() && e.path().extension() == ".test") dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  REQUIRE(dirs.size() >= 6);
  std::size_t tree_sitter_detectors = 0, tested = 0;
  for (const auto& d : pack.data().detectors)
    if (d.kind == "tree-sitter") ++tree_sitter_detectors;

  for (const auto& dir : dirs) {
    const fs::path rule_file = fs::path(dir).replace_extension(".yaml");
    INFO("test directory " << dir.string());
    REQUIRE(fs::exists(rule_file));
    std::map<std::string, std::vector<const DetectorSpec*>> by_kind;
    std::set<std::string> ids;
    for (const auto& d : pack.data().detectors)
      if (fs::weakly_canonical(d.at.file) == fs::weakly_canonical(rule_file)) {
        by_kind[d.kind].push_back(&d);
        ids.insert(d.id);
      }
    REQUIRE_FALSE(ids.empty());
    ScanInput in;
    in.root = dir;
    ScanOutput out;
    in.files = walk_workload(dir, {}, out);
    for (const auto& [kind, ds] : by_kind) find_detector_kind(kind)->scan(in, ds, out);
    std::set<Key> got;
    for (const auto& e : out.evidence()) got.emplace(e.path, e.line, e.detector);

    const Annotations a = read_annotations(dir);
    for (const auto& k : a.expect) {
      INFO("expected, not found: " << show(k));
      CHECK(got.count(k) == 1);
    }
    for (const auto& k : got) {
      INFO("found, not annotated (or annotated expect-not): " << show(k));
      CHECK(a.expect.count(k) == 1);
    }
    for (const auto& id : ids) {
      INFO("detector " << id << " needs a positive and a negative case");
      auto has = [&](const std::set<Key>& s) {
        return std::any_of(s.begin(), s.end(), [&](const Key& k) { return std::get<2>(k) == id; });
      };
      CHECK(has(a.expect));
      CHECK(has(a.expect_not));
      ++tested;
    }
    for (const auto& k : a.expect_not) {
      INFO("expect-not names a detector not in " << rule_file.filename().string() << ": " << show(k));
      CHECK(ids.count(std::get<2>(k)) == 1);
    }
  }
  // Every tree-sitter detector of the shipped pack is covered by some test directory.
  CHECK(tested >= tree_sitter_detectors);
}
