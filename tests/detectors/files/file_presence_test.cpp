// Golden test of the `file` detector kind with the shipped rule pack.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>

#include "rulepack/model.hpp"
#include "scanning/detector_kind.hpp"
#include "support/shipped_pack.hpp"

using namespace lambdafit;

TEST_CASE("file detectors: golden evidence on the fixture tree", "[detectors][file]") {
  const std::string dir = std::string(LAMBDAFIT_TEST_SOURCE_DIR) + "/tests/detectors/files";
  detail::RulePackData files_only;
  for (const auto& d : lambdafit::testing::shipped_pack().data().detectors)
    if (d.kind == "file") files_only.detectors.push_back(d);
  ScanOutput out;
  lambdafit::testing::scan_tree(files_only, dir + "/tree", out);
  std::set<std::string> got;
  for (const auto& e : out.evidence()) got.insert(e.path + ":" + std::to_string(e.line) + " " + e.detector);
  std::set<std::string> expected;
  std::ifstream f(dir + "/expected.txt");
  for (std::string line; std::getline(f, line);)
    if (!line.empty() && line[0] != '#') expected.insert(line);
  CHECK(got == expected);
}
