#include <catch2/catch.hpp>

#include "scanning/analyzers/languages.hpp"
#include "support/shipped_pack.hpp"
#include "support/temp_tree.hpp"

using namespace lambdafit;
using lambdafit::testing::TempTree;

namespace {
std::vector<WorkloadFile> walk(const TempTree& t) {
  ScanOutput out;
  return walk_workload(t.path(), {}, out);
}
}  // namespace

namespace {
// Which file types run on which runtime is pack data (rules/runtimes.yaml).
const std::map<std::string, std::string>& runtimes() {
  return lambdafit::testing::shipped_pack().data().runtime_of_type;
}
}  // namespace

TEST_CASE("languages: bytes per runtime, skipping vendored, generated and tests", "[analyzers][languages]") {
  TempTree t;
  t.write("app/main.py", std::string(900, 'p'));
  t.write("bin/run", "#!/bin/bash\n" + std::string(88, 's'));  // 100 bytes of shell
  t.write("web/app.ts", std::string(300, 't'));
  t.write("web/x.min.js", std::string(5000, 'm'));
  t.write("vendor/lib/big.go", std::string(5000, 'g'));
  t.write("tests/test_main.py", std::string(5000, 'p'));
  t.write("README.md", std::string(5000, 'r'));
  const auto shares = measure_languages(walk(t), runtimes());
  REQUIRE(shares.size() == 3);
  CHECK(shares[0].language == "python");
  CHECK(shares[0].bytes == 900);
  CHECK(shares[1].language == "nodejs");
  CHECK(shares[2].language == "shell");
  CHECK(shares[2].bytes == 100);
  // shell has 100 of 1300 bytes (7.7%): below the 10% share, so not in code.languages.
  CHECK(significant_languages(shares) == std::vector<std::string>{"python", "nodejs"});
}

TEST_CASE("languages: C headers follow the tree's C or C++ sources", "[analyzers][languages]") {
  TempTree c, cpp;
  c.write("a.c", "int a;");
  c.write("a.h", "int a;");
  cpp.write("a.cpp", "int a;");
  cpp.write("a.h", "int a;");
  CHECK(significant_languages(measure_languages(walk(c), runtimes())) == std::vector<std::string>{"c"});
  CHECK(significant_languages(measure_languages(walk(cpp), runtimes())) == std::vector<std::string>{"cpp"});
}
