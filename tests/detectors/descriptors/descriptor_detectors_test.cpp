// Golden tests of the shipped `descriptor` detectors: every directory under cases/ holds
// deployment files of one format with positive and negative cases side by side (the same
// keys under resources that are not functions, settings in comments, malformed files); its
// expected.txt lists every piece of evidence, as
//   path:line:col: detector-id | value (bound) | source line
// followed by the coverage notes the scan wrote (malformed files, values that are no literal).
// Run with LAMBDAFIT_UPDATE_GOLDEN=1 to rewrite the expected files (then review the diff).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "rulepack/model.hpp"
#include "scanning/detector_kind.hpp"

using namespace lambdafit;

namespace {

std::string scan_case(const std::filesystem::path& root, const std::vector<const DetectorSpec*>& dets) {
  ScanInput in;
  in.root = root;
  ScanOutput out;
  in.files = walk_workload(root, {}, out);
  std::erase_if(in.files, [](const WorkloadFile& f) { return f.path == "expected.txt"; });
  find_detector_kind("descriptor")->scan(in, dets, out);
  auto ev = out.evidence();
  std::sort(ev.begin(), ev.end(), [](const Evidence& a, const Evidence& b) {
    return std::tie(a.path, a.line, a.column, a.detector) < std::tie(b.path, b.line, b.column, b.detector);
  });
  std::string s;
  for (const auto& e : ev)
    s += e.path + ":" + std::to_string(e.line) + ":" + std::to_string(e.column) + ": " + e.detector +
         " | " + value_to_string(e.value) + " (" + std::string(to_string(e.bound)) + ") | " +
         e.snippet + "\n";
  for (const auto& n : out.summary().coverage_notes) s += "note: " + n + "\n";
  return s;
}

std::string read_all(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("descriptor detectors: golden evidence per format", "[detectors][descriptors]") {
  const std::filesystem::path cases =
      std::filesystem::path(LAMBDAFIT_TEST_SOURCE_DIR) / "tests/detectors/descriptors/cases";
  auto pack = load_rule_pack({std::string(LAMBDAFIT_TEST_SOURCE_DIR) + "/rules"});
  REQUIRE(pack.ok());
  std::vector<const DetectorSpec*> dets;
  for (const auto& d : pack->data().detectors)
    if (d.kind == "descriptor") dets.push_back(&d);
  REQUIRE(dets.size() >= 40);

  std::vector<std::filesystem::path> dirs;
  for (const auto& e : std::filesystem::directory_iterator(cases))
    if (e.is_directory()) dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  REQUIRE(dirs.size() >= 11);
  const bool update = std::getenv("LAMBDAFIT_UPDATE_GOLDEN") != nullptr;
  for (const auto& dir : dirs) {
    const std::string got = scan_case(dir, dets);
    if (update) std::ofstream(dir / "expected.txt", std::ios::binary) << got;
    const std::string expected = read_all(dir / "expected.txt");
    INFO("case " << dir.filename().string());
    CHECK(got == expected);
    CHECK_FALSE(expected.empty());
  }
}
