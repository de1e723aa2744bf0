#include <catch2/catch.hpp>

#include "rulepack/model.hpp"
#include "support/temp_tree.hpp"

using namespace lambdafit;
using lambdafit::testing::TempTree;

namespace {

const char* kMinimal = R"(facts:
  - id: os.changes_settings
    title: changes OS settings
    if_not_found: no
  - id: runtime.max_seconds
    type: number
    unit: s
criteria:
  - id: os-settings
    title: Changes OS settings
    kind: concern
    when:
      fact: os.changes_settings
    advice: use containers
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

// The platform limit declarations the minimal pack needs, kept in a file of their own so the
// line numbers of kMinimal stay put.
const char* kLimits = R"(platform_limits:
  - {id: timeout, type: number, unit: s, if_absent: unlimited}
  - {id: runtimes, type: list, if_absent: unknown}
  - {id: gpu, type: bool, if_absent: no}
)";

std::string all_errors(const Result<RulePack>& r) { return r.error_text(); }

}  // namespace

TEST_CASE("loader: a minimal pack loads", "[loader]") {
  TempTree t;
  t.write("rules/a.yaml", kMinimal);
  t.write("rules/limits.yaml", kLimits);
  auto pack = load_rule_pack({t.path("rules")});
  REQUIRE(pack.ok());
  CHECK(pack->criteria().size() == 1);
  CHECK(pack->facts().size() == 2);
  CHECK(pack->default_platform() == "p1");
}

TEST_CASE("loader: the shipped rule pack loads without errors", "[loader]") {
  auto pack = load_rule_pack({std::string(LAMBDAFIT_TEST_SOURCE_DIR) + "/rules"});
  INFO(pack.error_text());
  REQUIRE(pack.ok());
  // Every checklist id of the product contract is present.
  for (const char* id : {"heavy-machine-image", "setup-dependencies", "ssh-access", "native-os",
                         "os-update-fragile", "immediate-patching", "host-logs", "os-settings",
                         "compliance-snapshots", "optimized-instance", "os-tuning",
                         "environment-details", "gpu", "runtime-limit", "memory-limit",
                         "package-limit", "background-process", "inbound-network",
                         "runtime-language", "cross-project-deps", "package-size", "local-state",
                         "event-driven", "polling-loop", "scheduled-short-job", "stateless-handler"}) {
    INFO(id);
    CHECK(pack->data().criterion(id) != nullptr);
  }
  CHECK(pack->platforms().size() == 7);
}

TEST_CASE("loader: unknown keys name the place and the near spelling", "[loader]") {
  TempTree t;
  std::string text = kMinimal;
  text += "detectors:\n  - id: d1\n    kind: file\n    fact: os.changes_settings\n    message: m\n    severty: error\n    files: ['*.conf']\n";
  t.write("rules/a.yaml", text);
  t.write("rules/limits.yaml", kLimits);
  auto pack = load_rule_pack({t.path("rules")});
  REQUIRE_FALSE(pack.ok());
  const auto errors = all_errors(pack);
  INFO(errors);
  CHECK(errors.find("a.yaml:29:5: error: unknown key 'severty' in a 'file' detector; did you mean 'severity'?") !=
        std::string::npos);
  CHECK(errors.find("    severty: error\n    ^") != std::string::npos);
}

TEST_CASE("loader: dangling fact references suggest the near id", "[loader]") {
  TempTree t;
  std::string text = kMinimal;
  text.replace(text.find("fact: os.changes_settings\n    advice"), 25, "fact: os.change_settings");
  t.write("rules/a.yaml", text);
  t.write("rules/limits.yaml", kLimits);
  auto pack = load_rule_pack({t.path("rules")});
  REQUIRE_FALSE(pack.ok());
  CHECK(all_errors(pack).find("unknown fact 'os.change_settings'; did you mean 'os.changes_settings'?") !=
        std::string::npos);
}

TEST_CASE("loader: duplicate ids point at both definitions", "[loader]") {
  TempTree t;
  t.write("rules/a.yaml", kMinimal);
  t.write("rules/limits.yaml", kLimits);
  t.write("rules/b.yaml", "facts:\n  - id: os.changes_settings\n");
  auto pack = load_rule_pack({t.path("rules")});
  REQUIRE_FALSE(pack.ok());
  const auto errors = all_errors(pack);
  CHECK(errors.find("b.yaml:2:9: error: duplicate fact id 'os.changes_settings' (first defined at") !=
        std::string::npos);
  CHECK(errors.find("a.yaml:2:9") != std::string::npos);
}

TEST_CASE("loader: malformed YAML is reported with its position", "[loader]") {
  TempTree t;
  t.write("rules/a.yaml", kMinimal);
  t.write("rules/limits.yaml", kLimits);
  t.write("rules/bad.yaml", "facts:\n  - id: [unclosed\n");
  auto pack = load_rule_pack({t.path("rules")});
  REQUIRE_FALSE(pack.ok());
  CHECK(all_errors(pack).find("bad.yaml:3:1: error: malformed YAML") != std::string::npos);
}

TEST_CASE("loader: criteria that refer to each other in a cycle are rejected", "[loader]") {
  TempTree t;
  t.write("rules/a.yaml", kMinimal);
  t.write("rules/limits.yaml", kLimits);
  t.write("rules/c.yaml", R"(criteria:
  - id: a
    title: A
    kind: concern
    advice: x
    when:
      criterion: b
  - id: b
    title: B
    kind: concern
    advice: x
    when:
      not:
        criterion: a
  - id: c
    title: C
    kind: concern
    advice: x
    when:
      criterion: nope
)");
  auto pack = load_rule_pack({t.path("rules")});
  REQUIRE_FALSE(pack.ok());
  const auto errors = all_errors(pack);
  CHECK(errors.find("criteria refer to each other in a cycle: a -> b -> a") != std::string::npos);
  CHECK(errors.find("refers to unknown criterion 'nope'") != std::string::npos);
}

TEST_CASE("loader: wrong types in conditions are load errors", "[loader]") {
  TempTree t;
  t.write("rules/a.yaml", kMinimal);
  t.write("rules/limits.yaml", kLimits);
  t.write("rules/c.yaml", R"(criteria:
  - id: slow
    title: Slow
    kind: limit
    advice: x
    when:
      fact: runtime.max_seconds
      gt: 5 GB
  - id: cmp-bool
    title: B
    kind: limit
    advice: x
    when:
      fact: os.changes_settings
      gt: 3
)");
  auto pack = load_rule_pack({t.path("rules")});
  REQUIRE_FALSE(pack.ok());
  const auto errors = all_errors(pack);
  CHECK(errors.find("c.yaml:8:11: error: unknown unit 'gb'") != std::string::npos);
  CHECK(errors.find("is a bool, not a number") != std::string::npos);
}

TEST_CASE("loader: unknown detector kinds and missing directories", "[loader]") {
  TempTree t;
  t.write("rules/a.yaml", std::string(kMinimal) +
                              "detectors:\n  - id: d\n    kind: fiel\n    fact: os.changes_settings\n    message: m\n");
  t.write("rules/limits.yaml", kLimits);
  auto pack = load_rule_pack({t.path("rules"), t.path("missing")});
  REQUIRE_FALSE(pack.ok());
  const auto errors = all_errors(pack);
  CHECK(errors.find("unknown detector kind 'fiel'; did you mean 'file'?") != std::string::npos);
  CHECK(errors.find("rule directory") != std::string::npos);
}

namespace {

// Loads kMinimal plus `extra` as rules/c.yaml and returns the errors.
std::string load_errors(const std::string& extra) {
  TempTree t;
  t.write("rules/a.yaml", kMinimal);
  t.write("rules/limits.yaml", kLimits);
  t.write("rules/c.yaml", extra);
  auto pack = load_rule_pack({t.path("rules")});
  if (pack.ok()) return "";
  return all_errors(pack);
}

}  // namespace

TEST_CASE("loader: a misspelt platform limit is a load error with a suggestion", "[loader]") {
  const auto errors = load_errors(R"(criteria:
  - id: slow
    title: Slow
    kind: limit
    advice: x
    when:
      fact: runtime.max_seconds
      gt: platform.timout
)");
  INFO(errors);
  CHECK(errors.find("c.yaml:8:11: error: unknown platform limit 'timout'; did you mean 'timeout'?") !=
        std::string::npos);
}

TEST_CASE("loader: platform limits must be declared and typed", "[loader]") {
  std::string errors = load_errors(R"(criteria:
  - id: runs
    title: R
    kind: limit
    advice: x
    when:
      fact: runtime.max_seconds
      in: platform.timeout
)");
  CHECK(errors.find("c.yaml:8:11: error: platform limit 'timeout' is a number, not a list") !=
        std::string::npos);
  errors = load_errors(R"(platform:
  id: p2
  name: P2
  as_of: 2026-01
  sources: [x]
  limits:
    timeuot: 300 s
    gpu: maybe
)");
  INFO(errors);
  CHECK(errors.find("c.yaml:7:5: error: unknown platform limit 'timeuot'; did you mean 'timeout'?") !=
        std::string::npos);
  CHECK(errors.find("c.yaml:8:10: error: limit 'gpu' is yes or no, not 'maybe'") != std::string::npos);
  errors = load_errors("platform_limits:\n  - {id: arch, type: string, if_absent: unlimited}\n");
  CHECK(errors.find("'unlimited' fits number and list limits") != std::string::npos);
}

TEST_CASE("loader: empty when forms are errors with a suggestion, never a crash", "[loader]") {
  for (const char* when : {"{}", "[]"}) {
    INFO(when);
    const auto errors = load_errors(std::string(R"(criteria:
  - id: empty
    title: E
    kind: concern
    advice: x
    when: )") + when + "\n");
    CHECK(errors.find("c.yaml:6:11: error: an empty condition") != std::string::npos);
    CHECK(errors.find("write") != std::string::npos);
  }
  // Nested empties too.
  const auto nested = load_errors(R"(criteria:
  - id: nested
    title: N
    kind: concern
    advice: x
    when:
      not: {}
)");
  CHECK(nested.find("c.yaml:7:12: error: an empty condition") != std::string::npos);
}

TEST_CASE("loader: fact tags are read into the pack", "[loader]") {
  auto pack = load_rule_pack({std::string(LAMBDAFIT_TEST_SOURCE_DIR) + "/rules"});
  REQUIRE(pack.ok());
  const auto coupled = pack->data().facts_tagged("host-coupling");
  CHECK(coupled.size() == 15);
  CHECK(std::find(coupled.begin(), coupled.end(), "ssh.routine_access") != coupled.end());
  CHECK(std::find(coupled.begin(), coupled.end(), "runtime.max_seconds") == coupled.end());
}

TEST_CASE("loader: facts an analyzer sets must be declared with its type", "[loader]") {
  const auto errors = load_errors("facts:\n  - id: code.languages\n    type: string\n");
  INFO(errors);
  CHECK(errors.find("c.yaml:2:5: error: fact 'code.languages' is set by the 'languages' analyzer as a list") !=
        std::string::npos);
}

TEST_CASE("loader: runtimes are declared data, and platforms may only list declared ones", "[loader]") {
  auto pack = load_rule_pack({std::string(LAMBDAFIT_TEST_SOURCE_DIR) + "/rules"});
  REQUIRE(pack.ok());
  CHECK(pack->data().runtime_of_type.at("typescript") == "nodejs");
  CHECK(pack->data().runtime_of_type.at("cuda") == "cpp");
  CHECK(pack->data().runtime_of_type.count("yaml") == 0);

  TempTree t;
  t.write("rules/a.yaml", kMinimal);
  t.write("rules/limits.yaml", "platform_limits:\n  - {id: timeout, type: number, unit: s, if_absent: unlimited}\n"
                               "  - {id: runtimes, type: list, items: runtime, if_absent: unknown}\n");
  t.write("rules/runtimes.yaml", "runtimes:\n  - {id: python, file_types: [python]}\n"
                                 "  - {id: go, file_types: [goo]}\n");
  t.write("rules/p.yaml", "platform:\n  id: p2\n  name: P2\n  as_of: 2026-01\n  sources: [x]\n"
                          "  limits:\n    runtimes: [python, pyhton]\n");
  auto bad = load_rule_pack({t.path("rules")});
  REQUIRE_FALSE(bad.ok());
  const auto errors = all_errors(bad);
  INFO(errors);
  CHECK(errors.find("runtimes.yaml:3:27: error: unknown file type 'goo'; did you mean 'go'?") !=
        std::string::npos);
  CHECK(errors.find("p.yaml:7:24: error: unknown runtime 'pyhton'; did you mean 'python'?") != std::string::npos);
}
