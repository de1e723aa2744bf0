// Load-time checks of the C/C++ detector kinds: matchers parsed by clang's dynamic parser,
// errors placed at the rule file's line and column with clang's own message.
#include <catch2/catch.hpp>

#include "core/yaml_file.hpp"
#include "scanning/clang/kinds.hpp"

using namespace lambdafit;

namespace {

// Parses one detector mapping with `kind`; returns the diagnostics (empty when it loaded).
std::vector<Diagnostic> load(const DetectorKind& kind, const std::string& yaml) {
  Diagnostics d;
  auto f = YamlFile::parse(yaml, "rules/x.yaml", d);
  REQUIRE(f);
  auto cfg = kind.parse(*f, f->root(), d);
  CHECK(bool(cfg) == !d.has_errors());
  return d.take();
}

}  // namespace

TEST_CASE("clang kind: a valid matcher loads", "[scanning][clang]") {
  cpp::ClangMatcherKind k;
  CHECK(load(k, "matcher: callExpr(callee(functionDecl(hasName(\"::setrlimit\"))))\n").empty());
}

TEST_CASE("clang kind: an unknown matcher is reported at its place with clang's message",
          "[scanning][clang]") {
  cpp::ClangMatcherKind k;
  const auto errs = load(k, "id: x\nmatcher: callExpr(callee(functionDecl(hasNme(\"f\"))))\n");
  REQUIRE(errs.size() == 1);
  CHECK(errs[0].location.file == "rules/x.yaml");
  CHECK(errs[0].location.line == 2);
  CHECK(errs[0].location.column == 39);  // the 'h' of hasNme
  CHECK(errs[0].message.find("Matcher not found: hasNme") != std::string::npos);
  CHECK(errs[0].format().find("rules/x.yaml:2:39: error: bad matcher: Matcher not found: hasNme") == 0);
}

TEST_CASE("clang kind: a quoted matcher counts the quote", "[scanning][clang]") {
  cpp::ClangMatcherKind k;
  const auto errs = load(k, "matcher: \"callExr()\"\n");
  REQUIRE(errs.size() == 1);
  CHECK(errs[0].location.line == 1);
  CHECK(errs[0].location.column == 11);
  CHECK(errs[0].message.find("callExr") != std::string::npos);
}

TEST_CASE("clang kind: a type mismatch keeps clang's explanation", "[scanning][clang]") {
  cpp::ClangMatcherKind k;
  const auto errs = load(k, "matcher: callExpr(hasName(\"f\"))\n");
  REQUIRE(errs.size() == 1);
  CHECK(errs[0].message.find("Incorrect type") != std::string::npos);
}

TEST_CASE("clang kind: text after the matcher is an error", "[scanning][clang]") {
  cpp::ClangMatcherKind k;
  const auto errs = load(k, "matcher: |\n  callExpr()\n  declRefExpr()\n");
  REQUIRE(errs.size() == 1);
  CHECK(errs[0].message.find("unexpected text after the matcher") != std::string::npos);
  CHECK(errs[0].location.line == 3);
  CHECK(errs[0].location.column == 3);
}

TEST_CASE("clang kind: a narrowing matcher at the top is refused", "[scanning][clang]") {
  cpp::ClangMatcherKind k;
  const auto errs = load(k, "matcher: hasName(\"f\")\n");
  REQUIRE(errs.size() == 1);
  CHECK(errs[0].message.find("node matcher") != std::string::npos);
}

TEST_CASE("clang kind: 'string' needs a literal bound as str", "[scanning][clang]") {
  cpp::ClangMatcherKind k;
  CHECK(load(k, "matcher: callExpr(hasArgument(0, stringLiteral().bind(\"str\")))\n"
                "string: '^/proc/'\n")
            .empty());
  CHECK(load(k, "matcher: callExpr()\nstring: '^/proc/'\n").size() == 1);
  CHECK(load(k, "matcher: callExpr(hasArgument(0, stringLiteral().bind(\"str\")))\n"
                "string: '(unclosed'\n")
            .size() == 1);
}

TEST_CASE("include kind: patterns and the resolved filter", "[scanning][clang]") {
  cpp::IncludeKind k;
  CHECK(load(k, "includes: [\"cuda_runtime.h\", \"aws/**\"]\nresolved: no\n").empty());
  CHECK(load(k, "includes: []\n").size() == 1);
  CHECK(load(k, "includes: [x.h]\nresolved: maybe\n").size() == 1);
  CHECK(load(k, "resolved: yes\n").size() == 1);  // 'includes' is required
}

TEST_CASE("token kind: needs something to look for, and valid regular expressions",
          "[scanning][clang]") {
  cpp::TokenKind k;
  CHECK(load(k, "identifiers: [__global__]\n").empty());
  CHECK(load(k, "string_regex: '^/var/log/'\n").empty());
  CHECK(load(k, "id: x\n").size() == 1);
  const auto errs = load(k, "identifier_regex: '[a-'\n");
  REQUIRE(errs.size() == 1);
  CHECK(errs[0].message.find("bad regular expression") == 0);
}
