// Report formats rendered from one fixed Assessment: golden Markdown and text, escaping in
// every format, SARIF structure and fingerprints.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "reports/fixture_assessment.hpp"
#include "reports/html_report.hpp"
#include "reports/markdown_report.hpp"
#include "reports/report_util.hpp"
#include "reports/sarif_report.hpp"
#include "reports/text_report.hpp"
#include "support/shipped_pack.hpp"

using namespace lambdafit;
using lambdafit::testing::fixture_assessment;

namespace {

const std::string kGoldenDir = std::string(LAMBDAFIT_TEST_SOURCE_DIR) + "/tests/reports/golden/";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Compares with the golden file; LAMBDAFIT_UPDATE_GOLDEN=1 rewrites it instead.
void check_golden(const std::string& name, const std::string& actual) {
  const std::string path = kGoldenDir + name;
  if (const char* up = std::getenv("LAMBDAFIT_UPDATE_GOLDEN"); up && std::string(up) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    WARN("updated " << path);
    return;
  }
  const std::string expected = read_file(path);
  INFO("golden file " << path << " (set LAMBDAFIT_UPDATE_GOLDEN=1 to update)");
  REQUIRE(!expected.empty());
  CHECK(actual == expected);
}

std::string render_or_fail(const Assessment& a, Format f, RenderOptions o = {}) {
  auto r = render(a, f, o);
  INFO(r.error_text());
  REQUIRE(r.ok());
  return *r;
}

}  // namespace

TEST_CASE("markdown report matches its golden file", "[reports]") {
  check_golden("fixture.md", render_or_fail(fixture_assessment(), Format::markdown));
}

TEST_CASE("text report matches its golden file", "[reports]") {
  RenderOptions o;
  o.width = 80;
  check_golden("fixture.txt", render_or_fail(fixture_assessment(), Format::text, o));
}

TEST_CASE("text report carries no escape codes without color, and only colors with it", "[reports]") {
  const auto a = fixture_assessment();
  RenderOptions plain;
  const auto text = render_or_fail(a, Format::text, plain);
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find('\x07') == std::string::npos);
  RenderOptions color;
  color.color = true;
  const auto colored = render_or_fail(a, Format::text, color);
  CHECK(colored.find("\x1b[1;31mnot-a-fit\x1b[0m") != std::string::npos);
  // The scanned line's clear-screen and title-setting sequences are neutralized.
  CHECK(colored.find("\x1b[2J") == std::string::npos);
  CHECK(colored.find("\x1b]0;") == std::string::npos);
  const std::regex any_escape("\x1b[^\\[]|\x1b\\[[0-9;]*[^0-9;m]");
  CHECK_FALSE(std::regex_search(colored, any_escape));
}

TEST_CASE("text report wraps to the width it is given", "[reports]") {
  for (int width : {60, 100}) {
    RenderOptions o;
    o.width = width;
    std::istringstream in(render_or_fail(fixture_assessment(), Format::text, o));
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("warning:", 0) == 0 || line.find("x: 1") != std::string::npos) continue;  // diagnostics verbatim
      INFO(line);
      CHECK(utf8_length(line) <= static_cast<std::size_t>(width));
    }
  }
}

TEST_CASE("markdown escapes markup from scanned text and keeps code literal", "[reports]") {
  CHECK(md_text("a|b <b>*x*</b>") == "a\\|b &lt;b&gt;\\*x\\*&lt;/b&gt;");
  CHECK(md_code("a`b") == "``a`b``");
  CHECK(md_code("`x`") == "`` `x` ``");
  CHECK(md_code("x|y") == "`x\\|y`");
  CHECK(md_code_block("a ``` b", "py") == "````py\na ``` b\n````\n");
  const auto md = render_or_fail(fixture_assessment(), Format::markdown);
  // The hostile line appears once, inside a fenced code block, where hosts show it literally.
  const std::string fenced = "  ```python\n  html = '</code><script>alert(1)</script>' | `x`\n  ```\n";
  CHECK(md.find(fenced) != std::string::npos);
  CHECK(md.find("<script>") == md.find(fenced) + fenced.find("<script>"));
  CHECK(md.find("<script>", md.find(fenced) + fenced.size()) == std::string::npos);
  CHECK(md.find("\x1b") == std::string::npos);
}

TEST_CASE("html report escapes everything from scanned files, answers and rules", "[reports]") {
  const auto html = render_or_fail(fixture_assessment(), Format::html);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("&lt;/code&gt;&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("Cloud Run &lt;GPU&gt;") != std::string::npos);
  CHECK(html.find('\x1b') == std::string::npos);
  // Self-contained: nothing that could fetch.
  CHECK(html.find("http://") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html.find(" src=") == std::string::npos);
  CHECK(html.find("@import") == std::string::npos);
  CHECK(html.find("url(") == std::string::npos);
  CHECK(html.find("default-src 'none'") != std::string::npos);
  CHECK(html.find("id=\"verdict\">not-a-fit<") != std::string::npos);
  CHECK(html.find("data-criterion=\"gpu\" data-status=\"applies\"") != std::string::npos);
  CHECK(html.find("<span class=\"ln\">12</span>") != std::string::npos);
}

TEST_CASE("sarif has one run, rules for every detector and levels from the criterion kind", "[reports]") {
  const auto a = fixture_assessment();
  const auto log = nlohmann::json::parse(render_or_fail(a, Format::sarif));
  CHECK(log["version"] == "2.1.0");
  REQUIRE(log["runs"].size() == 1);
  const auto& run = log["runs"][0];
  CHECK(run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///srv/fixtures/billing-worker/");
  const auto& results = run["results"];
  REQUIRE(results.size() == 4);  // three evidence items and one suppressed
  std::map<std::string, std::string> level_by_rule;
  for (const auto& r : results) {
    level_by_rule[r["ruleId"]] = r["level"];
    const auto& loc = r["locations"][0]["physicalLocation"];
    CHECK(loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
    CHECK(loc["region"]["startLine"].get<int>() > 0);
    const auto& rule = run["tool"]["driver"]["rules"][r["ruleIndex"].get<std::size_t>()];
    CHECK(rule["id"] == r["ruleId"]);
  }
  CHECK(level_by_rule["cuda-launch"] == "error");    // gpu is a limit
  CHECK(level_by_rule["http-server"] == "note");     // inbound-network is an adaptation
  for (const auto& r : results) {
    if (r["ruleId"] != "setrlimit-call") {
      CHECK_FALSE(r.contains("suppressions"));
      continue;
    }
    REQUIRE(r["suppressions"].size() == 1);
    CHECK(r["suppressions"][0]["kind"] == "inSource");
    CHECK(r["suppressions"][0]["justification"] == "only in the local test harness");
  }
}

TEST_CASE("sarif: a declaration is a note whatever criterion reads it", "[reports]") {
  // A template's declared timeout feeds runtime-limit (a limit, so "error" by kind), but the
  // detector says `severity: note` in its rule file: a declaration is not a problem.
  auto a = fixture_assessment();
  auto declared = lambdafit::testing::make_evidence("template.yaml", 11, "      Timeout: 900", "sam-function-timeout", "runtime.max_seconds",
                                "the template stops each run after 900 s");
  for (auto& f : a.facts)
    if (f.id == "runtime.max_seconds") f.evidence.push_back(declared);
  for (auto& c : a.platforms[0].criteria)
    if (c.id == "runtime-limit") c.evidence.push_back(declared);
  const auto& pack = lambdafit::testing::shipped_pack();
  const auto log = nlohmann::json::parse(render_sarif(a, &pack));
  const auto& run = log["runs"][0];
  std::map<std::string, std::string> level_by_rule;
  for (const auto& r : run["results"]) level_by_rule[r["ruleId"]] = r["level"];
  CHECK(level_by_rule["sam-function-timeout"] == "note");
  CHECK(level_by_rule["cuda-launch"] == "error");  // a finding on a limit stays an error
  bool found = false;
  for (const auto& rule : run["tool"]["driver"]["rules"])
    if (rule["id"] == "sam-function-timeout") {
      found = true;
      CHECK(rule["defaultConfiguration"]["level"] == "note");
    }
  CHECK(found);
}

TEST_CASE("sarif fingerprints survive line moves and tell identical lines apart", "[reports]") {
  auto fingerprints = [](const Assessment& a) {
    std::vector<std::string> out;
    const auto log = nlohmann::json::parse(render_sarif(a, nullptr));
    for (const auto& r : log["runs"][0]["results"]) out.push_back(r["partialFingerprints"]["lambdafit/v1"]);
    REQUIRE(out.size() == 4);
    std::sort(out.begin(), out.end());
    return out;
  };
  auto a = fixture_assessment();
  const auto before = fingerprints(a);
  // Insert lines above every finding and re-indent the code: same findings, same prints.
  for (auto& f : a.facts) {
    std::vector<Evidence> moved(f.evidence.begin(), f.evidence.end());  // the table is shared: edit copies
    for (auto& e : moved) {
      e.line += 7;
      e.snippet = "\t" + e.snippet + "  ";
    }
    f.evidence = EvidenceRefs(std::move(moved));
  }
  for (auto& e : a.scan.suppressed) e.line += 3;
  CHECK(fingerprints(a) == before);

  // A changed line is a different finding.
  std::vector<Evidence> changed(a.facts[0].evidence.begin(), a.facts[0].evidence.end());
  changed[0].snippet = "launch<<<grid, 2 * block>>>(frame);";
  a.facts[0].evidence = EvidenceRefs(std::move(changed));
  CHECK(fingerprints(a) != before);

  // The same line twice in one file gives two distinct prints.
  CHECK(finding_fingerprint("d", "p", "x = 1", 0) != finding_fingerprint("d", "p", "x = 1", 1));
  CHECK(finding_fingerprint("d", "p", "  x   =  1 ", 0) == finding_fingerprint("d", "p", "x = 1", 0));
  CHECK(normalize_source_line("\t a \t b  ") == "a b");
}

TEST_CASE("printable and truncation never split or pass control characters", "[reports]") {
  CHECK(printable("a\x1b[2Jb\tc") == "a?[2Jb c");
  CHECK(printable("\xff") == "\xEF\xBF\xBD");
  CHECK(printable("caf\xC3\xA9") == "caf\xC3\xA9");
  CHECK(truncate_utf8("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 4) == "\xC3\xA9...");
  CHECK(truncate_utf8("short", 10) == "short");
}
