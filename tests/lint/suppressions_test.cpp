#include <catch2/catch.hpp>

#include "scanning/suppressions.hpp"

using namespace lambdafit;

namespace {

// "form first-last ids reason" for each suppression, to compare whole results at once.
std::vector<std::string> summary(const FileSuppressions& f) {
  std::vector<std::string> out;
  for (const auto& s : f.items) {
    std::string ids;
    for (const auto& i : s.ids) ids += (ids.empty() ? "" : ",") + i;
    out.push_back(std::string(to_string(s.form)) + " " + std::to_string(s.first_line) + "-" +
                  std::to_string(s.last_line) + " [" + ids + "] " + s.reason);
  }
  return out;
}

std::vector<std::string> problems(const FileSuppressions& f) {
  std::vector<std::string> out;
  for (const auto& d : f.problems) {
    Diagnostic c = d;
    c.source_line.clear();
    out.push_back(c.format());
  }
  return out;
}

}  // namespace

TEST_CASE("suppressions: each form covers its own lines", "[suppressions]") {
  const auto f = parse_suppressions(
      "setrlimit(RLIMIT_NOFILE, &rl);  // lambdafit-ignore(setrlimit-call): sized for the pool\n"
      "// lambdafit-ignore-next-line(listen-*): behind the gateway\n"
      "listen(fd, 16);\n"
      "// lambdafit-ignore-begin: vendored code\n"
      "a();\n"
      "// lambdafit-ignore-end\n",
      "src/a.c");
  CHECK(summary(f) == std::vector<std::string>{
                          "lambdafit-ignore 1-1 [setrlimit-call] sized for the pool",
                          "lambdafit-ignore-next-line 3-3 [listen-*] behind the gateway",
                          "lambdafit-ignore-begin 4-6 [] vendored code",
                      });
  CHECK(f.problems.empty());
  CHECK(f.items[0].column == 36);
}

TEST_CASE("suppressions: the next-line form does not silence its own line", "[suppressions]") {
  // A substring test for "lambdafit-ignore" would take this for the same-line form too.
  const auto f = parse_suppressions("x();  // lambdafit-ignore-next-line(a): why\ny();\n", "a.c");
  REQUIRE(f.items.size() == 1);
  CHECK(f.items[0].form == SuppressionForm::next_line);
  CHECK(f.items[0].first_line == 2);
  CHECK(f.items[0].last_line == 2);
}

TEST_CASE("suppressions: every comment syntax", "[suppressions]") {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"a.cpp", "x(); // lambdafit-ignore(d): r"},
      {"a.c", "x(); /* lambdafit-ignore(d): r */"},
      {"a.py", "x()  # lambdafit-ignore(d): r"},
      {"a.sql", "SELECT 1; -- lambdafit-ignore(d): r"},
      {"a.ini", "x = 1 ; lambdafit-ignore(d): r"},
      {"a.html", "<b>x</b> <!-- lambdafit-ignore(d): r -->"},
      {"a.yaml", "key: value  # lambdafit-ignore(d): r"},
  };
  for (const auto& [path, text] : cases) {
    INFO(path);
    const auto f = parse_suppressions(text, path);
    CHECK(summary(f) == std::vector<std::string>{"lambdafit-ignore 1-1 [d] r"});
    CHECK(f.problems.empty());
  }
}

TEST_CASE("suppressions: inside a block comment opened on an earlier line", "[suppressions]") {
  const auto f = parse_suppressions(
      "/*\n * lambdafit-ignore-next-line(d): inside a block\n */\n"
      "<!--\n  lambdafit-ignore(e): html block\n-->\n",
      "a.c");
  CHECK(summary(f) == std::vector<std::string>{"lambdafit-ignore-next-line 3-3 [d] inside a block",
                                               "lambdafit-ignore 5-5 [e] html block"});
}

TEST_CASE("suppressions: markers outside comments or inside longer words do not count",
          "[suppressions]") {
  const auto f = parse_suppressions(
      "name = lambdafit-ignore(d)\n"           // code, no comment
      "// my-lambdafit-ignore(d): no\n"         // a longer word
      "// lambdafit-ignored(d): no\n",          // a longer word after the marker
      "a.txt");
  CHECK(f.items.empty());
  CHECK(problems(f) == std::vector<std::string>{
                           "a.txt:3:4: warning: unknown suppression form 'lambdafit-ignored'; did "
                           "you mean 'lambdafit-ignore'?"});
}

TEST_CASE("suppressions: several ids, globs and spaces", "[suppressions]") {
  const auto f = parse_suppressions("# lambdafit-ignore( a-b , c.* ,os-settings ): many\n", "x.sh");
  REQUIRE(f.items.size() == 1);
  CHECK(f.items[0].ids == std::vector<std::string>{"a-b", "c.*", "os-settings"});
  CHECK(suppression_names(f.items[0], {"zzz", "c.limits"}));
  CHECK(suppression_names(f.items[0], {"os-settings"}));
  CHECK_FALSE(suppression_names(f.items[0], {"a-bc", "os"}));
}

TEST_CASE("suppressions: a missing reason is a warning but still applies", "[suppressions]") {
  const auto f = parse_suppressions(
      "x(); // lambdafit-ignore(d)\n"
      "x(); // lambdafit-ignore(d):   \n"
      "// lambdafit-ignore-end(d)\n",
      "a.c");
  CHECK(f.items.size() == 2);
  CHECK(problems(f) ==
        std::vector<std::string>{
            "a.c:1:9: warning: suppression without a reason; write 'lambdafit-ignore(d): <why>'",
            "a.c:2:9: warning: suppression without a reason; write 'lambdafit-ignore(d): <why>'",
            "a.c:3:4: error: 'lambdafit-ignore-end(d)' has no matching 'lambdafit-ignore-begin(d)'"});
}

TEST_CASE("suppressions: begin and end pair as a stack by id list", "[suppressions]") {
  const auto f = parse_suppressions(
      "// lambdafit-ignore-begin(a): outer\n"   // 1
      "// lambdafit-ignore-begin(b,c): inner\n" // 2
      "x();\n"                                  // 3
      "// lambdafit-ignore-end(c, b)\n"         // 4 closes the inner (same ids, any order)
      "// lambdafit-ignore-end(z)\n"            // 5 matches nothing
      "// lambdafit-ignore-end(a)\n"            // 6 closes the outer
      "// lambdafit-ignore-begin(q): never closed\n",  // 7
      "a.c");
  CHECK(summary(f) == std::vector<std::string>{"lambdafit-ignore-begin 1-6 [a] outer",
                                               "lambdafit-ignore-begin 2-4 [b,c] inner"});
  CHECK(problems(f) == std::vector<std::string>{
                           "a.c:5:4: error: 'lambdafit-ignore-end(z)' has no matching "
                           "'lambdafit-ignore-begin(z)'",
                           "a.c:7:4: error: 'lambdafit-ignore-begin(q)' is never closed by a "
                           "matching 'lambdafit-ignore-end(q)'"});
}

TEST_CASE("suppressions: an end for all ids does not close a begin for some", "[suppressions]") {
  const auto f = parse_suppressions(
      "// lambdafit-ignore-begin(a): r\n// lambdafit-ignore-end\n// lambdafit-ignore-end(a)\n", "a.c");
  CHECK(summary(f) == std::vector<std::string>{"lambdafit-ignore-begin 1-3 [a] r"});
  REQUIRE(f.problems.size() == 1);
  CHECK(f.problems[0].location.line == 2);
}

TEST_CASE("suppressions: malformed id lists are errors and apply nowhere", "[suppressions]") {
  const auto f = parse_suppressions(
      "// lambdafit-ignore(a: r\n"
      "// lambdafit-ignore(a,,b): r\n"
      "// lambdafit-ignore(a b): r\n"
      "<!-- lambdafit-ignore-end-->\n",
      "a.c");
  CHECK(f.items.empty());
  CHECK(problems(f) == std::vector<std::string>{
                           "a.c:1:4: error: missing ')' after the suppression's id list",
                           "a.c:2:4: error: empty id in the suppression's id list",
                           "a.c:3:4: error: 'a b' is not a detector id or glob",
                           "a.c:4:6: error: 'lambdafit-ignore-end' has no matching "
                           "'lambdafit-ignore-begin'"});
}

TEST_CASE("suppressions: CRLF line ends and binary files", "[suppressions]") {
  const auto f = parse_suppressions("x(); // lambdafit-ignore(d): crlf\r\ny();\r\n", "a.c");
  CHECK(summary(f) == std::vector<std::string>{"lambdafit-ignore 1-1 [d] crlf"});
  const std::string binary("\0\1// lambdafit-ignore(d): r\n", 28);
  CHECK(parse_suppressions(binary, "a.bin").items.empty());
}

#include "rulepack/model.hpp"
#include "scanning/scan.hpp"
#include "support/temp_tree.hpp"

namespace {

detail::RulePackData tiny_pack() {
  detail::RulePackData p;
  p.facts.push_back({"os.changes_settings", "t", "", "bool", Dimension::count, {}, {}});
  p.facts.push_back({"network.inbound", "t", "", "bool", Dimension::count, {}, {}});
  DetectorSpec a;
  a.id = "setrlimit-call";
  a.fact = "os.changes_settings";
  DetectorSpec b;
  b.id = "listen-call";
  b.fact = "network.inbound";
  p.detectors = {a, b};
  CriterionSpec c;
  c.id = "os-settings";
  c.facts = {"os.changes_settings"};
  p.criteria.push_back(c);
  return p;
}

Evidence ev(std::string path, int line, std::string detector, std::string fact) {
  Evidence e;
  e.path = std::move(path);
  e.line = line;
  e.column = 1;
  e.detector = std::move(detector);
  e.fact = std::move(fact);
  return e;
}

}  // namespace

TEST_CASE("suppressions: applied to evidence by detector, fact or criterion", "[suppressions]") {
  lambdafit::testing::TempTree t;
  t.write("a.c",
          "setrlimit(0, 0); // lambdafit-ignore(os-settings): pool sized for it\n"  // 1
          "listen(3, 1); // lambdafit-ignore(os-settings): wrong id\n"               // 2
          "// lambdafit-ignore-next-line: everything\n"                              // 3
          "listen(3, 1);\n"                                                          // 4
          "listen(3, 1); // lambdafit-ignore(lisen-call): typo\n");                  // 5
  ScanInput in;
  in.root = t.path();
  in.files.push_back({"a.c", t.path("a.c"), 10});
  std::vector<Evidence> evidence{ev("a.c", 1, "setrlimit-call", "os.changes_settings"),
                                 ev("a.c", 2, "listen-call", "network.inbound"),
                                 ev("a.c", 4, "listen-call", "network.inbound"),
                                 ev("a.c", 5, "listen-call", "network.inbound")};
  const auto report = apply_suppressions(in, tiny_pack(), evidence);
  CHECK(evidence[0].suppressed);
  CHECK(evidence[0].suppression_reason == "pool sized for it");
  CHECK_FALSE(evidence[1].suppressed);
  CHECK(evidence[2].suppressed);
  CHECK(evidence[2].suppression_reason == "everything");
  CHECK_FALSE(evidence[3].suppressed);
  REQUIRE(report.items.size() == 4);
  CHECK(report.items[0].uses == 1);
  CHECK(report.items[1].uses == 0);  // unused: names the wrong criterion for line 2
  CHECK(report.items[2].uses == 1);
  REQUIRE(report.problems.size() == 1);
  CHECK(format_one_line(report.problems[0]) ==
        "a.c:5:18: warning: unknown id 'lisen-call' in the suppression; did you mean 'listen-call'?");
}

TEST_CASE("suppressions: a file with evidence outside the scanned list is still read once",
          "[suppressions]") {
  lambdafit::testing::TempTree t;
  t.write("inc/h.h", "int x = listen(1, 2); /* lambdafit-ignore(listen-call): header */\n");
  ScanInput in;
  in.root = t.path();
  std::vector<Evidence> evidence{ev("inc/h.h", 1, "listen-call", "network.inbound")};
  apply_suppressions(in, tiny_pack(), evidence);
  CHECK(evidence[0].suppressed);
  CHECK(evidence[0].suppression_reason == "header");
}

TEST_CASE("suppressions: a marker inside a string literal is data, not a comment", "[suppressions]") {
  // Each of these silenced a real finding before the language's lexer decided.
  CHECK(parse_suppressions("puts(\"// lambdafit-ignore: see docs\"); setrlimit(x);\n", "a.c").items.empty());
  CHECK(parse_suppressions("echo \"# lambdafit-ignore: see docs\"; sysctl -w a=1\n", "a.sh").items.empty());
  CHECK(parse_suppressions("x = '# lambdafit-ignore: see docs'; os.setuid(0)\n", "a.py").items.empty());
  // A real comment after a string holding a comment opener still counts.
  CHECK(summary(parse_suppressions("puts(\"//\"); // lambdafit-ignore(d): r\n", "a.c")) ==
        std::vector<std::string>{"lambdafit-ignore 1-1 [d] r"});
}

TEST_CASE("suppressions: JSON and files lambdafit wrote hold no suppressions", "[suppressions]") {
  const std::string baseline =
      "{\n  \"findings\": [{\"snippet\": \"x(); // lambdafit-ignore\"}],\n  \"lambdafit_baseline\": 1\n}\n";
  CHECK(parse_suppressions(baseline, "any-name.txt").items.empty());
  CHECK(parse_suppressions(baseline, "any-name.txt").problems.empty());
  CHECK(parse_suppressions("{\"a\": \"# lambdafit-ignore\"}\n", "data.json").items.empty());
}

#include <chrono>
#include <filesystem>

// With a cache directory, a file with no suppression comment is remembered as such while it is
// unchanged; a file that gains one is read again, and the answers are those of an uncached run.
TEST_CASE("suppressions: 'no comment here' is remembered per unchanged file, never past an edit",
          "[suppressions]") {
  namespace fs = std::filesystem;
  lambdafit::testing::TempTree t;
  auto write_old = [&](const std::string& rel, const std::string& text) {
    t.write(rel, text);  // dated back: files stamped during a run are never remembered
    fs::last_write_time(t.path(rel), fs::file_time_type::clock::now() - std::chrono::hours(1));
  };
  write_old("a.c", "listen(3, 1);\n");
  write_old("b.c", "listen(3, 1); // lambdafit-ignore(listen-call): b's reason\n");
  auto run = [&](const std::string& cache) {
    ScanInput in;
    in.root = t.path();
    in.cache_dir = cache;
    in.files.push_back({"a.c", t.path("a.c"), 14});
    in.files.push_back({"b.c", t.path("b.c"), 60});
    std::vector<Evidence> evidence{ev("a.c", 1, "listen-call", "network.inbound"),
                                   ev("b.c", 1, "listen-call", "network.inbound")};
    apply_suppressions(in, tiny_pack(), evidence);
    return std::vector<bool>{evidence[0].suppressed, evidence[1].suppressed};
  };
  const std::string cache = t.path("cache");
  CHECK(run(cache) == std::vector<bool>{false, true});  // learns: a.c has no comment
  CHECK(fs::exists(t.path("cache/files-1")));
  CHECK(run(cache) == std::vector<bool>{false, true});  // answered for a.c, b.c read again
  // a.c gains a comment: the remembered answer no longer holds.
  write_old("a.c", "listen(3, 1); // lambdafit-ignore(listen-call): now intended\n");
  CHECK(run(cache) == std::vector<bool>{true, true});
  CHECK(run("") == std::vector<bool>{true, true});  // the same without a cache
}
