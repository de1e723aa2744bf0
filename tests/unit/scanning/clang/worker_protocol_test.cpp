#include <catch2/catch.hpp>

#include "scanning/clang/worker_protocol.hpp"

using namespace lambdafit;
using namespace lambdafit::cpp::worker;

TEST_CASE("worker protocol: a plan request and its answer survive the trip", "[clang][worker]") {
  PlanRequest req;
  req.root = "/w";
  req.build_dir = "/w/build";
  req.mirror_of = "/repo/w";
  req.clang_resource_dir = "/opt/clang/19";
  req.cuda_path = "/opt/cuda";
  req.files.push_back({"src/a.cpp", "/w/src/a.cpp", 1234});
  req.files.push_back({"include/b.h", "/w/include/b.h", 0});
  const std::string b = encode(req);
  CHECK(first_word(b) == kPlanMagic);
  const auto back = decode_plan_request(b);
  REQUIRE(back);
  CHECK(back->root == "/w");
  CHECK(back->build_dir == "/w/build");
  CHECK(back->mirror_of == "/repo/w");
  CHECK(back->clang_resource_dir == "/opt/clang/19");  // the worker plans with the caller's settings
  CHECK(back->cuda_path == "/opt/cuda");
  REQUIRE(back->files.size() == 2);
  CHECK(back->files[0].path == "src/a.cpp");
  CHECK(back->files[0].absolute == "/w/src/a.cpp");
  CHECK(back->files[0].size == 1234);
  // Neither a job nor an init frame is read as a plan request, nor a truncated one.
  CHECK_FALSE(decode_plan_request(b.substr(0, b.size() - 1)));
  CHECK_FALSE(decode_init(b));

  PlanResult r;
  r.jobs.push_back({"/w/src/a.cpp", "src/a.cpp", "/w", {"clang++", "-fsyntax-only", "/w/src/a.cpp"}, {"/w", "/usr"}});
  r.notes = {"C/C++: no compile database"};
  const auto rb = decode_plan_result(encode(r));
  REQUIRE(rb);
  REQUIRE(rb->jobs.size() == 1);
  CHECK(rb->jobs[0].command == r.jobs[0].command);
  CHECK(rb->jobs[0].display == "src/a.cpp");
  CHECK(rb->jobs[0].readable == r.jobs[0].readable);
  // A job frame carries the same fields.
  const auto jb = decode_job(encode(r.jobs[0]));
  REQUIRE(jb);
  CHECK(jb->readable == r.jobs[0].readable);
  CHECK(jb->command == r.jobs[0].command);
  CHECK(rb->notes == r.notes);
  CHECK_FALSE(decode_plan_result(encode(r) + "x"));
}

TEST_CASE("worker protocol: a matcher check and its answer survive the trip", "[clang][worker]") {
  const std::vector<std::string> texts{"callExpr()", "varDecl(hasNme(\"x\"))"};
  const std::string b = encode_check_request(texts);
  CHECK(first_word(b) == kCheckMagic);
  const auto back = decode_check_request(b);
  REQUIRE(back);
  CHECK(*back == texts);
  CHECK_FALSE(decode_plan_request(b));

  std::vector<cpp::MatcherError> errors(2);
  errors[1] = {"Matcher not found: hasNme", 1, 9};
  const auto eb = decode_check_result(encode_check_result(errors));
  REQUIRE(eb);
  REQUIRE(eb->size() == 2);
  CHECK((*eb)[0].message.empty());
  CHECK((*eb)[1].message == "Matcher not found: hasNme");
  CHECK((*eb)[1].line == 1);
  CHECK((*eb)[1].column == 9);
  CHECK_FALSE(decode_check_result(std::string("\x05\0\0\0", 4)));
}

TEST_CASE("worker protocol: an init frame and a unit's result carry the aws-sdk-cpp calls", "[clang][worker]") {
  Init i{{"/rules"}, {"cpp-daemon"}, "/w", 60, true, "/home/u/.cache/lambdafit"};
  const auto ib = decode_init(encode(i));
  REQUIRE(ib);
  CHECK(ib->sdk);
  CHECK(ib->detectors == i.detectors);
  CHECK(ib->cache_dir == "/home/u/.cache/lambdafit");  // the worker reads the compiled pack there
  const std::string whole = encode(i);
  CHECK_FALSE(decode_init(whole.substr(0, whole.size() - 1)));  // cut short
  i.sdk = false;
  CHECK_FALSE(decode_init(encode(i))->sdk);

  cpp::TuResult r;
  r.outcome = lambdafit::TuOutcome::ok;
  r.sdk_sites.push_back({"src/a.cpp", 12, 3, "S3", "PutObject", "PutObjectRequest", {{"Bucket", "b"}, {"Key", "k"}},
                         {{"Key", "KEY"}}});
  r.sdk_sites.push_back({"src/a.h", 2, 1, "DynamoDB", "GetItemAsync", "", {}});
  r.sdk_files = {"src/a.cpp", "src/a.h"};
  cpp::TuResult back;
  bool exiting = true;
  REQUIRE(decode(encode(r), back, &exiting));
  CHECK_FALSE(exiting);
  CHECK(back.sdk_sites == r.sdk_sites);
  CHECK(back.sdk_files == r.sdk_files);
  // Truncated anywhere in the new fields, the frame is refused rather than read short.
  const std::string b = encode(r);
  for (std::size_t cut = 1; cut < 40; ++cut) {
    cpp::TuResult part;
    CHECK_FALSE(decode(b.substr(0, b.size() - cut), part));
  }
}
