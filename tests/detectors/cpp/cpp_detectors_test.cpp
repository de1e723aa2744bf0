// Golden tests of the shipped C/C++ detectors (kinds clang, include and token): every
// directory under cases/ is a small workload with positive and negative cases side by side
// (calls in comments, strings that are not paths, #if 0 blocks, look-alike names, methods of
// unrelated classes); its expected.txt lists all the evidence the C/C++ detectors must find:
//   path:line:col: detector-id | source line
// The real engine runs (translation units, compile database or inferred flags, forked parses).
// Run with LAMBDAFIT_UPDATE_GOLDEN=1 to rewrite the expected files, then review the diff.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "rulepack/model.hpp"
#include "scanning/clang/engine.hpp"
#include "scanning/detector_kind.hpp"
#include "support/temp_tree.hpp"
#include "support/shipped_pack.hpp"

using namespace lambdafit;

namespace {

namespace fs = std::filesystem;

bool is_cpp_kind(const std::string& k) { return k == "clang" || k == "include" || k == "token"; }

const detail::RulePackData& cpp_pack() {
  static const detail::RulePackData data = [] {
    auto pack = load_rule_pack({std::string(LAMBDAFIT_TEST_SOURCE_DIR) + "/rules"});
    if (!pack.ok()) FAIL(pack.error_text());
    detail::RulePackData d;
    for (const auto& det : pack->data().detectors)
      if (is_cpp_kind(det.kind)) d.detectors.push_back(det);
    return d;
  }();
  return data;
}

struct Scan {
  std::vector<Evidence> evidence;
  ScanSummary summary;
};

Scan scan(const fs::path& root) {
  ScanInput in;
  in.root = root;
  in.jobs = 2;
  ScanOutput out;
  in.files = walk_workload(root, {}, out);
  std::erase_if(in.files, [](const WorkloadFile& f) { return f.path == "expected.txt"; });
  cpp::CppParseAnalyzer().analyze(in, cpp_pack(), out);
  Scan s{out.evidence(), out.summary()};
  std::sort(s.evidence.begin(), s.evidence.end(), [](const Evidence& a, const Evidence& b) {
    return std::tie(a.path, a.line, a.column, a.detector) <
           std::tie(b.path, b.line, b.column, b.detector);
  });
  return s;
}

std::string read_all(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

std::string line_of_file(const fs::path& p, int line) {
  std::istringstream in(read_all(p));
  std::string s;
  for (int i = 0; i < line && std::getline(in, s); ++i) {
  }
  return s;
}

std::string format(const std::vector<Evidence>& ev) {
  std::string s;
  for (const auto& e : ev)
    s += e.path + ":" + std::to_string(e.line) + ":" + std::to_string(e.column) + ": " +
         e.detector + " | " + e.snippet + "\n";
  return s;
}

}  // namespace

TEST_CASE("cpp detectors: golden evidence per case", "[detectors][cpp]") {
  const fs::path cases = fs::path(LAMBDAFIT_TEST_SOURCE_DIR) / "tests/detectors/cpp/cases";
  REQUIRE(cpp_pack().detectors.size() >= 40);
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(cases))
    if (e.is_directory()) dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  REQUIRE(dirs.size() >= 15);
  const bool update = std::getenv("LAMBDAFIT_UPDATE_GOLDEN") != nullptr;
  for (const auto& dir : dirs) {
    INFO("case " << dir.filename().string());
    const Scan s = scan(dir);
    const std::string got = format(s.evidence);
    if (update) std::ofstream(dir / "expected.txt", std::ios::binary) << got;
    const std::string expected = read_all(dir / "expected.txt");
    CHECK(got == expected);
    CHECK_FALSE(expected.empty());  // every case has something to find
    for (const auto& e : s.evidence) {
      INFO(e.path << ":" << e.line);
      CHECK(e.snippet == line_of_file(dir / e.path, e.line));  // points at a real line
    }
  }
}

TEST_CASE("cpp detectors: every shipped C/C++ detector is exercised by a golden case",
          "[detectors][cpp]") {
  const fs::path cases = fs::path(LAMBDAFIT_TEST_SOURCE_DIR) / "tests/detectors/cpp/cases";
  std::string all;
  for (const auto& e : fs::recursive_directory_iterator(cases))
    if (e.path().filename() == "expected.txt") all += read_all(e.path());
  for (const auto& d : cpp_pack().detectors) {
    INFO("detector " << d.id);
    CHECK(all.find(": " + d.id + " | ") != std::string::npos);
  }
}

TEST_CASE("cpp detectors: translation units are counted by outcome", "[detectors][cpp]") {
  const fs::path cases = fs::path(LAMBDAFIT_TEST_SOURCE_DIR) / "tests/detectors/cpp/cases";
  SECTION("a broken TU is parsed with errors, its neighbour is fine") {
    const Scan s = scan(cases / "broken-tu");
    CHECK(s.summary.translation_units == 2);
    CHECK(s.summary.tu_errors == 1);
    CHECK(s.summary.tu_ok == 1);
    CHECK(s.summary.parse_failures == 0);
  }
  SECTION("without a compile database the flags are inferred and the scan says so") {
    const Scan s = scan(cases / "missing-header");
    CHECK(s.summary.tu_errors == 1);
    REQUIRE_FALSE(s.summary.coverage_notes.empty());
    CHECK(s.summary.coverage_notes.front().find("no compile database") != std::string::npos);
  }
  SECTION("compile_flags.txt inside the workload is used") {
    const Scan s = scan(cases / "compile-flags");
    CHECK(s.summary.tu_ok == 1);
    CHECK(s.summary.coverage_notes.front().find("compile database") != std::string::npos);
  }
}

TEST_CASE("cpp detectors: a compile database in a parent directory is not used",
          "[detectors][cpp]") {
  testing::TempTree t;
  // The parent's flags would activate the setuid call; the workload is the subdirectory.
  t.write("compile_flags.txt", "-xc++\n-DPARENT_FLAGS=1\n");
  t.write("work/a.cpp",
          "#include <unistd.h>\n#if PARENT_FLAGS\nint f() { return setuid(0); }\n#endif\n"
          "int g() { return daemon(0, 0); }\n");
  const Scan s = scan(t.path("work"));
  REQUIRE(s.evidence.size() == 1);
  CHECK(s.evidence[0].detector == "cpp-daemonize");
  CHECK(s.summary.coverage_notes.front().find("no compile database") != std::string::npos);
}

TEST_CASE("cpp detectors: a crashing or hanging parse fails alone", "[detectors][cpp]") {
  testing::TempTree t;
  t.write("a.cpp", "#include <unistd.h>\nint f() { return daemon(0, 0); }\n");
  t.write("crash.cpp", "#include <unistd.h>\nint g() { return setsid(); }\n");
  t.write("hang.cpp", "#include <unistd.h>\nint h() { return setsid(); }\n");
  ::setenv("LAMBDAFIT_CLANG_FAULT", "crash:crash.cpp", 1);
  Scan s = scan(t.path());
  CHECK(s.summary.translation_units == 3);
  CHECK(s.summary.parse_failures == 1);
  CHECK(s.evidence.size() == 2);  // a.cpp and hang.cpp
  ::setenv("LAMBDAFIT_CLANG_FAULT", "hang:hang.cpp", 1);
  ::setenv("LAMBDAFIT_TU_TIMEOUT", "1", 1);
  s = scan(t.path());
  ::unsetenv("LAMBDAFIT_CLANG_FAULT");
  ::unsetenv("LAMBDAFIT_TU_TIMEOUT");
  CHECK(s.summary.parse_failures == 1);
  CHECK(s.evidence.size() == 2);  // a.cpp and crash.cpp
  bool noted = false;
  for (const auto& n : s.summary.coverage_notes)
    noted = noted || n.find("hang.cpp: not parsed: stopped after the 1 s time limit") == 0;
  CHECK(noted);
}

TEST_CASE("cpp detectors: threads and forked children find the same evidence",
          "[detectors][cpp]") {
  const fs::path dir = fs::path(LAMBDAFIT_TEST_SOURCE_DIR) / "tests/detectors/cpp/cases/os-tuning";
  const std::string forked = format(scan(dir).evidence);
  ::setenv("LAMBDAFIT_CLANG_ISOLATION", "threads", 1);
  const std::string threaded = format(scan(dir).evidence);
  ::unsetenv("LAMBDAFIT_CLANG_ISOLATION");
  CHECK_FALSE(forked.empty());
  CHECK(forked == threaded);
}

TEST_CASE("cpp detectors: compile_commands.json from -p and from inside the workload",
          "[detectors][cpp]") {
  testing::TempTree t;
  const std::string src =
      "#include <unistd.h>\n#ifdef FROM_DB\nint f() { return daemon(0, 0); }\n#endif\n";
  t.write("work/src/a.cpp", src);
  t.write("work/src/outside_db.cpp", "#include <unistd.h>\nint g() { return setsid(); }\n");
  const std::string db = "[{\"directory\": \"" + t.path("work") +
                         "\", \"command\": \"c++ -DFROM_DB -c src/a.cpp -o a.o\", "
                         "\"file\": \"src/a.cpp\"}]";
  auto run = [&](const std::string& build_dir) {
    ScanInput in;
    in.root = t.path("work");
    in.build_dir = build_dir;
    in.jobs = 1;
    ScanOutput out;
    in.files = walk_workload(in.root, {}, out);
    cpp::CppParseAnalyzer().analyze(in, cpp_pack(), out);
    return Scan{out.evidence(), out.summary()};
  };
  SECTION("-p names a build directory outside the workload") {
    t.write("out/compile_commands.json", db);
    const Scan s = run(t.path("out"));
    CHECK(s.summary.translation_units == 2);
    // a.cpp with the database's -DFROM_DB, the other source with inferred flags.
    CHECK(format(s.evidence).find("src/a.cpp:3:18: cpp-daemonize") == 0);
    CHECK(format(s.evidence).find("src/outside_db.cpp:2:18: cpp-daemonize") != std::string::npos);
    CHECK(s.summary.coverage_notes.at(1).find("C/C++: 1 sources missing") == 0);
  }
  SECTION("build/compile_commands.json inside the workload") {
    t.write("work/build/compile_commands.json", db);
    const Scan s = run("");
    CHECK(format(s.evidence).find("src/a.cpp:3:18: cpp-daemonize") == 0);
    CHECK(s.summary.coverage_notes.front().find("compile database in build") != std::string::npos);
  }
}

TEST_CASE("cpp detectors: lambdafit-ignore comments silence C/C++ evidence", "[detectors][cpp]") {
  testing::TempTree t;
  t.write("a.cpp",
          "#include <unistd.h>\n"
          "int f() {\n"
          "  return daemon(0, 0);  // lambdafit-ignore(cpp-daemonize): started by systemd\n"
          "}\n"
          "// lambdafit-ignore-next-line(cpp-daemonize): reviewed\n"
          "int g() { return setsid(); }\n"
          "int h() { return setsid(); }  // lambdafit-ignore(cpp-socket-listen): another id\n");
  ScanOutput out;
  lambdafit::testing::scan_tree(lambdafit::testing::shipped_pack().data(), t.path(), out);
  std::vector<std::string> got;
  for (const auto& e : out.evidence())
    if (e.detector == "cpp-daemonize")
      got.push_back(std::to_string(e.line) + (e.suppressed ? " suppressed: " + e.suppression_reason
                                                           : " counted"));
  CHECK(got == std::vector<std::string>{"3 suppressed: started by systemd",
                                        "6 suppressed: reviewed", "7 counted"});
}
