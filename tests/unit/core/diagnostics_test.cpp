#include <catch2/catch.hpp>

#include "core/diagnostics.hpp"
#include "core/yaml_file.hpp"

using namespace lambdafit;

TEST_CASE("diagnostics: past the cap problems are counted, not kept", "[core][diagnostics]") {
  Diagnostics d;
  for (int i = 0; i < 1000; ++i) d.warning("w" + std::to_string(i));
  CHECK_FALSE(d.has_errors());
  d.error("late error");  // counted even when not kept
  CHECK(d.has_errors());
  CHECK(d.full());
  const auto items = d.take();
  REQUIRE(items.size() == kMaxDiagnostics + 1);
  CHECK(items.back().message == "and 901 more problems not shown");
}

TEST_CASE("diagnostics: line starts answer lookups without rescanning", "[core][diagnostics]") {
  const std::string text = "a\nbb\r\n\nccc";
  const LineStarts idx(text);
  CHECK(idx.line_at(0) == 1);
  CHECK(idx.line_at(2) == 2);
  CHECK(idx.line_at(6) == 3);
  CHECK(idx.line_at(7) == 4);
  CHECK(idx.start_of(4) == 7);
  CHECK(idx.line(text, 2) == "bb");
  CHECK(idx.line(text, 4) == "ccc");
  CHECK(idx.line(text, 5).empty());
  CHECK(line_of(text, 2) == "bb");
}

TEST_CASE("diagnostics: control characters never reach the terminal", "[core][diagnostics]") {
  const Diagnostic d{Severity::warning, "bad \x1b[2J name", {"ev\x1b]8;;x\x07il\nfake.c:2:1", 1, 3},
                     "x\x9b\xc2\x9b\tline"};
  const auto out = d.format();
  CHECK(out.find('\x1b') == std::string::npos);
  CHECK(out.find('\x07') == std::string::npos);
  CHECK(out.find("\xc2\x9b") == std::string::npos);
  CHECK(out.find("\nfake.c") == std::string::npos);
  CHECK(out.find("?\tline") != std::string::npos);  // tabs stay for the caret
  CHECK(terminal_safe("caf\xc3\xa9") == "caf\xc3\xa9");
}

TEST_CASE("diagnostics: a huge source line is shown around its column", "[core][diagnostics]") {
  std::string line(200000, 'x');
  line[150000] = 'Y';
  const Diagnostic d{Severity::error, "here", {"f", 1, 150001}, line};
  const auto out = d.format();
  CHECK(out.size() < 600);
  const auto nl = out.find('\n');
  const auto shown = out.substr(nl + 1, out.find('\n', nl + 1) - nl - 1);
  const auto caret = out.substr(out.rfind('\n') + 1);
  CHECK(shown[caret.size() - 1] == 'Y');
}

TEST_CASE("yaml: nesting deeper than any lambdafit file is refused with its place", "[core][yaml]") {
  Diagnostics d;
  CHECK_FALSE(YamlFile::parse("a: " + std::string(100000, '[') + "\n", "deep.yaml", d));
  const auto items = d.take();
  REQUIRE(items.size() == 1);
  CHECK(items[0].message.find("nested deeper than") != std::string::npos);
  CHECK(items[0].location.line == 1);
  std::string block;
  for (int i = 0; i < 300; ++i) block += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
  CHECK_FALSE(YamlFile::parse(block, "deep.yaml", d));
  CHECK(YamlFile::parse("a: [[1, 2], {b: [3]}]\nc:\n  - - x\n", "ok.yaml", d));
}
