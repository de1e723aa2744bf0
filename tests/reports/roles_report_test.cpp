// The parts of every report format that file roles and the score range add: the "not
// counted" evidence with its role, per-role file counts, the detectors of a merged place,
// and the score range of an undetermined verdict.
#include <catch2/catch.hpp>

#include <set>

#include <nlohmann/json.hpp>

#include "reports/fixture_assessment.hpp"
#include "reports/json_report.hpp"
#include "reports/report_util.hpp"

using namespace lambdafit;
using lambdafit::testing::fixture_assessment;
using lambdafit::testing::make_evidence;

namespace {

// The report fixture, undetermined, with evidence from a test file and an invoke script.
Assessment roles_fixture() {
  Assessment a = fixture_assessment();
  auto& p = a.platforms.front();
  p.verdict = Verdict::undetermined;
  p.optimistic = Verdict::fit_with_caveats;
  p.pessimistic = Verdict::not_a_fit;
  p.score = 79;
  p.score_range = {40, 79};
  Evidence t = make_evidence("tests/test_handler.py", 8, "    with open(\"/var/log/syslog\") as f:",
                             "python-host-logs", "logs.host_access", "reads the host's logs");
  t.column = 15;
  t.role = FileRole::test;
  t.counted = false;
  t.detectors = {"python-host-logs"};
  Evidence loop = make_evidence("invoke.sh", 5, "while true; do", "shell-forever-loop", "process.background",
                                "loops forever");
  loop.role = FileRole::tooling;
  loop.counted = false;
  loop.detectors = {"shell-forever-loop", "shell-poll-loop"};
  a.scan.not_counted = {loop, t};
  for (auto r : all_file_roles()) a.scan.roles[r] = 0;
  a.scan.roles[FileRole::deployed] = 38;
  a.scan.roles[FileRole::test] = 3;
  a.scan.roles[FileRole::tooling] = 1;
  return a;
}

std::string rendered(const Assessment& a, Format f) {
  auto r = render(a, f);
  INFO(r.error_text());
  REQUIRE(r.ok());
  return *r;
}

}  // namespace

TEST_CASE("roles in reports: every format lists what was not counted, with its role", "[reports][roles]") {
  const auto a = roles_fixture();
  for (Format f : {Format::text, Format::markdown, Format::html}) {
    const std::string out = rendered(a, f);
    INFO(out);
    CHECK(out.find("Not counted: 2 places in test, tooling files") != std::string::npos);
    CHECK(out.find("tests/test_handler.py:8:15") != std::string::npos);
    CHECK(out.find("invoke.sh:5:1") != std::string::npos);
    // Text cuts long lines at the width; the other formats list every detector of the place.
    CHECK(out.find(f == Format::html ? "<span class=\"role\">tooling</span>" : "(tooling)") != std::string::npos);
    CHECK(out.find(f == Format::text ? "[shell-forever-loop, shell-" : "shell-forever-loop, shell-poll-loop") !=
          std::string::npos);
    CHECK(out.find("38 deployed, 3 test, 1 tooling") != std::string::npos);
  }
  CHECK(rendered(a, Format::html).find("<span class=\"role\">test</span>") != std::string::npos);

  const auto j = nlohmann::json::parse(rendered(a, Format::json));
  REQUIRE(j["scan"]["not_counted"].size() == 2);
  CHECK(j["scan"]["not_counted"][0]["role"] == "tooling");
  CHECK(j["scan"]["not_counted"][0]["counted"] == false);
  CHECK(j["scan"]["not_counted"][0]["detectors"] == nlohmann::json({"shell-forever-loop", "shell-poll-loop"}));
  CHECK(j["scan"]["roles"]["deployed"] == 38);
  CHECK(j["scan"]["roles"]["vendored"] == 0);
  CHECK(j["evidence"][j["criteria"][0]["evidence"][0].get<std::size_t>()]["role"] == "deployed");

  const auto sarif = nlohmann::json::parse(rendered(a, Format::sarif));
  std::size_t informational = 0;
  for (const auto& r : sarif["runs"][0]["results"]) {
    if (r["properties"]["counted"] == true) continue;
    ++informational;
    CHECK(r["level"] == "none");
    CHECK(r["kind"] == "informational");
    CHECK((r["properties"]["role"] == "test" || r["properties"]["role"] == "tooling"));
    CHECK(r["message"]["text"].get<std::string>().find("not counted") != std::string::npos);
  }
  CHECK(informational == 2);
}

TEST_CASE("roles in reports: an undetermined verdict shows the score range", "[reports][score]") {
  auto a = roles_fixture();
  for (Format f : {Format::text, Format::markdown, Format::html}) {
    INFO(static_cast<int>(f));
    CHECK(rendered(a, f).find("40\u201379") != std::string::npos);
  }
  const auto j = nlohmann::json::parse(rendered(a, Format::json));
  CHECK(j["score"] == 79);
  CHECK(j["score_range"] == nlohmann::json({40, 79}));
  CHECK(j["platforms"][0]["score_range"] == nlohmann::json({40, 79}));
  const auto sarif = nlohmann::json::parse(rendered(a, Format::sarif));
  CHECK(sarif["runs"][0]["properties"]["score_range"] == nlohmann::json({40, 79}));
  // A settled verdict shows one number.
  a.platforms.front().verdict = Verdict::fit_with_caveats;
  CHECK(score_text(a.platforms.front()) == "79");
  CHECK(rendered(a, Format::text).find("40\u201379") == std::string::npos);
}

TEST_CASE("roles in reports: evidence is spread across files", "[reports]") {
  std::vector<Evidence> ev;
  for (int i = 1; i <= 30; ++i) ev.push_back(make_evidence("busy.c", i, "x", "d", "f", "m"));
  ev.push_back(make_evidence("other.c", 4, "y", "d", "f", "m"));
  ev.push_back(make_evidence("third.c", 9, "z", "d", "f", "m"));
  const auto shown = spread_across_files(ev, 5);
  REQUIRE(shown.size() == 5);
  std::set<std::string> files;
  for (const auto* e : shown) files.insert(e->path);
  CHECK(files == std::set<std::string>{"busy.c", "other.c", "third.c"});
  CHECK(shown[0]->path == "busy.c");
  CHECK(shown[0]->line == 1);
  CHECK(shown[1]->line == 2);
  CHECK(spread_across_files(ev, 100).size() == ev.size());
}
