// Portfolio files (positions in errors), ordering, and the summary in every format.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "reports/fixture_assessment.hpp"
#include "reports/portfolio.hpp"
#include "support/temp_tree.hpp"

using namespace lambdafit;
using lambdafit::testing::fixture_assessment;
using lambdafit::testing::TempTree;

namespace {

PortfolioEntry assessed(std::string name, Verdict v, int score, double confidence) {
  PortfolioEntry e;
  e.workload.name = std::move(name);
  e.workload.path = "/w/" + e.workload.name;
  Assessment a = fixture_assessment();
  a.platforms.resize(1);
  a.platforms[0].verdict = v;
  a.platforms[0].score = score;
  a.platforms[0].confidence = confidence;
  if (v != Verdict::not_a_fit) a.platforms[0].blocking.clear();
  e.assessment = std::move(a);
  return e;
}

PortfolioEntry failed(std::string name, std::string message) {
  PortfolioEntry e;
  e.workload.name = std::move(name);
  e.workload.path = "/w/" + e.workload.name;
  e.errors.push_back({Severity::error, std::move(message), {"/w/broken/lambdafit.yaml", 3, 7}, "name: ["});
  return e;
}

std::vector<PortfolioEntry> mixed() {
  std::vector<PortfolioEntry> v;
  v.push_back(failed("broken", "malformed YAML: end of map not found"));
  v.push_back(assessed("daemon", Verdict::not_a_fit, 0, 0.9));
  v.push_back(assessed("thumbs", Verdict::good_fit, 100, 0.8));
  v.push_back(assessed("report, \"v2\"", Verdict::fit_with_caveats, 70, 0.7));
  v.push_back(assessed("unsure", Verdict::undetermined, 50, 0.3));
  v.push_back(assessed("thumbs-b", Verdict::good_fit, 100, 0.95));
  sort_portfolio(v);
  return v;
}

std::string render_or_fail(const std::vector<PortfolioEntry>& v, PortfolioFormat f) {
  auto r = render_portfolio(v, f);
  INFO(r.error_text());
  REQUIRE(r.ok());
  return *r;
}

}  // namespace

TEST_CASE("portfolio file: workloads with paths relative to the file", "[portfolio]") {
  TempTree t;
  const auto file = t.write("team/portfolio.yaml",
                            "workloads:\n"
                            "  - path: ../apps/thumbs\n"
                            "    name: thumbnails\n"
                            "    answers: answers/thumbs.yaml\n"
                            "  - /abs/daemon\n");
  auto r = load_portfolio(file);
  INFO(r.error_text());
  REQUIRE(r.ok());
  REQUIRE(r->size() == 2);
  CHECK((*r)[0].path == t.path("apps/thumbs"));
  CHECK((*r)[0].name == "thumbnails");
  CHECK((*r)[0].answers_file == t.path("team/answers/thumbs.yaml"));
  CHECK((*r)[0].defined_at.line == 2);
  CHECK((*r)[1].path == "/abs/daemon");
  CHECK_FALSE((*r)[1].answers_file);

  const auto bare = t.write("bare.yaml", "- a\n- path: b\n");
  auto rb = load_portfolio(bare);
  REQUIRE(rb.ok());
  CHECK(rb->size() == 2);
}

TEST_CASE("portfolio file errors name file, line and column", "[portfolio]") {
  TempTree t;
  SECTION("unknown key with a suggestion") {
    const auto file = t.write("p.yaml", "workloads:\n  - path: a\n  - pth: b\n");
    auto r = load_portfolio(file);
    REQUIRE_FALSE(r.ok());
    const auto text = r.error_text();
    INFO(text);
    CHECK(text.find(file + ":3:5: error: unknown key 'pth'") != std::string::npos);
    CHECK(text.find("did you mean 'path'") != std::string::npos);
  }
  SECTION("missing path") {
    const auto file = t.write("p.yaml", "workloads:\n  - name: x\n");
    auto r = load_portfolio(file);
    REQUIRE_FALSE(r.ok());
    INFO(r.error_text());
    CHECK(r.error_text().find(file + ":2:5: error: missing required key 'path'") != std::string::npos);
  }
  SECTION("malformed YAML") {
    const auto file = t.write("p.yaml", "workloads: [a, b\n");
    auto r = load_portfolio(file);
    REQUIRE_FALSE(r.ok());
    INFO(r.error_text());
    CHECK(r.error_text().find(file + ":") == 0);
    CHECK(r.error_text().find("error: malformed YAML") != std::string::npos);
  }
  SECTION("not a list") {
    const auto file = t.write("p.yaml", "workloads: just-one\n");
    auto r = load_portfolio(file);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error_text().find(file + ":1:12: error: expected a list of workloads") != std::string::npos);
  }
  SECTION("empty list") {
    const auto file = t.write("p.yaml", "workloads: []\n");
    CHECK_FALSE(load_portfolio(file).ok());
  }
}

TEST_CASE("portfolio rows come best candidates first, failures last", "[portfolio]") {
  const auto v = mixed();
  std::vector<std::string> names;
  for (const auto& e : v) names.push_back(portfolio_name(e));
  CHECK(names == std::vector<std::string>{"thumbs-b", "thumbs", "report, \"v2\"", "unsure", "daemon", "broken"});
}

TEST_CASE("portfolio assessment keeps going past a failing workload", "[portfolio]") {
  auto pack = RulePack::load();
  INFO(pack.error_text());
  REQUIRE(pack.ok());
  TempTree t;
  t.write("good/handler.py", "def handler(event, context):\n    return event\n");
  t.write("bad/lambdafit.yaml", "name: [unclosed\n");
  std::vector<PortfolioWorkload> ws{{"", t.path("bad"), std::nullopt, {}}, {"", t.path("good"), std::nullopt, {}}};
  std::vector<std::string> seen;
  auto entries = assess_portfolio(*pack, ws, AssessOptions{}, [&](std::size_t, const PortfolioWorkload& w) {
    seen.push_back(w.path);
  });
  CHECK(seen.size() == 2);
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].assessment.has_value());
  CHECK(portfolio_name(entries[0]) == "good");
  CHECK_FALSE(entries[1].assessment.has_value());
  REQUIRE_FALSE(entries[1].errors.empty());
  CHECK(entries[1].errors[0].location.file.find("lambdafit.yaml") != std::string::npos);
  CHECK(entries[1].errors[0].location.line > 0);
}

TEST_CASE("portfolio summary in every format has one row per workload", "[portfolio]") {
  const auto v = mixed();
  SECTION("csv") {
    const auto csv = render_or_fail(v, PortfolioFormat::csv);
    // The platform columns come last, so the first eleven keep their places.
  CHECK(csv.rfind("rank,workload,path,status,platform,verdict,score,confidence,blocking,open_questions,error,"
                  "best_platform,best_verdict,platform_verdicts\r\n", 0) == 0);
    CHECK(std::count(csv.begin(), csv.end(), '\n') == 7);
    CHECK(csv.find("3,\"report, \"\"v2\"\"\",\"/w/report, \"\"v2\"\"\",assessed,aws-lambda-2016,fit-with-caveats,70,0.70,,1,")
          != std::string::npos);
    CHECK(csv.find("5,daemon,/w/daemon,assessed,aws-lambda-2016,not-a-fit,0,0.90,gpu;runtime-limit,1,") != std::string::npos);
    CHECK(csv.find("6,broken,/w/broken,failed,,,,,,,/w/broken/lambdafit.yaml:3:7: malformed YAML") != std::string::npos);
    CHECK(csv_field("=cmd()") == "'=cmd()");
  }
  SECTION("json") {
    const auto j = nlohmann::json::parse(render_or_fail(v, PortfolioFormat::json));
    CHECK(j["schema_version"] == kPortfolioSchemaVersion);
    REQUIRE(j["workloads"].size() == 6);
    CHECK(j["workloads"][0]["name"] == "thumbs-b");
    CHECK(j["workloads"][4]["blocking"] == nlohmann::json::array({"gpu", "runtime-limit"}));
    CHECK(j["workloads"][5]["status"] == "failed");
    CHECK(j["workloads"][5]["error"].get<std::string>().find("malformed YAML") != std::string::npos);
    CHECK(j["totals"]["good-fit"] == 2);
    CHECK(j["totals"]["failed"] == 1);
  }
  SECTION("markdown") {
    const auto md = render_or_fail(v, PortfolioFormat::markdown);
    CHECK(md.find("6 workload(s): 2 good-fit, 1 fit-with-caveats, 1 undetermined, 1 not-a-fit, 1 failed") != std::string::npos);
    CHECK(md.find("| 6 | broken<br>`/w/broken` | **failed** |") != std::string::npos);
    CHECK(md.find("| 1 | thumbs-b<br>`/w/thumbs-b` | **good-fit** | 100 | 95% | — | 1 |") != std::string::npos);
  }
  SECTION("text") {
    const auto text = render_or_fail(v, PortfolioFormat::text);
    CHECK(text.find("   6  broken") != std::string::npos);
    // The error may wrap onto several lines; compare with blanks collapsed.
    std::string flat;
    for (char c : text) {
      const bool blank = c == ' ' || c == '\n';
      if (!(blank && !flat.empty() && flat.back() == ' ')) flat += blank ? ' ' : c;
    }
    CHECK(flat.find("error: /w/broken/lambdafit.yaml:3:7: malformed YAML: end of map not found") != std::string::npos);
    CHECK(text.find('\x1b') == std::string::npos);
  }
  SECTION("html") {
    const auto html = render_or_fail(v, PortfolioFormat::html);
    CHECK(html.find("data-verdict=\"good-fit\" data-count=\"2\"") != std::string::npos);
    CHECK(html.find("data-verdict=\"failed\" data-count=\"1\"") != std::string::npos);
    CHECK(html.find("report, &quot;v2&quot;") != std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
  }
}
