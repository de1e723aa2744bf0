#include <catch2/catch.hpp>

#include "lint/config.hpp"

using namespace lambdafit;
using namespace lambdafit::lint;

namespace {
detail::RulePackData pack() {
  detail::RulePackData p;
  DetectorSpec d;
  d.id = "cpp-resource-limit";
  d.fact = "os.changes_settings";
  p.detectors.push_back(d);
  d.id = "cpp-socket-listen";
  d.fact = "network.inbound";
  p.detectors.push_back(d);
  CriterionSpec c;
  c.id = "os-settings";
  c.facts = {"os.changes_settings"};
  p.criteria.push_back(c);
  return p;
}
}  // namespace

TEST_CASE("lint config: enable, disable and flags, the last match wins", "[lint-config]") {
  const auto p = pack();
  const auto limit = detector_names(p.detectors[0], p);
  const auto listen = detector_names(p.detectors[1], p);
  CHECK(limit == std::vector<std::string>{"cpp-resource-limit", "os.changes_settings", "os-settings"});
  LintConfig c;
  LintOverrides o;
  CHECK(is_enabled(limit, c, o));
  c.enable = {"os-settings"};
  CHECK(is_enabled(limit, c, o));
  CHECK_FALSE(is_enabled(listen, c, o));
  c.disable = {"cpp-*"};
  CHECK_FALSE(is_enabled(limit, c, o));
  o.enable = {"cpp-resource-limit"};
  CHECK(is_enabled(limit, c, o));
  o = {};
  o.disable = {"*"};
  CHECK_FALSE(is_enabled(limit, LintConfig{}, o));
  // The check of suppression comments is not restricted by enable lists, only disabled by name.
  CHECK(is_enabled({kSuppressionCheck}, c, LintOverrides{}));
  CHECK_FALSE(is_enabled({kSuppressionCheck}, LintConfig{{}, {}, {kSuppressionCheck}}, LintOverrides{}));
}

TEST_CASE("lint config: severities in order, flags last", "[lint-config]") {
  const auto p = pack();
  const auto limit = detector_names(p.detectors[0], p);
  LintConfig c;
  c.severity = {{"cpp-*", "note"}, {"os-settings", "error"}};
  LintOverrides o;
  CHECK(effective_severity(limit, "warning", c, o) == "error");
  o.severity = {"cpp-resource-limit=note"};
  CHECK(effective_severity(limit, "warning", c, o) == "note");
  CHECK(effective_severity(detector_names(p.detectors[1], p), "warning", c, LintOverrides{}) == "note");
}

TEST_CASE("lint config: bad flags are errors with the nearest id", "[lint-config]") {
  Diagnostics d;
  LintOverrides o;
  o.disable = {"cpp-resource-limt"};
  o.severity = {"os-settings=fatal", "nolevel"};
  CHECK_FALSE(check_overrides(o, pack(), d));
  REQUIRE(d.items().size() == 3);
  CHECK(d.items()[0].message ==
        "--disable: unknown detector, criterion or fact 'cpp-resource-limt'; did you mean 'cpp-resource-limit'?");
  CHECK(d.items()[1].message == "--severity: unknown severity 'fatal'");
  CHECK(d.items()[2].message == "--severity: expected ID=LEVEL, got 'nolevel'");
}
