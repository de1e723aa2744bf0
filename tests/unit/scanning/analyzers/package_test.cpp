#include <catch2/catch.hpp>

#include "scanning/analyzers/package_size.hpp"
#include "support/shipped_pack.hpp"
#include "support/temp_tree.hpp"

using namespace lambdafit;
using lambdafit::testing::TempTree;

namespace {
// Walks the tree and gives its files their roles from the shipped conventions.
std::vector<WorkloadFile> walk(const TempTree& t, ScanOutput& out) {
  auto files = walk_workload(t.path(), {}, out);
  out.roles().assign(files, lambdafit::testing::shipped_pack().data().roles, {});
  return files;
}

const std::map<std::string, std::string>& runtimes() {
  return lambdafit::testing::shipped_pack().data().runtime_of_type;
}
}  // namespace

TEST_CASE("package: tests, docs and examples are avoidable, not packaged", "[analyzers][package]") {
  TempTree t;
  t.write("handler.py", std::string(1000, 'x'));
  t.write("README.md", std::string(200, 'r'));
  t.write("docs/guide.html", std::string(300, 'd'));
  t.write("tests/test_handler.py", std::string(400, 't'));
  t.write("examples/demo.py", std::string(500, 'e'));
  t.write("unused/model.bin", std::string(kBigAsset + 10, 'b'));
  t.write("assets/used.bin", std::string(kBigAsset + 20, 'u'));
  t.write("load.py", "open('used.bin')\n");
  ScanOutput out;
  auto files = walk(t, out);
  const PackageEstimate p = estimate_package(t.path(), files, {}, out, runtimes());
  const std::uint64_t code = 1000 + 17 + (kBigAsset + 10) + (kBigAsset + 20);
  CHECK(p.bytes == code);
  CHECK(p.avoidable_bytes == 200 + 300 + 400 + 500 + kBigAsset + 10);
  CHECK(p.avoidable == std::vector<std::string>{"unused/model.bin", "examples/", "tests/", "docs/",
                                                "README.md"});
}

TEST_CASE("package: node_modules counts though the walk skips it", "[analyzers][package]") {
  TempTree t;
  t.write("index.js", std::string(100, 'x'));
  t.write("node_modules/dep/index.js", std::string(5000, 'y'));
  ScanOutput out;
  auto files = walk(t, out);
  CHECK(estimate_package(t.path(), files, {}, out, runtimes()).bytes == 5100);
  CHECK(estimate_package(t.path(), files, {"node_modules"}, out, runtimes()).bytes == 100);
}

TEST_CASE("package: a dependency manifest leaves the package size to the questionnaire",
          "[analyzers][package]") {
  TempTree t;
  t.write("handler.py", "import boto3\n");
  ScanOutput out;
  CHECK(unbundled_dependencies(t.path(), walk(t, out), out.roles()).empty());
  t.write("requirements.txt", "boto3\n");
  t.write("tests/package.json", "{}");  // a test's manifest does not ship
  CHECK(unbundled_dependencies(t.path(), walk(t, out), out.roles()) == "requirements.txt");
  TempTree node;
  node.write("package.json", "{}");
  CHECK(unbundled_dependencies(node.path(), walk(node, out), out.roles()) == "package.json");
  node.write("node_modules/dep/index.js", "x");
  CHECK(unbundled_dependencies(node.path(), walk(node, out), out.roles()).empty());
}
