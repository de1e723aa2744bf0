// Golden tests of the shipped `text` detectors of the python-*, node-*, java-* and shell-*
// rule files, until they move to annotated test folders beside their rule files as the
// others have (`lambdafit rules test`). Every directory under cases/ is a small
// workload whose files hold positive and negative cases side by side (mentions in comments,
// help strings and unrelated names next to the real thing); its expected.txt lists every
// piece of evidence all text detectors should find there, as
//   path:line:col: detector-id | source line
// Run with LAMBDAFIT_UPDATE_GOLDEN=1 (exactly) to rewrite the expected files, then review.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "rulepack/model.hpp"
#include "scanning/detector_kind.hpp"

using namespace lambdafit;

namespace {

std::string evidence_lines(const std::filesystem::path& root, const detail::RulePackData& text_only) {
  ScanInput in;
  in.root = root;
  ScanOutput out;
  in.files = walk_workload(root, {}, out);
  std::erase_if(in.files, [](const WorkloadFile& f) { return f.path == "expected.txt"; });
  for (const auto* kind : detector_kinds())
    if (kind->name() == "text") kind->scan(in, [&] {
        std::vector<const DetectorSpec*> v;
        for (const auto& d : text_only.detectors) v.push_back(&d);
        return v;
      }(), out);
  auto ev = out.evidence();
  std::sort(ev.begin(), ev.end(), [](const Evidence& a, const Evidence& b) {
    return std::tie(a.path, a.line, a.column, a.detector) < std::tie(b.path, b.line, b.column, b.detector);
  });
  std::string s;
  for (const auto& e : ev)
    s += e.path + ":" + std::to_string(e.line) + ":" + std::to_string(e.column) + ": " + e.detector +
         " | " + e.snippet + "\n";
  return s;
}

std::string read_all(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("text detectors: golden evidence per case", "[detectors][text]") {
  const std::filesystem::path cases =
      std::filesystem::path(LAMBDAFIT_TEST_SOURCE_DIR) / "tests/detectors/text/cases";
  auto pack = load_rule_pack({std::string(LAMBDAFIT_TEST_SOURCE_DIR) + "/rules"});
  REQUIRE(pack.ok());
  detail::RulePackData text_only;
  for (const auto& d : pack->data().detectors)
    if (d.kind == "text") text_only.detectors.push_back(d);
  REQUIRE(text_only.detectors.size() >= 30);  // code detectors moved to tree-sitter rules

  std::vector<std::filesystem::path> dirs;
  for (const auto& e : std::filesystem::directory_iterator(cases))
    if (e.is_directory()) dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  REQUIRE(dirs.size() >= 2);  // the other cases live beside their rule files (NAME.test/)
  const char* up = std::getenv("LAMBDAFIT_UPDATE_GOLDEN");
  const bool update = up && std::string_view(up) == "1";
  for (const auto& dir : dirs) {
    const std::string got = evidence_lines(dir, text_only);
    if (update) std::ofstream(dir / "expected.txt", std::ios::binary) << got;
    const std::string expected = read_all(dir / "expected.txt");
    INFO("case " << dir.filename().string());
    CHECK(got == expected);
    // Every case has something to find; an empty golden file would assert nothing.
    CHECK_FALSE(expected.empty());
  }
}
