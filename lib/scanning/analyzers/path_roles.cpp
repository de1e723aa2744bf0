#include "scanning/analyzers/path_roles.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace lambdafit {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool ends_with(std::string_view s, std::string_view x) {
  return s.size() >= x.size() && s.substr(s.size() - x.size()) == x;
}
bool starts_with(std::string_view s, std::string_view x) { return s.substr(0, x.size()) == x; }

bool dir_role(std::string_view d, PathRole& role) {
  static const char* const kVendored[] = {"vendor", "vendors", "_vendor", "third_party",
                                          "thirdparty", "third-party", "external", "extern",
                                          "bower_components", "site-packages", "pods", "godeps"};
  static const char* const kGenerated[] = {"generated", "dist", "target", "out",
                                           "obj", "coverage", "htmlcov"};
  static const char* const kTest[] = {"test", "tests", "__tests__", "spec", "specs",
                                      "testdata", "test-data", "fixtures", "e2e"};
  static const char* const kDocs[] = {"doc", "docs", "documentation", "man", "site-docs"};
  static const char* const kExample[] = {"example", "examples", "sample", "samples", "demo",
                                         "demos", "tutorial", "tutorials", "benchmark",
                                         "benchmarks"};
  const std::string l = lower(d);
  auto in = [&](const auto& list) {
    return std::any_of(std::begin(list), std::end(list), [&](const char* x) { return l == x; });
  };
  if (in(kVendored)) role = PathRole::vendored;
  else if (in(kGenerated)) role = PathRole::generated;
  else if (in(kTest)) role = PathRole::test;
  else if (in(kDocs)) role = PathRole::docs;
  else if (in(kExample)) role = PathRole::example;
  else return false;
  return true;
}

bool file_role(std::string_view base, PathRole& role) {
  const std::string l = lower(base);
  if (ends_with(l, ".min.js") || ends_with(l, ".min.css") || ends_with(l, "_pb2.py") ||
      ends_with(l, "_pb2_grpc.py") || ends_with(l, ".pb.go") || ends_with(l, ".pb.cc") ||
      ends_with(l, ".pb.h") || l.find(".generated.") != std::string::npos ||
      ends_with(l, ".g.cs") || ends_with(l, ".designer.cs") || ends_with(l, ".js.map")) {
    role = PathRole::generated;
    return true;
  }
  if ((starts_with(l, "test_") && ends_with(l, ".py")) || ends_with(l, "_test.py") ||
      ends_with(l, "_test.go") || l == "conftest.py" || ends_with(l, "_spec.rb") ||
      l.find(".test.") != std::string::npos || l.find(".spec.") != std::string::npos ||
      ends_with(base, "Test.java") || ends_with(base, "Tests.java") || ends_with(l, "_test.cpp") ||
      ends_with(l, "_test.cc") || ends_with(l, ".bats")) {
    role = PathRole::test;
    return true;
  }
  if (starts_with(l, "readme") || starts_with(l, "changelog") || starts_with(l, "changes") ||
      starts_with(l, "history") || starts_with(l, "contributing") || ends_with(l, ".md") ||
      ends_with(l, ".rst") || ends_with(l, ".adoc") || ends_with(l, ".markdown")) {
    role = PathRole::docs;
    return true;
  }
  return false;
}

}  // namespace

std::string_view to_string(PathRole r) noexcept {
  switch (r) {
    case PathRole::code: return "code";
    case PathRole::vendored: return "vendored";
    case PathRole::generated: return "generated";
    case PathRole::test: return "tests";
    case PathRole::docs: return "docs";
    case PathRole::example: return "examples";
  }
  return "code";
}

PathRoleMatch path_role(std::string_view rel_path) {
  PathRoleMatch m;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = rel_path.find('/', start);
    if (slash == std::string_view::npos) break;
    if (dir_role(rel_path.substr(start, slash - start), m.role)) {
      m.where = std::string(rel_path.substr(0, slash + 1));
      return m;
    }
    start = slash + 1;
  }
  if (file_role(rel_path.substr(start), m.role)) m.where = std::string(rel_path);
  return m;
}

}  // namespace lambdafit
