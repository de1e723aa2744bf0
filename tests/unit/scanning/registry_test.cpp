#include <catch2/catch.hpp>

#include "scanning/clang/kinds.hpp"
#include "scanning/clang/parse_tu.hpp"
#include "scanning/detector_kind.hpp"

using namespace lambdafit;

TEST_CASE("registry: kinds say which frontend runs them, and the C/C++ ones attach to the parse",
          "[registry]") {
  std::size_t attached = 0;
  for (const auto* kind : detector_kinds()) {
    INFO(kind->name());
    DetectorSpec d;
    d.id = "x";
    d.kind = std::string(kind->name());
    d.config = std::make_shared<DetectorConfig>();
    cpp::EngineRules rules;
    const bool attaches = cpp::attach_to_parse(d, rules);
    CHECK(frontend_of(d) == kind->frontend());
    // A kind attaches to the parse exactly when it declares that frontend, into one slot.
    CHECK(attaches == (kind->frontend() == Frontend::cpp_parse));
    CHECK(rules.clang.size() + rules.include.size() + rules.token.size() == (attaches ? 1u : 0u));
    attached += attaches;
  }
  CHECK(attached == 3);  // clang, include, token
  DetectorSpec unknown;
  unknown.kind = "no-such-kind";
  unknown.config = std::make_shared<DetectorConfig>();
  CHECK(frontend_of(unknown) == Frontend::own);
  cpp::EngineRules rules;
  CHECK_FALSE(cpp::attach_to_parse(unknown, rules));
  // A detector whose config did not load is never attached.
  DetectorSpec unloaded;
  unloaded.kind = "token";
  CHECK_FALSE(cpp::attach_to_parse(unloaded, rules));
  CHECK(rules.empty());
}
