// The file-type table as data: rules/file-types.yaml read by FileTypeReader, compiled in, and
// checked again when a pack declares it.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "core/yaml_file.hpp"
#include "rulepack/model.hpp"
#include "rulepack/pack_codec.hpp"
#include "scanning/text/file_type.hpp"
#include "support/temp_tree.hpp"

using namespace lambdafit;
using lambdafit::testing::TempTree;

namespace {

struct Read {
  FileTypeTable table;
  std::string errors;
};

Read read_table(const std::string& text) {
  Diagnostics d;
  FileTypeReader reader(d);
  if (auto f = YamlFile::parse(text, "types.yaml", d)) reader.read(*f);
  Read r{reader.finish(), {}};
  for (const auto& item : d.items()) r.errors += item.format() + "\n";
  return r;
}

// A table with every kind of entry: extensions, interpreters, and name rules by directory,
// pattern and name, one of them `none`.
const char* kSmallTable = R"(file_types:
  - {id: py, comments: python, extensions: [.py], interpreters: [python]}
  - {id: sh, comments: hash, extensions: [.sh]}
  - {id: conf, comments: ini}
file_names:
  - {type: conf, dirs: [etc.d], patterns: ['.+\.py']}
  - {type: none, names: [build.py]}
  - {type: sh, names: [run]}
)";

// The least a pack needs to load besides its file types.
const char* kMinimalPack = R"(facts:
  - id: os.changes_settings
    if_not_found: no
criteria:
  - id: os-settings
    title: Changes OS settings
    kind: concern
    when: {fact: os.changes_settings}
    advice: use containers
platform:
  id: p1
  name: Platform one
  as_of: 2026-01
  sources: [somewhere]
  limits: {}
scoring:
  default_platform: p1
)";

std::string shipped_text() {
  std::ifstream in(std::string(LAMBDAFIT_TEST_SOURCE_DIR) + "/rules/file-types.yaml");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("file types: the compiled-in table is rules/file-types.yaml and loads cleanly", "[file_type]") {
  // The build copies the file in at configure time; a stale copy would type files differently.
  CHECK(builtin_file_types_text() == shipped_text());
  const auto r = read_table(std::string(builtin_file_types_text()));
  INFO(r.errors);
  CHECK(r.errors.empty());
  CHECK(r.table.names().size() == builtin_file_types().names().size());
  CHECK(r.table.difference(builtin_file_types()).empty());
  CHECK(builtin_file_types().names().size() >= 30);
}

TEST_CASE("file types: a small table types by name rule, extension and interpreter", "[file_type]") {
  const auto r = read_table(kSmallTable);
  INFO(r.errors);
  REQUIRE(r.errors.empty());
  const auto& t = r.table;
  CHECK(t.from_path("a/b.py").name == "py");
  CHECK(t.from_path("a/B.PY").name == "py");  // extensions compare in lower case
  CHECK(t.from_path("x/etc.d/b.py").name == "conf");  // a name rule wins over the extension
  CHECK(t.from_path("etc.d/b.py").comments == CommentStyle::ini);
  CHECK(t.from_path("x/build.py").name.empty());  // `none`: untyped by its name
  CHECK(t.from_path("bin/RUN").name == "sh");
  CHECK(t.from_path("a/b.rb").name.empty());
  CHECK(t.from_interpreter("python").name == "py");
  CHECK(t.from_interpreter("ruby").name.empty());
  CHECK(t.named("sh").comments == CommentStyle::hash);
  CHECK(t.named("nope").name.empty());
  CHECK(t.names() == std::vector<std::string>{"py", "sh", "conf"});
  CHECK_FALSE(t.difference(builtin_file_types()).empty());
}

TEST_CASE("file types: a table read back from a compiled pack's bytes types every file alike", "[file_type]") {
  auto round_trip = [](const FileTypeTable& t) {
    std::ostringstream os;
    {
      PackOut a(os);
      t.save(a);
    }
    std::istringstream is(os.str());
    PackIn a(is);
    return FileTypeTable::restore(a);
  };
  const auto small = read_table(kSmallTable);
  REQUIRE(small.errors.empty());
  const auto t = round_trip(small.table);
  CHECK(t.difference(small.table).empty());
  CHECK(t.from_path("x/etc.d/b.py").name == "conf");  // the pattern rule, compiled again
  CHECK(t.from_path("x/build.py").name.empty());
  CHECK(t.from_interpreter("python").name == "py");
  CHECK(t.from_path("bin/RUN").name == "sh");
  CHECK(t.names() == std::vector<std::string>{"py", "sh", "conf"});
  CHECK(round_trip(builtin_file_types()).difference(builtin_file_types()).empty());
  // Cut short, the bytes are refused.
  std::ostringstream os;
  {
    PackOut a(os);
    small.table.save(a);
  }
  std::istringstream cut(os.str().substr(0, os.str().size() / 2));
  PackIn a(cut);
  CHECK_THROWS(FileTypeTable::restore(a));
}

TEST_CASE("file types: malformed entries are errors at their place", "[file_type]") {
  SECTION("an unknown key, with the near spelling") {
    const auto r = read_table("file_types:\n  - {id: py, comments: python, extensionz: [.py]}\n");
    CHECK_THAT(r.errors, Catch::Contains("types.yaml:2:") && Catch::Contains("unknown key 'extensionz'") &&
                             Catch::Contains("did you mean 'extensions'?"));
    CHECK(r.table.named("py").name.empty());  // the entry is dropped
  }
  SECTION("an unknown comment style") {
    const auto r = read_table("file_types:\n  - id: py\n    comments: pyhton\n");
    CHECK_THAT(r.errors, Catch::Contains("types.yaml:3:15: error: unknown comment style 'pyhton'; did you mean 'python'?"));
  }
  SECTION("a missing comment style") {
    const auto r = read_table("file_types:\n  - {id: py}\n");
    CHECK_THAT(r.errors, Catch::Contains("types.yaml:2:") && Catch::Contains("comments"));
  }
  SECTION("an extension claimed by two types") {
    const auto r = read_table(
        "file_types:\n  - {id: a, comments: hash, extensions: [.x]}\n  - {id: b, comments: hash, extensions: [.y, .x]}\n");
    CHECK_THAT(r.errors, Catch::Contains("types.yaml:3:46: error: extension '.x' is already declared (at "
                                         "types.yaml:2:42) and cannot also be 'b'"));
    CHECK(r.table.from_path("f.x").name == "a");
    CHECK(r.table.from_path("f.y").name == "b");
  }
  SECTION("an extension without its dot, or in upper case") {
    const auto r = read_table("file_types:\n  - {id: a, comments: hash, extensions: [x, .Y]}\n");
    CHECK_THAT(r.errors, Catch::Contains("types.yaml:2:42: error: extension 'x' must be one lower-case '.suffix'"));
    CHECK_THAT(r.errors, Catch::Contains("types.yaml:2:45: error: extension '.Y' must be one lower-case '.suffix'"));
  }
  SECTION("a type declared twice") {
    const auto r = read_table("file_types:\n  - {id: a, comments: hash}\n  - {id: a, comments: ini}\n");
    CHECK_THAT(r.errors, Catch::Contains("types.yaml:3:10: error: file type 'a' is already declared (at types.yaml:2:10)"));
    CHECK(r.table.named("a").comments == CommentStyle::hash);
  }
  SECTION("a name rule naming an undeclared type, and a bad pattern") {
    const auto r = read_table(
        "file_types:\n  - {id: shell, comments: hash}\nfile_names:\n  - {type: shel, names: [run]}\n"
        "  - {type: shell, patterns: ['(']}\n  - {type: shell}\n");
    CHECK_THAT(r.errors, Catch::Contains("types.yaml:4:12: error: unknown file type 'shel'; did you mean 'shell'?"));
    CHECK_THAT(r.errors, Catch::Contains("types.yaml:5:30: error: invalid regular expression"));
    CHECK_THAT(r.errors, !Catch::Contains("types.yaml:5:5:"));  // one error for the bad pattern
    CHECK_THAT(r.errors, Catch::Contains("types.yaml:6:5: error: a file name rule needs 'dirs', 'names' or 'patterns'"));
  }
  SECTION("not a list") {
    const auto r = read_table("file_types: {id: a}\n");
    CHECK_THAT(r.errors, Catch::Contains("types.yaml:1:13: error: 'file_types' must be a list"));
  }
}

TEST_CASE("file types: a pack that declares other file types fails to load", "[file_type][loader]") {
  TempTree t;
  t.write("rules/pack.yaml", kMinimalPack);
  std::string text = shipped_text();
  SECTION("the shipped file as it is loads") {
    t.write("rules/file-types.yaml", text);
    auto pack = load_rule_pack({t.path("rules")});
    INFO(pack.error_text());
    CHECK(pack.ok());
  }
  SECTION("a changed extension is refused, naming the difference") {
    const auto at = text.find("extensions: [.rs]");
    REQUIRE(at != std::string::npos);
    text.replace(at, 17, "extensions: [.rs, .rlib]");
    t.write("rules/file-types.yaml", text);
    auto pack = load_rule_pack({t.path("rules")});
    REQUIRE_FALSE(pack.ok());
    CHECK_THAT(pack.error_text(), Catch::Contains("file-types.yaml:") &&
                                      Catch::Contains("differ from the ones built into lambdafit") &&
                                      Catch::Contains("extension '.rlib' is not one of lambdafit's"));
  }
  SECTION("a malformed entry is an error at its place") {
    t.write("rules/file-types.yaml", "file_types:\n  - {id: c, comments: c_family}\n");
    auto pack = load_rule_pack({t.path("rules")});
    REQUIRE_FALSE(pack.ok());
    CHECK_THAT(pack.error_text(),
               Catch::Contains("file-types.yaml:2:23: error: unknown comment style 'c_family'; did you mean 'c-family'?"));
  }
}
