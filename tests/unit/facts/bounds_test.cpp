// Facts with declared bounds and host facts settled by a function deployment, through
// resolve_facts and evaluate_platform with the shipped pack.
#include <catch2/catch.hpp>

#include "criteria/condition.hpp"
#include "facts/resolve.hpp"
#include "scoring/evaluate.hpp"
#include "support/shipped_pack.hpp"

using namespace lambdafit;

namespace {

const detail::RulePackData& data() { return lambdafit::testing::shipped_pack().data(); }

Evidence stated(const char* fact, const char* detector, Quantity q, Bound b, int line) {
  Evidence e;
  e.path = "deploy/worker.yaml";
  e.line = line;
  e.column = 13;
  e.snippet = "memory: ...";
  e.detector = detector;
  e.fact = fact;
  e.value = q;
  e.bound = b;
  return e;
}

Evidence function_at(int line) {
  Evidence e;
  e.path = "template.yaml";
  e.line = line;
  e.column = 3;
  e.detector = "sam-function";
  e.fact = "deploy.function";
  e.value = true;
  return e;
}

const Fact& fact(const std::vector<Fact>& facts, const std::string& id) {
  for (const auto& f : facts)
    if (f.id == id) return f;
  FAIL("no fact " << id);
  throw;
}

const CriterionResult& criterion(const PlatformResult& r, const std::string& id) {
  for (const auto& c : r.criteria)
    if (c.id == id) return c;
  FAIL("no criterion " << id);
  throw;
}

const Quantity kGi4{4096, Dimension::size}, kGi3{3072, Dimension::size};

}  // namespace

TEST_CASE("bounds: comparisons decided by an interval", "[bounds]") {
  // x > 3008 with x <= 4096: could go either way; with x >= 3072 as well: always over.
  CHECK(compare_bounds(std::nullopt, 4096, CompareOp::gt, 3008) == Tri::unknown);
  CHECK(compare_bounds(3072, 4096, CompareOp::gt, 3008) == Tri::yes);
  CHECK(compare_bounds(std::nullopt, 2048, CompareOp::gt, 3008) == Tri::no);
  CHECK(compare_bounds(std::nullopt, 30, CompareOp::le, 900) == Tri::yes);
  CHECK(compare_bounds(1000, std::nullopt, CompareOp::le, 900) == Tri::no);
  CHECK(compare_bounds(100, 200, CompareOp::eq, 300) == Tri::no);
  CHECK(compare_bounds(std::nullopt, std::nullopt, CompareOp::gt, 1) == Tri::unknown);
}

TEST_CASE("bounds: an upper bound alone leaves the fact unknown and open", "[bounds]") {
  auto facts = resolve_facts(data(), {stated("memory.peak_mb", "k8s-memory-limit", kGi4, Bound::upper, 13)}, {}, {});
  const auto& f = fact(facts, "memory.peak_mb");
  CHECK(std::holds_alternative<std::monostate>(f.value));
  CHECK(f.provenance == Provenance::unknown);
  REQUIRE(f.upper);
  CHECK(f.upper->value.value == 4096);
  CHECK(f.upper->source.line == 13);
  CHECK_FALSE(f.lower);

  const auto r = evaluate_platform(data(), facts, *data().platform("aws-lambda-2016"));
  const auto& mem = criterion(r, "memory-limit");
  CHECK(mem.status == Status::unknown);
  CHECK(mem.reason.find("declared up to 4096 MB (deploy/worker.yaml:13)") != std::string::npos);
  // On the current platform 4 GiB is within the 10 GB maximum: clear.
  const auto now = evaluate_platform(data(), facts, *data().platform("aws-lambda"));
  CHECK(criterion(now, "memory-limit").status == Status::clear);
}

TEST_CASE("bounds: a lower bound over the limit makes the limit apply", "[bounds]") {
  auto facts = resolve_facts(data(),
                             {stated("memory.peak_mb", "k8s-memory-limit", kGi4, Bound::upper, 13),
                              stated("memory.peak_mb", "k8s-memory-request", kGi3, Bound::lower, 11)},
                             {}, {});
  const auto r = evaluate_platform(data(), facts, *data().platform("aws-lambda-2016"));
  const auto& mem = criterion(r, "memory-limit");
  CHECK(mem.status == Status::applies);
  CHECK(mem.reason.find("at least 3072 MB (deploy/worker.yaml:11)") != std::string::npos);
}

TEST_CASE("bounds: the largest upper bound of several functions counts", "[bounds]") {
  auto facts = resolve_facts(data(),
                             {stated("runtime.max_seconds", "sam-function-timeout", {30, Dimension::time}, Bound::upper, 5),
                              stated("runtime.max_seconds", "sam-function-timeout", {600, Dimension::time}, Bound::upper, 9)},
                             {}, {});
  REQUIRE(fact(facts, "runtime.max_seconds").upper);
  CHECK(fact(facts, "runtime.max_seconds").upper->value.value == 600);
  const auto r = evaluate_platform(data(), facts, *data().platform("aws-lambda-2016"));
  CHECK(criterion(r, "runtime-limit").status == Status::unknown);  // 600 s could exceed 300 s
  CHECK(criterion(evaluate_platform(data(), facts, *data().platform("aws-lambda")), "runtime-limit").status ==
        Status::clear);
}

TEST_CASE("bounds: an answer outside a declared bound is a contradiction", "[bounds]") {
  Answer a;
  a.value = Quantity{1200, Dimension::time};
  auto facts = resolve_facts(
      data(), {stated("runtime.max_seconds", "sam-function-timeout", {30, Dimension::time}, Bound::upper, 7)}, {},
      {{"runtime.max_seconds", a}});
  const auto& f = fact(facts, "runtime.max_seconds");
  CHECK(f.provenance == Provenance::answer);  // answers still win
  REQUIRE(f.contradiction);
  CHECK(f.contradiction->message.find("deploy/worker.yaml:7 declares at most 30 s") != std::string::npos);
  Answer fine;
  fine.value = Quantity{20, Dimension::time};
  auto ok = resolve_facts(
      data(), {stated("runtime.max_seconds", "sam-function-timeout", {30, Dimension::time}, Bound::upper, 7)}, {},
      {{"runtime.max_seconds", fine}});
  CHECK_FALSE(fact(ok, "runtime.max_seconds").contradiction);
}

TEST_CASE("host facts: a function deployment settles them with its line", "[bounds][host]") {
  auto facts = resolve_facts(data(), {function_at(9)}, {}, {});
  for (const char* id : {"ssh.routine_access", "image.heavy", "patching.immediate", "compliance.host_snapshots",
                         "os.update_fragile", "instance.optimized"}) {
    const auto& f = fact(facts, id);
    INFO(id);
    CHECK(f.value == Value{false});
    CHECK(f.provenance == Provenance::scan);
    CHECK(f.settled_by.find("template.yaml:9") != std::string::npos);
  }
  // Not a host fact: still open.
  CHECK(fact(facts, "handler.stateless").provenance == Provenance::unknown);
  const auto r = evaluate_platform(data(), facts, *data().platform("aws-lambda"));
  const auto& ssh = criterion(r, "ssh-access");
  CHECK(ssh.status == Status::clear);
  CHECK(ssh.reason.find("no host of its own: template.yaml:9 deploys it as a function") != std::string::npos);
}

TEST_CASE("host facts: without a function deployment they stay open", "[bounds][host]") {
  auto facts = resolve_facts(data(), {}, {}, {});
  CHECK(fact(facts, "ssh.routine_access").provenance == Provenance::unknown);
  CHECK(fact(facts, "ssh.routine_access").settled_by.empty());
}

TEST_CASE("host facts: evidence in the code against a function deployment is a contradiction", "[bounds][host]") {
  Evidence ssh;
  ssh.path = "ops/ssh_config";
  ssh.line = 1;
  ssh.detector = "ssh-client-config";
  ssh.fact = "ssh.routine_access";
  auto facts = resolve_facts(data(), {function_at(4), ssh}, {}, {});
  const auto& f = fact(facts, "ssh.routine_access");
  CHECK(f.value == Value{true});
  REQUIRE(f.contradiction);
  CHECK(f.contradiction->message.find("template.yaml:4 deploys it as a function") != std::string::npos);
}
