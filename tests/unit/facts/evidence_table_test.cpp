// Evidence stored once per assessment: facts, the criteria of every platform and the JSON
// report refer to one table by index instead of copying items.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "facts/resolve.hpp"
#include "reports/json_report.hpp"
#include "scoring/evaluate.hpp"
#include "support/shipped_pack.hpp"
#include "support/temp_tree.hpp"

using namespace lambdafit;

namespace {

const RulePack& pack() { return lambdafit::testing::shipped_pack(); }

Evidence item(const char* path, int line, const char* fact, const char* detector) {
  Evidence e;
  e.path = path;
  e.line = line;
  e.column = 1;
  e.snippet = "line " + std::to_string(line);
  e.detector = detector;
  e.detectors = {detector};
  e.fact = fact;
  return e;
}

const CriterionResult& criterion(const PlatformResult& p, const std::string& id) {
  for (const auto& c : p.criteria)
    if (c.id == id) return c;
  FAIL("no criterion " << id);
  throw;
}

const Fact& fact(const std::vector<Fact>& facts, const std::string& id) {
  for (const auto& f : facts)
    if (f.id == id) return f;
  FAIL("no fact " << id);
  throw;
}

// An assessment built as assess() builds it: one table, facts and two platforms over it.
struct Built {
  Assessment a;
  std::shared_ptr<EvidenceTable> table;
};

Built build(std::vector<Evidence> items) {
  const auto& data = pack().data();
  Built b;
  b.table = std::make_shared<EvidenceTable>(std::move(items));
  b.a.facts = resolve_facts_in_table(data, b.table, {}, {});
  CriterionEvidence shared{b.table, {}};
  for (const char* id : {"aws-lambda-2016", "aws-lambda"})
    b.a.platforms.push_back(evaluate_platform(data, b.a.facts, *data.platform(id), &shared));
  b.a.evidence = b.table;
  return b;
}

}  // namespace

TEST_CASE("evidence table: an item read by two criteria is stored once and both refer to it", "[evidence]") {
  // runtime.max_seconds feeds runtime-limit and scheduled-short-job.
  Evidence timeout = item("template.yaml", 12, "runtime.max_seconds", "sam-function-timeout");
  timeout.value = Quantity{30, Dimension::time};
  timeout.bound = Bound::upper;
  auto b = build({item("etc/sysctl.conf", 1, "os.changes_settings", "sysctl-setting"), timeout});
  REQUIRE(b.table->size() == 2);  // no copy was added
  const auto& p = b.a.platforms.front();
  const auto& limit = criterion(p, "runtime-limit");
  const auto& sched = criterion(p, "scheduled-short-job");
  REQUIRE(limit.evidence.size() == 1);
  REQUIRE(sched.evidence.size() == 1);
  CHECK(limit.evidence.table() == b.a.evidence);
  CHECK(sched.evidence.table() == b.a.evidence);
  CHECK(limit.evidence.indices() == std::vector<std::uint32_t>{1});
  CHECK(sched.evidence.indices() == std::vector<std::uint32_t>{1});
  CHECK(&limit.evidence.front() == &sched.evidence.front());  // the very same item
  CHECK(limit.evidence.front().path == "template.yaml");
  CHECK(fact(b.a.facts, "runtime.max_seconds").evidence.indices() == std::vector<std::uint32_t>{1});

  // The JSON report lists it once; both criteria and the fact hold its index.
  const auto j = nlohmann::json::parse(to_json(b.a));
  CHECK(j["schema_version"] == 3);
  REQUIRE(j["evidence"].size() == 2);
  CHECK(j["evidence"][1]["path"] == "template.yaml");
  CHECK(j["evidence"][1]["line"] == 12);
  for (const auto& c : j["platforms"][0]["criteria"])
    if (c["id"] == "runtime-limit" || c["id"] == "scheduled-short-job") CHECK(c["evidence"] == nlohmann::json::array({1}));
  for (const auto& f : j["facts"])
    if (f["id"] == "runtime.max_seconds") CHECK(f["evidence"] == nlohmann::json::array({1}));
}

TEST_CASE("evidence table: every platform's criteria share one table and one list", "[evidence]") {
  auto b = build({item("etc/sysctl.conf", 3, "os.changes_settings", "sysctl-setting"),
                  item("etc/sysctl.conf", 4, "os.changes_settings", "sysctl-setting")});
  const auto& first = criterion(b.a.platforms[0], "os-settings");
  const auto& second = criterion(b.a.platforms[1], "os-settings");
  CHECK(first.status == Status::applies);
  CHECK(first.evidence.table() == second.evidence.table());
  CHECK(first.evidence.indices() == std::vector<std::uint32_t>{0, 1});
  CHECK(second.evidence.indices() == first.evidence.indices());
  CHECK(b.table->size() == 2);
  // Indices resolve to the items, in place order.
  CHECK(first.evidence[0].line == 3);
  CHECK(first.evidence[1].line == 4);
  const auto j = nlohmann::json::parse(to_json(b.a));
  REQUIRE(j["evidence"].size() == 2);
  for (const auto& p : j["platforms"])
    for (const auto& c : p["criteria"])
      for (const auto& i : c["evidence"]) CHECK(i.get<std::size_t>() < j["evidence"].size());
}

TEST_CASE("evidence table: a line two facts of one criterion share is merged once for all platforms", "[evidence]") {
  // heavy-machine-image reads image.heavy and image.host_tools: one place, two detectors.
  auto b = build({item("build.sh", 7, "image.heavy", "ami-id"), item("build.sh", 7, "image.host_tools", "shell-host-tool")});
  const auto& first = criterion(b.a.platforms[0], "heavy-machine-image");
  const auto& second = criterion(b.a.platforms[1], "heavy-machine-image");
  REQUIRE(first.evidence.size() == 1);
  CHECK(first.evidence.front().detectors == std::vector<std::string>{"ami-id", "shell-host-tool"});
  CHECK(b.table->size() == 3);  // the merged place, appended once
  CHECK(second.evidence.indices() == first.evidence.indices());
  // The facts keep their own items; the merged one is not counted as another fact's evidence.
  CHECK(fact(b.a.facts, "image.heavy").evidence.size() == 1);
  CHECK(fact(b.a.facts, "image.host_tools").evidence.size() == 1);
}

TEST_CASE("evidence table: lists built by hand keep tables of their own and copy on push_back", "[evidence]") {
  EvidenceRefs a{item("x.py", 1, "f", "d"), item("x.py", 2, "f", "d")};
  EvidenceRefs b = a;
  CHECK(b.table() == a.table());
  b.push_back(item("x.py", 3, "f", "d"));
  CHECK(a.size() == 2);  // the original is unchanged
  REQUIRE(b.size() == 3);
  CHECK(b.back().line == 3);
  std::vector<int> lines;
  for (const auto& e : b) lines.push_back(e.line);
  CHECK(lines == std::vector<int>{1, 2, 3});

  // The report's table still lists each distinct item once.
  Assessment h;
  Fact f;
  f.id = "os.changes_settings";
  f.evidence = a;
  h.facts = {f};
  PlatformResult p;
  CriterionResult c;
  c.id = "os-settings";
  c.facts = {"os.changes_settings"};
  c.evidence = a;
  p.criteria = {c};
  h.platforms = {p};
  const auto j = nlohmann::json::parse(to_json(h));
  CHECK(j["evidence"].size() == 2);
  CHECK(j["facts"][0]["evidence"] == nlohmann::json::array({0, 1}));
  CHECK(j["criteria"][0]["evidence"] == nlohmann::json::array({0, 1}));
}

TEST_CASE("evidence table: assess --platform all keeps one table for every platform", "[evidence]") {
  lambdafit::testing::TempTree t;
  t.write("etc/sysctl.d/10-net.conf", "net.core.somaxconn = 1024\nnet.ipv4.tcp_fin_timeout = 15\n");
  AssessOptions o;
  o.path = t.path();
  o.platforms = {"all"};
  o.use_manifest = false;
  auto r = assess(pack(), o);
  INFO(r.error_text());
  REQUIRE(r.ok());
  REQUIRE(r->evidence);
  REQUIRE(r->platforms.size() > 1);
  for (const auto& p : r->platforms) {
    const auto& c = criterion(p, "os-settings");
    CHECK(c.evidence.table() == r->evidence);
    CHECK(c.evidence.size() == 2);
  }
  CHECK(fact(r->facts, "os.changes_settings").evidence.table() == r->evidence);
  const auto j = nlohmann::json::parse(to_json(*r));
  std::size_t sysctl_items = 0;
  for (const auto& e : j["evidence"]) sysctl_items += e["path"] == "etc/sysctl.d/10-net.conf";
  CHECK(sysctl_items == 2);
}
