#include "core/json_error.hpp"

#include <catch2/catch.hpp>

using lambdafit::Diagnostic;
using nlohmann::json;

namespace {

// The diagnostic for parsing `text`, which must fail.
Diagnostic refusal(const std::string& text) {
  try {
    const auto parsed = json::parse(text);
    FAIL("the text parsed: " << parsed.dump());
  } catch (const json::exception& e) {
    return lambdafit::json_error(e, text, "f.json", "bad JSON");
  }
  return {};
}

}  // namespace

TEST_CASE("json_error: a syntax error points where parsing stopped", "[core][json]") {
  const auto d = refusal("{\n  \"a\": [1,\n   }\n");
  CHECK(d.severity == lambdafit::Severity::error);
  CHECK(d.location.file == "f.json");
  CHECK(d.location.line == 3);
  CHECK(d.location.column == 4);
  CHECK(d.source_line == "   }");
  CHECK(d.message.rfind("bad JSON: syntax error while parsing value", 0) == 0);
}

TEST_CASE("json_error: a number too large for a double points at the number", "[core][json]") {
  // nlohmann throws out_of_range here, not parse_error; both must become a located message.
  const auto d = refusal("{\"findings\": [\n  1, 999999999999999999999e99999999999999999]}");
  CHECK(d.location.line == 2);
  CHECK(d.location.column == 6);
  CHECK(d.message == "bad JSON: number overflow parsing '999999999999999999999e99999999999999999'");
}

TEST_CASE("json_error: reasons from the text cannot drive a terminal", "[core][json]") {
  // nlohmann quotes what it last read and escapes only C0 controls; a lone C1 byte (0x9b is
  // CSI on some terminals) would reach the message as is.
  const auto d = refusal("[\"a\x9b[2J\"]");
  CHECK(d.message.find('\x9b') == std::string::npos);
  CHECK(d.message.find("ill-formed UTF-8") != std::string::npos);
  CHECK(d.location.line == 1);
}

TEST_CASE("json_error: empty text is placed at its start", "[core][json]") {
  const auto d = refusal("");
  CHECK(d.location.line == 1);
  CHECK(d.location.column == 1);
}
