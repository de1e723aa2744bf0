#include <catch2/catch.hpp>

#include "scanning/detector_kind.hpp"
#include "support/shipped_pack.hpp"
#include "support/temp_tree.hpp"

using namespace lambdafit;
using lambdafit::testing::TempTree;

namespace {

// The shipped pack plus a fact that two detectors set, to see how one line matched twice ends.
const char* kTwoDetectors = R"(facts:
  - id: test.knob
    title: turns a knob
detectors:
  - id: knob-word
    kind: text
    fact: test.knob
    file_types: [python]
    patterns: ['\bknob\b']
    message: names the knob
  - id: knob-call
    kind: text
    fact: test.knob
    file_types: [python]
    patterns: ['turn\(']
    message: turns something
)";

Evidence item(const char* path, int line, int column, const char* detector, const char* fact) {
  Evidence e;
  e.path = path;
  e.line = line;
  e.column = column;
  e.detector = detector;
  e.fact = fact;
  return e;
}

}  // namespace

TEST_CASE("places: one line matched by two detectors is one item listing both", "[places]") {
  TempTree rules, tree;
  rules.write("knob.yaml", kTwoDetectors);
  const auto pack = load_rule_pack({lambdafit::testing::shipped_rules_dir(), rules.path()});
  REQUIRE(pack.ok());
  tree.write("app.py", "x = 1\nturn(knob)  # knob again\nknob = 2\n");
  ScanOutput out;
  lambdafit::testing::scan_tree(pack->data(), tree.path(), out);
  std::vector<Evidence> knob;
  for (const auto& e : out.evidence())
    if (e.fact == "test.knob") knob.push_back(e);
  REQUIRE(knob.size() == 2);  // lines 2 and 3: distinct places
  CHECK(knob[0].line == 2);
  CHECK(knob[0].column == 1);                // the first match on the line
  CHECK(knob[0].detector == "knob-call");    // the detector of that first match stays first
  CHECK(knob[0].detectors == std::vector<std::string>{"knob-call", "knob-word"});
  CHECK(knob[1].line == 3);
  CHECK(knob[1].detectors == std::vector<std::string>{"knob-word"});
  CHECK(knob[0].role == FileRole::deployed);
  CHECK(knob[0].counted);
}

TEST_CASE("places: merging keeps facts and suppression apart", "[places]") {
  std::vector<Evidence> ev{item("a.py", 3, 9, "d2", "f1"), item("a.py", 3, 2, "d1", "f1"),
                           item("a.py", 3, 5, "d3", "f2"), item("a.py", 3, 4, "d1", "f1"),
                           item("b.py", 1, 1, "d1", "f1")};
  ev[2].suppressed = false;
  Evidence silenced = item("a.py", 3, 1, "d4", "f1");
  silenced.suppressed = true;
  ev.push_back(silenced);
  merge_places(ev);
  REQUIRE(ev.size() == 4);  // a.py:3 f1, a.py:3 f1 suppressed, a.py:3 f2, b.py:1
  const auto f1 = std::find_if(ev.begin(), ev.end(),
                               [](const Evidence& e) { return e.fact == "f1" && !e.suppressed && e.path == "a.py"; });
  REQUIRE(f1 != ev.end());
  CHECK(f1->column == 2);
  CHECK(f1->detectors == std::vector<std::string>{"d1", "d2"});
  // Across facts (a criterion's list): one item per path and line.
  const auto places = distinct_places(ev);
  REQUIRE(places.size() == 2);
  CHECK(places[0].path == "a.py");
  CHECK(places[0].detectors == std::vector<std::string>{"d4", "d1", "d2", "d3"});
  CHECK(places[1].path == "b.py");
}
