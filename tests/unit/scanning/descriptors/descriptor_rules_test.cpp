// The `descriptor` kind's rule-file keys: bad rules are load errors at their node, and a
// custom rule reads values, bounds, defaults and filters from a workload.
#include <catch2/catch.hpp>

#include "rulepack/model.hpp"
#include "scanning/detector_kind.hpp"
#include "support/temp_tree.hpp"

using namespace lambdafit;
using lambdafit::testing::TempTree;

namespace {

const char* kBase = R"(facts:
  - id: runtime.max_seconds
    type: number
    unit: s
  - id: deploy.function
    if_not_found: no
criteria:
  - id: runtime-limit
    title: Runs too long
    kind: limit
    when:
      fact: runtime.max_seconds
      gt: platform.timeout
    advice: split it
platform:
  id: p1
  name: Platform one
  as_of: 2026-01
  sources: [somewhere]
  limits:
    timeout: 300 s
scoring:
  default_platform: p1
)";

Result<RulePack> load_with(TempTree& t, const std::string& detectors) {
  t.write("rules/base.yaml", kBase);
  // The limit names this small pack's platform and criterion use, declared as the shipped
  // pack declares them (rules/platform-limits.yaml).
  t.write("rules/limits.yaml",
          "platform_limits:\n  - {id: timeout, title: longest run, type: number, unit: s, if_absent: unlimited}\n");
  t.write("rules/d.yaml", "detectors:\n" + detectors);
  return load_rule_pack({t.path("rules")});
}

}  // namespace

TEST_CASE("descriptor rules: bad keys are errors at their node", "[descriptors][loader]") {
  TempTree t;
  auto unknown_doc = load_with(t, R"(  - id: d1
    kind: descriptor
    fact: deploy.function
    document: yml
    files: ["*.yaml"]
    path: a.b
    message: m
)");
  REQUIRE_FALSE(unknown_doc.ok());
  CHECK(unknown_doc.error_text().find("d.yaml:5:15: error: unknown document type 'yml'; did you mean 'yaml'") !=
        std::string::npos);

  auto bad_filter = load_with(t, R"(  - id: d2
    kind: descriptor
    fact: deploy.function
    document: yaml
    files: ["*.yaml"]
    path: "Resources.*[Type=X"
    message: m
)");
  REQUIRE_FALSE(bad_filter.ok());
  CHECK(bad_filter.error_text().find("d.yaml:7:11: error: bad filter") != std::string::npos);

  auto bound_without_unit = load_with(t, R"(  - id: d3
    kind: descriptor
    fact: runtime.max_seconds
    document: yaml
    files: ["*.yaml"]
    path: a.timeout
    bound: upper
    message: m
)");
  REQUIRE_FALSE(bound_without_unit.ok());
  CHECK(bound_without_unit.error_text().find("a bound needs a 'unit'") != std::string::npos);
}

TEST_CASE("descriptor rules: values, defaults, unless and filters", "[descriptors]") {
  TempTree t;
  auto pack = load_with(t, R"(  - id: timeout
    kind: descriptor
    fact: runtime.max_seconds
    document: yaml
    files: ["app.yaml"]
    path: "jobs.*[kind=batch].timeout"
    unit: min
    bound: upper
    message: stops after {value}
  - id: timeout-default
    kind: descriptor
    fact: runtime.max_seconds
    document: yaml
    files: ["app.yaml"]
    path: "jobs.*[kind=batch].timeout"
    unless: defaults.timeout
    default: "2"
    unit: min
    bound: upper
    message: stops after {value}
)");
  INFO(pack.error_text());
  REQUIRE(pack.ok());
  t.write("w/app.yaml",
          "jobs:\n  a:\n    kind: batch\n    timeout: 5\n  b:\n    kind: batch\n  c:\n    kind: web\n    timeout: 99\n");
  ScanInput in;
  in.root = t.path("w");
  ScanOutput out;
  in.files = walk_workload(in.root, {}, out);
  std::vector<const DetectorSpec*> dets;
  for (const auto& d : pack->data().detectors) dets.push_back(&d);
  find_detector_kind("descriptor")->scan(in, dets, out);
  auto ev = out.evidence();
  std::sort(ev.begin(), ev.end(), [](const Evidence& a, const Evidence& b) { return a.line < b.line; });
  REQUIRE(ev.size() == 2);
  CHECK(ev[0].line == 4);  // a's timeout, 5 min
  CHECK(ev[0].detector == "timeout");
  CHECK(ev[0].value == Value{Quantity{300, Dimension::time}});
  CHECK(ev[0].bound == Bound::upper);
  CHECK(ev[0].message == "stops after 300 s");
  CHECK(ev[1].line == 5);  // b has none: the default, at b's key
  CHECK(ev[1].detector == "timeout-default");
  CHECK(ev[1].message.find("(the default, as none is set)") != std::string::npos);

  // With a document-wide default, the default rule stays silent.
  t.write("w/app.yaml", "defaults:\n  timeout: 1\njobs:\n  b:\n    kind: batch\n");
  ScanOutput out2;
  in.files = walk_workload(in.root, {}, out2);
  find_detector_kind("descriptor")->scan(in, dets, out2);
  CHECK(out2.evidence().empty());
}
