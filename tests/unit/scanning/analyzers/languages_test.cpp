#include <catch2/catch.hpp>

#include "scanning/analyzers/languages.hpp"
#include "support/shipped_pack.hpp"
#include "support/temp_tree.hpp"

using namespace lambdafit;
using lambdafit::testing::TempTree;

namespace {
// The languages of a tree, with file roles from the shipped conventions and the runtime of
// each file type from the pack's data (rules/runtimes.yaml).
std::vector<LanguageShare> languages_of(const TempTree& t) {
  ScanOutput out;
  const auto files = walk_workload(t.path(), {}, out);
  const auto& pack = lambdafit::testing::shipped_pack().data();
  out.roles().assign(files, pack.roles, {});
  return measure_languages(files, out.roles(), pack.runtime_of_type);
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
  const auto shares = languages_of(t);
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
  CHECK(significant_languages(languages_of(c)) == std::vector<std::string>{"c"});
  CHECK(significant_languages(languages_of(cpp)) == std::vector<std::string>{"cpp"});
}
