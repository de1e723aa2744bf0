#include <catch2/catch.hpp>

#include "lint/baseline.hpp"
#include "lint/git.hpp"
#include "support/temp_tree.hpp"

using namespace lambdafit;
using namespace lambdafit::lint;

namespace {
Evidence ev(std::string path, int line, std::string snippet, std::string detector = "cpp-resource-limit") {
  Evidence e;
  e.path = std::move(path);
  e.line = line;
  e.column = 3;
  e.snippet = std::move(snippet);
  e.detector = std::move(detector);
  return e;
}
}  // namespace

TEST_CASE("fingerprints: line numbers and blanks do not matter", "[baseline]") {
  const auto a = fingerprints({ev("src/a.c", 5, "  setrlimit(RLIMIT_NOFILE, &rl);")});
  const auto b = fingerprints({ev("src/a.c", 42, "\tsetrlimit(RLIMIT_NOFILE,   &rl);  ")});
  CHECK(a == b);
}

TEST_CASE("fingerprints: detector, path and text each count", "[baseline]") {
  const auto base = fingerprints({ev("src/a.c", 5, "setrlimit(a);")})[0];
  CHECK(fingerprints({ev("src/b.c", 5, "setrlimit(a);")})[0] != base);
  CHECK(fingerprints({ev("src/a.c", 5, "setrlimit(b);")})[0] != base);
  CHECK(fingerprints({ev("src/a.c", 5, "setrlimit(a);", "other")})[0] != base);
}

TEST_CASE("fingerprints: equal lines get their occurrence index in file order", "[baseline]") {
  // Given out of order, the earlier line still gets occurrence 0.
  const auto fp = fingerprints({ev("a.c", 9, "setrlimit(a);"), ev("a.c", 3, "setrlimit(a);")});
  REQUIRE(fp.size() == 2);
  CHECK(fp[0] != fp[1]);
  CHECK(fp[1] == fingerprints({ev("a.c", 100, "setrlimit(a);")})[0]);
}

TEST_CASE("baseline: written entries read back by fingerprint", "[baseline]") {
  testing::TempTree t;
  const auto fp = fingerprints({ev("a.c", 3, "x();")})[0];
  const auto path = t.write("base.json", baseline_json({{fp, "cpp-resource-limit", "a.c", 3, "x();"}}));
  Diagnostics d;
  const auto set = read_baseline(path, d);
  REQUIRE(set);
  CHECK(*set == std::set<std::string>{fp});
  CHECK(d.items().empty());
}

TEST_CASE("baseline: malformed files are errors with a position", "[baseline]") {
  testing::TempTree t;
  Diagnostics d;
  CHECK_FALSE(read_baseline(t.write("bad.json", "{\n  \"findings\": [\n    {\"fingerprint\": }\n"), d));
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].location.line == 3);
  Diagnostics d2;
  CHECK_FALSE(read_baseline(t.write("other.json", "[1, 2]"), d2));
  CHECK(d2.items()[0].message.find("not a lambdafit baseline") != std::string::npos);
  Diagnostics d3;
  CHECK_FALSE(read_baseline(t.path("missing.json"), d3));
  CHECK(d3.items()[0].message == "cannot read the baseline");
  // A number too large for a double is refused by the JSON reader with another exception
  // than a syntax error; it must still become a located error, not end the process.
  Diagnostics d4;
  CHECK_FALSE(read_baseline(t.write("huge.json", "{\n  \"findings\": [\n  1e99999]}"), d4));
  REQUIRE(d4.items().size() == 1);
  CHECK(d4.items()[0].location.line == 3);
  CHECK(d4.items()[0].location.column == 3);
  CHECK(d4.items()[0].message.find("number overflow") != std::string::npos);
}

TEST_CASE("diff hunks: new-side line ranges per file", "[baseline][git]") {
  const auto r = parse_diff_hunks(
      "diff --git a/src/a.c b/src/a.c\n"
      "--- a/src/a.c\n+++ b/src/a.c\n"
      "@@ -3,0 +4,2 @@ int f(void) {\n+x\n+y\n"
      "@@ -10 +12 @@\n-a\n+b\n"
      "@@ -20,3 +21,0 @@\n-gone\n"
      "diff --git a/old.c b/old.c\n--- a/old.c\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-a\n-b\n"
      "diff --git a/new.c b/new.c\n--- /dev/null\n+++ b/new.c\n@@ -0,0 +1,3 @@\n+a\n+b\n+c\n");
  CHECK(r.at("src/a.c") == std::vector<std::pair<int, int>>{{4, 5}, {12, 12}});
  CHECK(r.at("new.c") == std::vector<std::pair<int, int>>{{1, 3}});
  CHECK(r.count("old.c") == 0);
}
