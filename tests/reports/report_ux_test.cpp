// Helpers behind reports that read at a glance: coverage notes grouped by cause, aligned tables,
// limits in words, a score of 0 drawn, snippets cut before ids.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/limit_label.hpp"
#include "reports/coverage.hpp"
#include "reports/fixture_assessment.hpp"
#include "reports/report_util.hpp"
#include "support/shipped_pack.hpp"

using namespace lambdafit;
using lambdafit::testing::fixture_assessment;

TEST_CASE("coverage notes are grouped by cause, with relative paths and the fix", "[reports]") {
  ScanSummary s;
  s.coverage_notes = {
      "/w/src/a.c: parsed with 96 errors; evidence kept (first: /w/src/a.c:3:10: 'x_export.h' file not found)",
      "/w/src/b.c: parsed with 2 errors; evidence kept (first: /w/src/b.c:1:10: 'x_export.h' file not found)",
      "src/c.c: not parsed: stopped after the 60 s time limit",
      "C/C++: no compile database in the workload; 3 sources were parsed with inferred flags",
  };
  const auto g = group_coverage(s, "/w");
  REQUIRE(g.size() == 3);
  CHECK(g[0].summary == "2 translation units could not find 'x_export.h' (first: src/a.c): configure the build and "
                        "pass -p BUILD_DIR");
  CHECK(g[0].items.size() == 2);
  CHECK(g[0].items[1].find("/w/") == std::string::npos);
  CHECK(g[1].summary == "1 translation unit not parsed: stopped after the 60 s time limit (first: src/c.c)");
  CHECK(g[2].summary == s.coverage_notes[3]);

  // With a compile database the fix is about its include paths, not about making one.
  s.coverage_notes.push_back("C/C++: compile commands from the compile database in build");
  CHECK(group_coverage(s, "/w")[0].summary.find("check the include paths in the compile database") != std::string::npos);
}

TEST_CASE("coverage notes of #if blocks skipped after a missing include are grouped", "[reports]") {
  ScanSummary s;
  const std::string why = "skipped on a macro nothing defined after a missing include, which may define it";
  s.coverage_notes = {
      "/w/src/a.c: parsed with 5 errors; evidence kept (first: /w/src/cfg.h:2:10: 'auto.h' file not found)",
      "/w/src/a.c: 143 #if blocks not read: " + why + " (first: src/cfg.h:21)",
      "/w/src/b.c: parsed with 9 errors; evidence kept (first: /w/src/cfg.h:2:10: 'auto.h' file not found)",
      "/w/src/b.c: 1 #if block not read: " + why + " (first: src/b.c:7)",
  };
  const auto g = group_coverage(s, "/w");
  REQUIRE(g.size() == 2);
  CHECK(g[0].summary == "2 translation units could not find 'auto.h' (first: src/a.c): configure the build and "
                        "pass -p BUILD_DIR");
  CHECK(g[1].summary == "2 translation units had #if blocks not read, " + why +
                            " (first: src/a.c): configure the build and pass -p BUILD_DIR");
  CHECK(g[1].items[1] == "src/b.c: 1 #if block not read: " + why + " (first: src/b.c:7)");
}

TEST_CASE("aligned tables size each column to its widest cell", "[reports]") {
  const auto t = aligned_table({{"id", "score"}, {"gcp-cloud-run-functions", "7"}, {"x", "100"}}, {false, true}, "  ");
  CHECK(t == "  id                       score\n  gcp-cloud-run-functions      7\n  x                          100\n");
}

TEST_CASE("platform limits read in words with units", "[reports]") {
  // The words are the rule pack's titles (rules/platform-limits.yaml), not a table in C++.
  const auto& titles = lambdafit::testing::shipped_pack().data().limit_titles;
  CHECK(limit_label(titles, "package_unzipped") == "package size (unzipped)");
  CHECK(limit_label(titles, "some_new_limit") == "some new limit");
  CHECK(limit_value_text("900 s") == "900 s (15 min)");
  CHECK(limit_value_text("10240 MB") == "10240 MB (10 GB)");
  CHECK(limit_value_text("false") == "no");
  CHECK(limit_value_text("only through API Gateway") == "only through API Gateway");
  CHECK(limit_display_order(titles, {"zeta", "memory", "timeout"}) ==
        std::vector<std::string>{"timeout", "memory", "zeta"});
}

TEST_CASE("reports draw a score of 0 and cut snippets, not detector ids", "[reports]") {
  auto a = fixture_assessment();
  a.platforms[0].score = 0;
  auto html = render(a, Format::html);
  REQUIRE(html.ok());
  CHECK(html->find("class=\"track zero\"") != std::string::npos);

  auto& c = a.platforms[0].criteria.front();
  REQUIRE(!c.evidence.empty());
  std::vector<Evidence> long_items(c.evidence.begin(), c.evidence.end());  // the table is shared: edit copies
  long_items.front().snippet = std::string(200, 'y');
  long_items.front().detector = "a-rather-long-detector-id-that-must-stay-whole";
  c.evidence = EvidenceRefs(std::move(long_items));
  RenderOptions o;
  o.width = 80;
  auto text = render(a, Format::text, o);
  REQUIRE(text.ok());
  CHECK(text->find("[a-rather-long-detector-id-that-must-stay-whole]") != std::string::npos);
  CHECK(text->find(std::string(200, 'y')) == std::string::npos);
  for (std::size_t start = 0, nl; start < text->size(); start = nl + 1) {
    nl = text->find('\n', start);
    if (nl == std::string::npos) nl = text->size();
    INFO(text->substr(start, nl - start));
    CHECK(utf8_length(text->substr(start, nl - start)) <= 80);
  }
}

TEST_CASE("markdown shows platform limits as a table in words", "[reports]") {
  auto md = render(fixture_assessment(), Format::markdown);
  REQUIRE(md.ok());
  CHECK(md->find("## Platform limits") != std::string::npos);
  CHECK(md->find("| timeout | 300 s (5 min) |") != std::string::npos);
  CHECK(md->find("memory 1536") == std::string::npos);
}

TEST_CASE("a strength that needs a change is not shown as a plain strength", "[reports]") {
  auto a = fixture_assessment();
  CriterionResult c;
  c.id = "polling-loop";
  c.title = "Polls for changes that could be pushed as events";
  c.kind = CriterionKind::strength;
  c.status = Status::applies;
  c.advice = "Replace the loop with an event trigger.";
  c.needs_change = true;
  a.platforms[0].criteria.push_back(c);
  auto text = render(a, Format::text);
  REQUIRE(text.ok());
  CHECK(text->find("Strengths once changed\n  ~ polling-loop") != std::string::npos);
  CHECK(text->find("+ polling-loop") == std::string::npos);
  auto html = render(a, Format::html);
  REQUIRE(html.ok());
  CHECK(html->find("st-to-change") != std::string::npos);
  // The JSON says so on every criterion: true here, false for the rest.
  auto js = render(a, Format::json);
  REQUIRE(js.ok());
  const auto doc = nlohmann::json::parse(*js);
  std::size_t changed = 0, plain = 0;
  for (const auto& cj : doc["criteria"]) {
    REQUIRE(cj.contains("needs_change"));
    (cj["needs_change"].get<bool>() ? changed : plain)++;
    if (cj["id"] == "polling-loop") CHECK(cj["needs_change"] == true);
  }
  CHECK(changed == 1);
  CHECK(plain > 0);
}
