#include <catch2/catch.hpp>

#include "core/yaml_file.hpp"
#include "criteria/condition.hpp"

using namespace lambdafit;

namespace {

const std::map<std::string, FactTypeInfo> kFacts{
    {"a", {"bool", Dimension::count}},
    {"b", {"bool", Dimension::count}},
    {"t", {"number", Dimension::time}},
    {"langs", {"list", Dimension::count}},
};

const std::map<std::string, LimitInfo> kLimits{
    {"timeout", {"number", Dimension::time, LimitAbsence::unlimited, {}}},
    {"memory", {"number", Dimension::size, LimitAbsence::unknown, {}}},
    {"runtimes", {"list", Dimension::count, LimitAbsence::unknown, {}}},
    {"gpu", {"bool", Dimension::count, LimitAbsence::fallback, Value{false}}},
};

Condition parse(const std::string& text) {
  Diagnostics d;
  auto f = YamlFile::parse(text, "test.yaml", d);
  REQUIRE(f);
  auto c = parse_condition(*f, f->root(), kFacts, kLimits, d);
  INFO((d.items().empty() ? std::string() : d.items().front().format()));
  REQUIRE(c);
  return *c;
}

Tri eval(const Condition& c, std::map<std::string, Value> facts, std::map<std::string, Value> limits = {}) {
  EvalContext ctx{&facts, &limits, nullptr, {}};
  return evaluate(c, ctx, nullptr);
}

}  // namespace

TEST_CASE("condition: three-valued all/any/not", "[condition]") {
  const auto any = parse("any: [{fact: a}, {fact: b}]");
  CHECK(eval(any, {{"a", true}, {"b", Value{}}}) == Tri::yes);
  CHECK(eval(any, {{"a", false}, {"b", Value{}}}) == Tri::unknown);
  CHECK(eval(any, {{"a", false}, {"b", false}}) == Tri::no);
  const auto all = parse("all: [{fact: a}, {fact: b}]");
  CHECK(eval(all, {{"a", false}, {"b", Value{}}}) == Tri::no);
  CHECK(eval(all, {{"a", true}, {"b", Value{}}}) == Tri::unknown);
  CHECK(eval(all, {{"a", true}, {"b", true}}) == Tri::yes);
  const auto neg = parse("not: {fact: a}");
  CHECK(eval(neg, {{"a", Value{}}}) == Tri::unknown);
  CHECK(eval(neg, {{"a", true}}) == Tri::no);
}

TEST_CASE("condition: unknown facts never read as clear", "[condition]") {
  CHECK(eval(parse("fact: a"), {}) == Tri::unknown);
  CHECK(eval(parse("{fact: t, gt: platform.timeout}"), {}, {{"timeout", Quantity{300, Dimension::time}}}) ==
        Tri::unknown);
}

TEST_CASE("condition: numbers compare with units against platform limits", "[condition]") {
  const auto c = parse("{fact: t, gt: platform.timeout}");
  const std::map<std::string, Value> limits{{"timeout", Quantity{300, Dimension::time}}};
  CHECK(eval(c, {{"t", Quantity{400, Dimension::time}}}, limits) == Tri::yes);
  CHECK(eval(c, {{"t", Quantity{300, Dimension::time}}}, limits) == Tri::no);
  // A platform without the limit has nothing to exceed.
  CHECK(eval(c, {{"t", Quantity{400, Dimension::time}}}, {}) == Tri::no);
  const auto lit = parse("{fact: t, le: 5m}");
  CHECK(eval(lit, {{"t", Quantity{300, Dimension::time}}}) == Tri::yes);
  CHECK(eval(lit, {{"t", Quantity{301, Dimension::time}}}) == Tri::no);
}

TEST_CASE("condition: known, is, in and platform tests", "[condition]") {
  CHECK(eval(parse("{fact: a, known: yes}"), {{"a", false}}) == Tri::yes);
  CHECK(eval(parse("{fact: a, known: yes}"), {}) == Tri::no);
  CHECK(eval(parse("{fact: a, is: no}"), {{"a", false}}) == Tri::yes);
  const std::map<std::string, Value> limits{{"runtimes", StringList{"python", "nodejs"}}, {"gpu", false}};
  const auto in = parse("{fact: langs, in: platform.runtimes}");
  CHECK(eval(in, {{"langs", StringList{"python"}}}, limits) == Tri::yes);
  CHECK(eval(in, {{"langs", StringList{"python", "cpp"}}}, limits) == Tri::no);
  CHECK(eval(parse("{platform: gpu, is: false}"), {}, limits) == Tri::yes);
}

TEST_CASE("condition: reasons name the facts and limits that decided", "[condition]") {
  const auto c = parse("{fact: t, gt: platform.timeout}");
  std::map<std::string, Value> facts{{"t", Quantity{400, Dimension::time}}};
  std::map<std::string, Value> limits{{"timeout", Quantity{300, Dimension::time}}};
  std::map<std::string, std::string> titles{{"t", "longest run"}};
  EvalContext ctx{&facts, &limits, &titles, {}};
  std::vector<std::string> reasons;
  REQUIRE(evaluate(c, ctx, &reasons) == Tri::yes);
  REQUIRE(reasons.size() == 1);
  CHECK(reasons[0] == "longest run is 400 s, over the platform's timeout of 300 s");
}

TEST_CASE("condition: malformed conditions are errors with positions", "[condition]") {
  Diagnostics d;
  auto f = YamlFile::parse("fact: a\nis: maybe\n", "c.yaml", d);
  REQUIRE(f);
  CHECK_FALSE(parse_condition(*f, f->root(), kFacts, kLimits, d));
  REQUIRE(d.has_errors());
  CHECK(d.items().front().format().find("c.yaml:2:5: error: 'maybe' is not yes/no") == 0);
  Diagnostics d2;
  auto g = YamlFile::parse("anny: []\n", "c.yaml", d2);
  CHECK_FALSE(parse_condition(*g, g->root(), kFacts, kLimits, d2));
  CHECK(d2.items().front().message == "unknown condition 'anny'; did you mean 'any'?");
}

namespace {

std::string parse_error(const std::string& text) {
  Diagnostics d;
  auto f = YamlFile::parse(text, "c.yaml", d);
  REQUIRE(f);
  CHECK_FALSE(parse_condition(*f, f->root(), kFacts, kLimits, d));
  REQUIRE(d.has_errors());
  return d.items().front().format();
}

}  // namespace

TEST_CASE("condition: empty mappings and lists are errors, at any depth", "[condition]") {
  CHECK(parse_error("{}").find("c.yaml:1:1: error: an empty condition tests nothing") == 0);
  CHECK(parse_error("[]").find("c.yaml:1:1: error: an empty condition list holds for every workload") == 0);
  CHECK(parse_error("any:\n  - {}\n").find("c.yaml:2:5: error: an empty condition") == 0);
  CHECK(parse_error("not: []\n").find("c.yaml:1:6: error: an empty condition list") == 0);
}

TEST_CASE("condition: unknown platform limits suggest the declared name", "[condition]") {
  CHECK(parse_error("{fact: t, gt: platform.timout}")
            .find("c.yaml:1:15: error: unknown platform limit 'timout'; did you mean 'timeout'?\n") == 0);
  CHECK(parse_error("{platform: zzzzzzzz}").find("unknown platform limit 'zzzzzzzz'; declare it under "
                                                 "'platform_limits'") != std::string::npos);
  CHECK(parse_error("{platform: gpus}").find("unknown platform limit 'gpus'; did you mean 'gpu'?") !=
        std::string::npos);
  CHECK(parse_error("{fact: t, gt: platform.memory}").find("platform limit 'memory' is a size, fact 't' is a time") !=
        std::string::npos);
}

TEST_CASE("condition: a missing limit means what its declaration says, for every operator", "[condition]") {
  const std::map<std::string, Value> none;
  const std::map<std::string, Value> t400{{"t", Quantity{400, Dimension::time}}};
  // unlimited: nothing exceeds it, everything is under it.
  CHECK(eval(parse("{fact: t, gt: platform.timeout}"), t400, none) == Tri::no);
  CHECK(eval(parse("{fact: t, ge: platform.timeout}"), t400, none) == Tri::no);
  CHECK(eval(parse("{fact: t, lt: platform.timeout}"), t400, none) == Tri::yes);
  CHECK(eval(parse("{fact: t, le: platform.timeout}"), t400, none) == Tri::yes);
  // unknown: every operator is unknown.
  const std::map<std::string, FactTypeInfo> sized{{"m", {"number", Dimension::size}}};
  Diagnostics d;
  auto f = YamlFile::parse("{fact: m, gt: platform.memory}", "c.yaml", d);
  auto c = parse_condition(*f, f->root(), sized, kLimits, d);
  REQUIRE(c);
  CHECK(eval(*c, {{"m", Quantity{10, Dimension::size}}}, none) == Tri::unknown);
  CHECK(eval(parse("{fact: langs, in: platform.runtimes}"), {{"langs", StringList{"go"}}}, none) ==
        Tri::unknown);
  // a default value: the platform is taken to have it.
  CHECK(eval(parse("{platform: gpu, is: false}"), {}, none) == Tri::yes);
  CHECK(eval(parse("{platform: gpu}"), {}, none) == Tri::no);
}
