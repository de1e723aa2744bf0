// The JSON request parser shared by `assess --request` and the C API.
#include <catch2/catch.hpp>

#include "api/request.hpp"

using namespace lambdafit;

namespace {

std::string errors_of(std::string_view text) {
  auto r = parse_request(text, "req.json");
  REQUIRE_FALSE(r);
  return r.error_text();
}

}  // namespace

TEST_CASE("request: only workload.path is required", "[embed][request]") {
  auto r = parse_request(R"({"workload": {"path": "samples/cron-report"}})");
  REQUIRE(r);
  CHECK(r->options.path == "samples/cron-report");
  CHECK(r->options.name.empty());
  CHECK(r->options.platforms.empty());
  CHECK(r->options.answers.empty());
  CHECK(r->format == Format::json);
}

TEST_CASE("request: every field is read", "[embed][request]") {
  auto r = parse_request(R"({
    "workload": {"path": "w", "name": "billing", "build_dir": "w/build"},
    "answers": {
      "runtime.max_seconds": 40,
      "memory.peak_mb": "1.5 GB",
      "ssh.routine_access": false,
      "gpu.required": true,
      "code.languages": ["python", "shell"],
      "package.size_mb": 12.5,
      "patching.immediate": {"value": "no", "by": "secops", "date": "2026-11-27", "note": "quarterly"}
    },
    "platform": ["aws-lambda", "gcp-functions-gen1"],
    "formats": ["sarif"],
    "jobs": 3
  })");
  REQUIRE(r);
  const auto& o = r->options;
  CHECK(o.name == "billing");
  CHECK(o.build_dir == "w/build");
  CHECK(o.platforms == std::vector<std::string>{"aws-lambda", "gcp-functions-gen1"});
  CHECK(o.jobs == 3);
  CHECK(r->format == Format::sarif);
  CHECK(o.answers.at("runtime.max_seconds").value == "40");
  CHECK(o.answers.at("memory.peak_mb").value == "1.5 GB");
  CHECK(o.answers.at("ssh.routine_access").value == "no");
  CHECK(o.answers.at("gpu.required").value == "yes");
  CHECK(o.answers.at("code.languages").value == "python, shell");
  CHECK(o.answers.at("package.size_mb").value == "12.5");
  const auto& p = o.answers.at("patching.immediate");
  CHECK(p.value == "no");
  CHECK(p.by == "secops");
  CHECK(p.date == "2026-11-27");
  CHECK(p.note == "quarterly");
}

TEST_CASE("request: a platform may be a single id", "[embed][request]") {
  auto r = parse_request(R"({"workload": {"path": "w"}, "platform": "all"})");
  REQUIRE(r);
  CHECK(r->options.platforms == std::vector<std::string>{"all"});
}

TEST_CASE("request: JSON syntax errors point at line and column", "[embed][request]") {
  const auto e = errors_of("{\"workload\": {\"path\": \"w\"},\n  \"platform\": aws}");
  CHECK_THAT(e, Catch::StartsWith("req.json:2:15: error: invalid JSON:"));
  CHECK_THAT(e, Catch::Contains("  \"platform\": aws}"));
  CHECK_THAT(errors_of(""), Catch::Contains("the request is empty"));
  CHECK_THAT(errors_of("   \n"), Catch::Contains("the request is empty"));
}

TEST_CASE("request: structural errors name the key, its place and a near spelling", "[embed][request]") {
  SECTION("unknown top-level key") {
    const auto e = errors_of("{\"workload\": {\"path\": \"w\"},\n \"platfrom\": \"aws-lambda\"}");
    CHECK_THAT(e, Catch::StartsWith("req.json:2:2: error: unknown key 'platfrom' in the request; did you mean 'platform'?"));
  }
  SECTION("missing workload") {
    CHECK_THAT(errors_of(R"({"answers": {}})"), Catch::Contains("missing 'workload'"));
  }
  SECTION("missing path") {
    CHECK_THAT(errors_of(R"({"workload": {"name": "x"}})"), Catch::Contains("missing 'workload.path'"));
  }
  SECTION("path of the wrong type") {
    CHECK_THAT(errors_of(R"({"workload": {"path": 3}})"), Catch::Contains("'path' must be a string, not a number"));
  }
  SECTION("not an object") {
    CHECK_THAT(errors_of(R"(["w"])"), Catch::Contains("a request must be a JSON object, not an array"));
  }
  SECTION("answers not an object") {
    CHECK_THAT(errors_of(R"({"workload": {"path": "w"}, "answers": [1]})"),
               Catch::Contains("'answers' must be an object keyed by fact id"));
  }
  SECTION("answer object without value") {
    const auto e = errors_of("{\"workload\": {\"path\": \"w\"},\n\"answers\": {\"gpu.required\": {\"by\": \"me\"}}}");
    CHECK_THAT(e, Catch::StartsWith("req.json:2:13: error: the answer for 'gpu.required' has no 'value'"));
  }
  SECTION("answer of the wrong shape") {
    CHECK_THAT(errors_of(R"({"workload": {"path": "w"}, "answers": {"gpu.required": null}})"),
               Catch::Contains("bad answer for 'gpu.required': expected a string, number, boolean or list, not null"));
    CHECK_THAT(errors_of(R"({"workload": {"path": "w"}, "answers": {"code.languages": ["a,b"]}})"),
               Catch::Contains("contains a comma"));
  }
  SECTION("unknown answer field") {
    CHECK_THAT(errors_of(R"({"workload": {"path": "w"}, "answers": {"gpu.required": {"value": true, "who": "me"}}})"),
               Catch::Contains("unknown key 'who' in the answer for 'gpu.required'"));
  }
  SECTION("formats") {
    CHECK_THAT(errors_of(R"({"workload": {"path": "w"}, "formats": ["jsn"]})"),
               Catch::Contains("unknown format \"jsn\"") && Catch::Contains("did you mean 'json'?"));
    // Several formats are one request (one assessment); a format twice is a mistake.
    auto several = parse_request(R"({"workload": {"path": "w"}, "formats": ["json", "md"]})");
    REQUIRE(several.ok());
    CHECK(several->formats == std::vector<std::string>{"json", "md"});
    CHECK_THAT(errors_of(R"({"workload": {"path": "w"}, "formats": ["json", "json"]})"),
               Catch::Contains("format 'json' is listed twice"));
    CHECK_THAT(errors_of(R"({"workload": {"path": "w"}, "formats": "json"})"),
               Catch::Contains("'formats' must be a list"));
  }
  SECTION("platform and jobs") {
    CHECK_THAT(errors_of(R"({"workload": {"path": "w"}, "platform": 7})"), Catch::Contains("'platform' must be"));
    CHECK_THAT(errors_of(R"({"workload": {"path": "w"}, "platform": []})"), Catch::Contains("'platform' must be"));
    CHECK_THAT(errors_of(R"({"workload": {"path": "w"}, "jobs": -1})"), Catch::Contains("'jobs' must be a whole number"));
    CHECK_THAT(errors_of(R"({"workload": {"path": "w"}, "jobs": 1.5})"), Catch::Contains("'jobs' must be a whole number"));
  }
  SECTION("every problem is reported, not only the first") {
    const auto e = errors_of(R"({"workload": {"path": "w", "nme": "x"}, "formats": ["pdf"]})");
    CHECK_THAT(e, Catch::Contains("unknown key 'nme'") && Catch::Contains("unknown format \"pdf\""));
  }
}

TEST_CASE("request: hostile JSON gets located errors, never an internal one", "[embed][request]") {
  const auto huge = errors_of("{\"workload\": {\"path\": \"w\"},\n \"jobs\": 1e999}");
  CHECK(huge.find("req.json:2:10: error: invalid JSON: number overflow parsing '1e999'") != std::string::npos);
  CHECK(huge.find("internal") == std::string::npos);
  CHECK(errors_of(R"({"workload": {"path": "w"}, "jobs": 1, "jobs": 2})").find("duplicate key 'jobs'") !=
        std::string::npos);
  CHECK(errors_of("{\"workload\": {\"path\": \"a\\u0000b\"}}").find("contains a NUL character") !=
        std::string::npos);
  CHECK(errors_of(std::string(10000, '[') + std::string(10000, ']')).find("nesting deeper") != std::string::npos);
}

TEST_CASE("request: a million bad keys cost a count, not a message each", "[embed][request]") {
  std::string text = R"({"workload": {"path": "w"})";
  for (int i = 0; i < 200000; ++i) text += ", \"x" + std::to_string(i) + "\": 1";
  text += "}";
  auto r = parse_request(text, "req.json");
  REQUIRE_FALSE(r);
  REQUIRE(r.errors().size() == 101);
  CHECK(r.errors().back().message == "and 199900 more problems not shown");
}
