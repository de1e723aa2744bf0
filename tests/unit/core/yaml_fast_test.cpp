#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "core/yaml_fast.hpp"

using namespace lambdafit;

namespace {

std::string where(const YAML::Node& n) {
  const auto m = n.Mark();
  return fmt::format("{}:{} (byte {})", m.line + 1, m.column + 1, m.pos);
}

// The first difference between two trees, as a path and what differs; empty when equal in
// type, mark, tag, style, scalar text, order and size.
std::string difference(const YAML::Node& want, const YAML::Node& got, const std::string& path) {
  if (want.Type() != got.Type())
    return fmt::format("{}: type {} vs {}", path, static_cast<int>(want.Type()), static_cast<int>(got.Type()));
  if (where(want) != where(got)) return fmt::format("{}: at {} vs {}", path, where(want), where(got));
  if (want.Tag() != got.Tag()) return fmt::format("{}: tag '{}' vs '{}'", path, want.Tag(), got.Tag());
  if (want.IsScalar() && want.Scalar() != got.Scalar())
    return fmt::format("{}: '{}' vs '{}'", path, want.Scalar(), got.Scalar());
  if (!want.IsSequence() && !want.IsMap()) return {};
  if (want.Style() != got.Style()) return path + ": style";
  if (want.size() != got.size()) return fmt::format("{}: {} vs {} items", path, want.size(), got.size());
  if (want.IsSequence()) {
    for (std::size_t i = 0; i < want.size(); ++i)
      if (auto d = difference(want[i], got[i], fmt::format("{}[{}]", path, i)); !d.empty()) return d;
    return {};
  }
  auto g = got.begin();
  for (auto w = want.begin(); w != want.end(); ++w, ++g) {
    if (auto d = difference(w->first, g->first, path + "/(key)"); !d.empty()) return d;
    const std::string key = w->first.IsScalar() ? w->first.Scalar() : "?";
    if (auto d = difference(w->second, g->second, path + "/" + key); !d.empty()) return d;
  }
  return {};
}

// Compares libyaml's trees with yaml-cpp's for `text`; empty when equal.
std::string compare(const std::string& text) {
  const auto fast = load_yaml_fast(text, false);
  if (!fast) return "declined";
  const auto ref = YAML::LoadAll(text);
  if (fast->size() != ref.size()) return fmt::format("{} vs {} documents", ref.size(), fast->size());
  for (std::size_t i = 0; i < ref.size(); ++i)
    if (auto d = difference(ref[i], (*fast)[i], fmt::format("doc{}", i)); !d.empty()) return d;
  return {};
}

}  // namespace

TEST_CASE("yaml fast: every YAML file of the repository reads as yaml-cpp reads it", "[core]") {
  namespace fs = std::filesystem;
  const fs::path root = LAMBDAFIT_TEST_SOURCE_DIR;
  int compared = 0, declined = 0;
  for (const char* dir : {"rules", "samples", "tests"}) {
    for (const auto& e : fs::recursive_directory_iterator(root / dir)) {
      const auto ext = e.path().extension();
      if (!e.is_regular_file() || (ext != ".yaml" && ext != ".yml")) continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream buf;
      buf << in.rdbuf();
      const std::string text = buf.str();
      bool yaml_cpp_reads = true;
      try {
        (void)YAML::LoadAll(text);
      } catch (const YAML::Exception&) {
        yaml_cpp_reads = false;
      }
      if (!yaml_cpp_reads) {
        // Malformed on purpose (fixtures of error messages): libyaml must decline it too, so
        // the message is yaml-cpp's.
        INFO(e.path().string());
        CHECK_FALSE(load_yaml_fast(text, false));
        continue;
      }
      const std::string d = compare(text);
      if (d == "declined") {
        ++declined;
        continue;
      }
      INFO(e.path().string());
      CHECK(d.empty());
      if (d.empty()) ++compared;
    }
  }
  // The shipped rule pack alone has over a hundred files; all of them must take the fast path.
  CHECK(compared > 150);
  CHECK(declined <= 2);
}

TEST_CASE("yaml fast: nulls, tags, styles, anchors and marks as yaml-cpp makes them", "[core]") {
  const char* cases[] = {
      "a:\nb: ~\nc: null\nd: NULL\ne: ''\nf: !!null\ng: !!str\n",
      "key: |\n  block\n  text\nfolded: >-\n  one\n  two\nq: \"x\\ty\"\ns: 'it''s'\n",
      "Resources:\n  F:\n    Properties:\n      Role: !GetAtt R.Arn\n      Name: !Sub '${A}-b'\n      L: !Ref [x]\n",
      
      "indentless:\n- a\n- b: 1\n  c: 2\n-\n  - nested\n",
      "msg: \"caf\xc3\xa9 \xe2\x80\x94 ok\"\nk\xc3\xa9y: v\n\xe2\x80\x94: x\n",
      "a: 1\r\nb:\r\n  - x\r\n",
      "[a, b]: flow key\nq: what? yes\nr: (?:x)?\n",
      "---\nfirst: 1\n---\nsecond: 2\n...\n",
      "dup: 1\ndup: 2\n",
      "# only a comment\n",
      "plain: multi\n  line\n  scalar\n",
      "- - x\n  - y\n- {a: [1, {b: c}]}\n",
      "q: \"tab\\there \\\"quoted\\\" \\\\ \\u00e9 \\x41\"\n",
      "r: \"{\\\"a\\\": \\\n  1}\"\ns: \"a\\ b\\\tc\"\n",
  };
  for (const char* text : cases) {
    INFO(text);
    CHECK(compare(text).empty());
  }
}

TEST_CASE("yaml fast: the first document only, as YAML::Load reads", "[core]") {
  const auto docs = load_yaml_fast("a: 1\n---\nb: 2\n", true);
  REQUIRE(docs);
  REQUIRE(docs->size() == 1);
  CHECK((*docs)[0]["a"].as<int>() == 1);
  // A second document yaml-cpp's Load never reads cannot make the first one fail.
  const auto first = load_yaml_fast("a: 1\n---\nb: [\n", true);
  REQUIRE(first);
  CHECK(first->size() == 1);
  // Nothing in the stream: no document, and YAML::Load's answer is an empty node.
  const auto none = load_yaml_fast("# nothing\n", true);
  REQUIRE(none);
  CHECK(none->empty());
}

TEST_CASE("yaml fast: declines what yaml-cpp must read or report itself", "[core]") {
  CHECK_FALSE(load_yaml_fast("a: [1, 2\n", false));        // malformed: yaml-cpp's message
  CHECK_FALSE(load_yaml_fast("a: *nowhere\n", false));     // an alias: anchors are left to yaml-cpp
  CHECK_FALSE(load_yaml_fast("base: &b {x: 1}\nuse: *b\n", false));
  CHECK_FALSE(load_yaml_fast("%TAG !e! tag:example.com,2000:\n---\nv: !e!thing 1\n", false));
  CHECK_FALSE(load_yaml_fast("v: !<tag:example.com,2000:x> 1\n", false));  // verbatim tag
  CHECK_FALSE(load_yaml_fast("v: ! 1\n", false));                            // bare tag
  CHECK_FALSE(load_yaml_fast("? complex\n: value\n", false));                // explicit key
  CHECK_FALSE(load_yaml_fast("just a scalar\n", false));                      // scalar document
  CHECK_FALSE(load_yaml_fast("a: \"one\n\n  two\"\n", false));             // folded over an empty line
  CHECK_FALSE(load_yaml_fast("a: |\nb: 1\n", false));                          // empty block scalar
  CHECK_FALSE(load_yaml_fast("ts:\n>+\n a'i\n\n", false));                    // keep chomping
  CHECK_FALSE(load_yaml_fast("ts: !Sub |2+\n  x\n\n", false));
  CHECK_FALSE(load_yaml_fast("-\n>-\n\n  !d\n", false));  // an item at its sequence's column
  CHECK_FALSE(load_yaml_fast("t:\r\n  >\r\n  =a>\r\n", false));  // CRLF in a scalar over lines
  CHECK_FALSE(load_yaml_fast("d: >\n  last line\n  ", false));  // block scalar at an unended end
  CHECK_FALSE(load_yaml_fast("q: \"a\\_b\"\n", false));  // an escape only one of them decodes
  static const char utf16[] = "\xff\xfe" "a\0:\0 \0" "1\0";  // UTF-16LE "a: 1", with its BOM
  CHECK_FALSE(load_yaml_fast(std::string_view(utf16, sizeof utf16 - 1), false));
  CHECK_FALSE(load_yaml_fast("v: !!str%41 x\n", false));                       // %-escape in a tag
  CHECK_FALSE(load_yaml_fast("a: 1\rb: 2\n", false));      // a lone CR breaks a line for libyaml only
  CHECK_FALSE(load_yaml_fast("a: x\xc2\x85y\n", false));   // NEL, likewise
  CHECK_FALSE(load_yaml_fast("a: \xff\xfe\n", false));     // not UTF-8
  CHECK_FALSE(load_yaml_fast("a: \x01\n", false));         // a control character
  // Declining never throws and leaves nothing behind: the same text again, same answer.
  CHECK_FALSE(load_yaml_fast("a: [1, 2\n", false));
}

TEST_CASE("yaml fast: load_yaml answers as YAML::Load, through either parser", "[core]") {
  for (const char* text : {"a: [1, 2]\nb: !Ref x\n", "base: &b {x: 1}\nuse: *b\n", "# nothing\n"}) {
    INFO(text);
    const YAML::Node want = YAML::Load(text);
    CHECK(difference(want, load_yaml(text), "doc").empty());
  }
  CHECK(load_yaml("base: &b {x: 1}\nuse: *b\n")["use"]["x"].as<int>() == 1);  // read by yaml-cpp
  CHECK_THROWS_AS(load_yaml("a: [1, 2\n"), YAML::Exception);        // malformed: yaml-cpp's error
}
