#include <catch2/catch.hpp>

#include "ruletest/rule_test.hpp"

using namespace lambdafit::ruletest;

namespace {

std::vector<std::string> targets(const std::string& text, bool sidecar = false) {
  std::vector<std::string> problems;
  std::vector<std::string> out;
  for (const auto& a : parse_annotations(text, sidecar, problems))
    out.push_back(std::to_string(a.target) + (a.negative ? " not " : " ") + a.detector);
  for (const auto& p : problems) out.push_back("problem " + p);
  return out;
}

}  // namespace

TEST_CASE("annotations: on a line with code, they apply to that line", "[ruletest]") {
  CHECK(targets("x = 1  # lambdafit-expect(a)\n") == std::vector<std::string>{"1 a"});
  CHECK(targets("call();  // lambdafit-expect(a, b) lambdafit-expect-not(c)\n") ==
        std::vector<std::string>{"1 a", "1 b", "1 not c"});
  CHECK(targets("key = 1 ; lambdafit-expect-not(k)\n") == std::vector<std::string>{"1 not k"});
}

TEST_CASE("annotations: alone on a line, they apply to the next line that is not one", "[ruletest]") {
  CHECK(targets("# lambdafit-expect(a)\n# lambdafit-expect-not(b)\ncode\n") ==
        std::vector<std::string>{"3 a", "3 not b"});
  CHECK(targets("/* lambdafit-expect(a) */\nint x;\n") == std::vector<std::string>{"2 a"});
  CHECK(targets("<!-- lambdafit-expect(a) -->\n<x/>\n") == std::vector<std::string>{"2 a"});
  CHECK(targets("  ; lambdafit-expect(a)\nk=v\n") == std::vector<std::string>{"2 a"});
  CHECK(targets(" * lambdafit-expect(a)\n */ int y;\n") == std::vector<std::string>{"2 a"});
}

TEST_CASE("annotations: mistakes are reported, prose is not an annotation", "[ruletest]") {
  CHECK(targets("see lambdafit-expect comments\n").empty());
  CHECK(targets("# lambdafit-expect(a\nx\n") ==
        std::vector<std::string>{"problem 1:3: error: annotation without a closing ')'"});
  CHECK(targets("x # lambdafit-expect(a, )\n") ==
        std::vector<std::string>{"1 a", "problem 1:5: error: '' is not a detector id; write lambdafit-expect(ID[, ID...])"});
  CHECK(targets("x\n# lambdafit-expect(z)") ==
        std::vector<std::string>{"problem 2:3: error: annotation with no line after it to apply to"});
}

TEST_CASE("annotations: a sidecar file speaks for the whole file", "[ruletest]") {
  CHECK(targets("lambdafit-expect(kernel-module-file)\n", true) ==
        std::vector<std::string>{"0 kernel-module-file"});
}
