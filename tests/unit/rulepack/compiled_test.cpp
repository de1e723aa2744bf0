// The compiled rule pack (rulepack/compiled.hpp): a decoded pack assesses exactly as the loaded
// one, the cache is read when it matches and passed over when it does not.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "rulepack/compiled.hpp"
#include "rulepack/model.hpp"
#include "ruletest/rule_test.hpp"
#include "support/cache_dir.hpp"
#include "support/shipped_pack.hpp"
#include "support/temp_tree.hpp"

using namespace lambdafit;
using lambdafit::testing::CacheDir;
using lambdafit::testing::TempTree;
namespace fs = std::filesystem;

namespace {

// The JSON report of `sample` under `pack`, without the run's duration.
nlohmann::json report_of(const RulePack& pack, const std::string& sample) {
  AssessOptions o;
  o.path = std::string(LAMBDAFIT_TEST_SOURCE_DIR) + "/samples/" + sample;
  o.jobs = 2;
  o.isolation = Isolation::threads;  // the test binary has Clang
  auto a = assess(pack, o);
  REQUIRE(a.ok());
  auto js = render(*a, Format::json);
  REQUIRE(js.ok());
  auto doc = nlohmann::json::parse(*js);
  doc["scan"].erase("duration_ms");
  return doc;
}

std::vector<fs::path> entries(const std::string& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(fs::path(dir) / "packs", ec)) out.push_back(e.path());
  return out;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const char* kPack = R"(platform_limits:
  - {id: timeout, type: number, unit: s, if_absent: unlimited}
facts:
  - id: os.ssh
    title: reaches hosts over SSH
    if_not_found: no
detectors:
  - id: shell-ssh
    kind: text
    fact: os.ssh
    file_types: [shell]
    patterns: ['\bssh\s']
    message: reaches a host over SSH
criteria:
  - id: ssh-access
    title: SSH to hosts
    kind: concern
    when: {fact: os.ssh}
    advice: use logs
platform:
  id: p1
  name: Platform one
  as_of: 2026-01
  sources: [somewhere]
  limits: {timeout: 300 s}
scoring:
  default_platform: p1
)";

// A rule folder holding kPack, and a cache directory for the test's duration.
struct PackTree {
  TempTree t;
  CacheDir cache{t.path("cache")};
  std::vector<std::string> dirs{t.path("rules")};
  PackTree() { t.write("rules/a.yaml", kPack); }
};

std::string message_of(const Result<RulePack>& pack) {
  REQUIRE(pack.ok());
  REQUIRE(pack->data().detectors.size() == 1);
  return pack->data().detectors[0].message;
}

}  // namespace

TEST_CASE("compiled pack: the shipped pack decodes to a pack that assesses every sample alike",
          "[compiled]") {
  const RulePack& loaded = testing::shipped_pack();
  const std::string bytes = compiled_pack::encode(loaded.data());
  auto decoded = compiled_pack::decode(bytes);
  REQUIRE(decoded);
  // Every field save() writes, restore() reads back: encoding the decoded pack gives the same bytes.
  CHECK(compiled_pack::encode(*decoded) == bytes);
  CHECK(decoded->detectors.size() == loaded.data().detectors.size());
  CHECK(decoded->deployed_by.size() == loaded.data().deployed_by.size());
  // A field neither side writes would survive that check. The rules' own golden cases would
  // not (each detector's positive and negative annotations, run with the decoded detectors),
  // nor would the samples' reports.
  ScanInput base;
  base.isolation = Isolation::threads;  // the test binary has Clang
  const auto cases = ruletest::run(*decoded, testing::shipped_rules_dir(), 2, &base);
  INFO(ruletest::format(cases));
  CHECK(cases.passed());
  CHECK(cases.files.size() > 50);
  const RulePack from_bytes(std::move(decoded));
  for (const auto& e : fs::directory_iterator(std::string(LAMBDAFIT_TEST_SOURCE_DIR) + "/samples")) {
    if (!e.is_directory() || e.path().filename() == "embed") continue;  // embed: API example code
    const std::string sample = e.path().filename().string();
    INFO(sample);
    CHECK(report_of(from_bytes, sample) == report_of(loaded, sample));
  }
}

TEST_CASE("compiled pack: read while the rule files are unchanged, compiled again when they change",
          "[compiled]") {
  PackTree w;
  auto& t = w.t;
  const auto& dirs = w.dirs;

  const auto first = load_rule_pack(dirs);
  CHECK(message_of(first) == "reaches a host over SSH");
  // The result caches' name for the rule file: the key of the text the detector was loaded from.
  CHECK(first->data().detectors[0].rules_key == content_key(kPack));
  auto kept = entries(t.path("cache"));
  REQUIRE(kept.size() == 1);
  const auto second = load_rule_pack(dirs);  // from the compiled pack
  REQUIRE(second.ok());
  CHECK(second->data().detectors[0].rules_key == content_key(kPack));

  // An entry under the same key is what the next load returns (it never reads the YAML):
  // rewrite the entry with another message and load again.
  auto p = compiled_pack::decode(slurp(kept[0]));
  REQUIRE(p);
  p->detectors[0].message = "from the compiled pack";
  std::ofstream(kept[0], std::ios::binary | std::ios::trunc) << compiled_pack::encode(*p);
  CHECK(message_of(load_rule_pack(dirs)) == "from the compiled pack");

  // An edited rule file has another key: loaded from its text and kept beside the old entry.
  std::string edited = kPack;
  edited.replace(edited.find("reaches a host over SSH"), 23, "edited message");
  t.write("rules/a.yaml", edited);
  CHECK(message_of(load_rule_pack(dirs)) == "edited message");
  CHECK(entries(t.path("cache")).size() == 2);

  // So has an added file (another directory, a removed file alike).
  t.write("rules/b.yaml", "facts:\n  - id: extra.fact\n    title: extra\n");
  auto more = load_rule_pack(dirs);
  REQUIRE(more.ok());
  CHECK(more->data().fact("extra.fact") != nullptr);
  CHECK(entries(t.path("cache")).size() == 3);
}

TEST_CASE("compiled pack: a damaged entry is a miss, and the load goes on from the files",
          "[compiled]") {
  PackTree w;
  auto& t = w.t;
  const auto& dirs = w.dirs;
  REQUIRE(load_rule_pack(dirs).ok());
  const auto kept = entries(t.path("cache"));
  REQUIRE(kept.size() == 1);
  const std::string good = slurp(kept[0]);

  SECTION("truncated") { std::ofstream(kept[0], std::ios::binary | std::ios::trunc) << good.substr(0, good.size() / 2); }
  SECTION("a flipped byte") {
    std::string bad = good;
    bad[bad.size() - 10] ^= 0x20;
    std::ofstream(kept[0], std::ios::binary | std::ios::trunc) << bad;
  }
  SECTION("empty") { std::ofstream(kept[0], std::ios::binary | std::ios::trunc); }
  CHECK(message_of(load_rule_pack(dirs)) == "reaches a host over SSH");
  // … and the entry is written whole again.
  CHECK(slurp(kept[0]) == good);
}

TEST_CASE("compiled pack: decode turns down bytes it did not write, whatever they hold", "[compiled]") {
  const std::string good = compiled_pack::encode(testing::shipped_pack().data());
  CHECK(compiled_pack::decode("") == nullptr);
  CHECK(compiled_pack::decode("not a pack") == nullptr);
  CHECK(compiled_pack::decode(good.substr(0, good.size() - 1)) == nullptr);  // checksum fails
  CHECK(compiled_pack::decode(good + "x") == nullptr);
  // A payload cut short with a checksum that matches it: the decoder runs out of bytes.
  const std::size_t head = std::string_view("lambdafit compiled rule pack 1\n").size();
  for (std::size_t cut : {std::size_t{0}, std::size_t{1}, std::size_t{100}, (good.size() - head - 32) / 2}) {
    const std::string payload = good.substr(head + 32, cut);
    const std::string forged = good.substr(0, head) + content_key(payload) + payload;
    INFO(cut);
    CHECK(compiled_pack::decode(forged) == nullptr);
  }
}
