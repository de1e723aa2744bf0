// The C/C++ detectors with the real engine (translation units, compile databases or inferred
// flags, worker processes). The detectors' own cases are annotated test files beside their
// rule files (rules/cpp/NAME.test/, run by `lambdafit rules test`); the engine cases here
// (broken TUs, missing headers, compile_flags.txt, quoted includes) use the same annotations
// and the same harness, with every C/C++ detector at once.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cerrno>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "rulepack/model.hpp"
#include "ruletest/rule_test.hpp"
#include "scanning/clang/engine.hpp"
#include "scanning/detector_kind.hpp"
#include "support/temp_tree.hpp"
#include "support/shipped_pack.hpp"

using namespace lambdafit;

namespace {

namespace fs = std::filesystem;


const detail::RulePackData& cpp_pack() {
  static const detail::RulePackData data = [] {
    auto pack = load_rule_pack({std::string(LAMBDAFIT_TEST_SOURCE_DIR) + "/rules"});
    if (!pack.ok()) FAIL(pack.error_text());
    detail::RulePackData d = pack->data();  // keeps the directories the workers load
    std::erase_if(d.detectors, [](const DetectorSpec& det) { return frontend_of(det) != Frontend::cpp_parse; });
    return d;
  }();
  return data;
}

struct Scan {
  std::vector<Evidence> evidence;
  ScanSummary summary;
};

Scan scan(const fs::path& root, ScanInput in = {}) {
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

TEST_CASE("cpp detectors: annotated engine cases", "[detectors][cpp]") {
  const fs::path cases = fs::path(LAMBDAFIT_TEST_SOURCE_DIR) / "tests/detectors/cpp/cases";
  std::vector<const DetectorSpec*> all;
  for (const auto& d : cpp_pack().detectors) all.push_back(&d);
  REQUIRE(all.size() >= 40);
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(cases))
    if (e.is_directory()) dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  REQUIRE(dirs.size() == 4);
  for (const auto& dir : dirs) {
    INFO("case " << dir.filename().string());
    const auto r = ruletest::check_tree(cpp_pack(), all, dir.string(), 2, /*require_cases=*/false);
    ruletest::Report report;
    report.files.push_back(r);
    INFO(ruletest::format(report));
    CHECK(r.passed());
    CHECK(r.expected > 0);  // every case has something to find
  }
}

TEST_CASE("cpp detectors: evidence points at real lines", "[detectors][cpp]") {
  const fs::path dir = fs::path(LAMBDAFIT_TEST_SOURCE_DIR) / "rules/cpp/os-tuning.test";
  const Scan s = scan(dir);
  REQUIRE_FALSE(s.evidence.empty());
  for (const auto& e : s.evidence) {
    INFO(e.path << ":" << e.line);
    CHECK(e.snippet == line_of_file(dir / e.path, e.line));
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
    CHECK(s.summary.tu_errors == 3);  // every unit includes an absent header
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

namespace {

// No child of this process is left unreaped.
bool no_children_left() {
  int status = 0;
  return ::waitpid(-1, &status, WNOHANG) < 0 && errno == ECHILD;
}

// Scans with the test-only worker that misbehaves on the units `fault` names.
Scan scan_with_faults(const fs::path& root, const char* fault, int timeout = 300) {
  ::setenv("LAMBDAFIT_TEST_FAULT", fault, 1);
  ScanInput in;
  in.worker_path = LAMBDAFIT_TEST_FAULT_WORKER;
  in.unit_timeout_seconds = timeout;
  Scan s = scan(root, in);
  ::unsetenv("LAMBDAFIT_TEST_FAULT");
  return s;
}

bool noted(const Scan& s, const std::string& start) {
  for (const auto& n : s.summary.coverage_notes)
    if (n.find(start) == 0) return true;
  return false;
}

}  // namespace

TEST_CASE("cpp detectors: a crashing, hanging or stack-overflowing parse fails alone",
          "[detectors][cpp][isolation]") {
  testing::TempTree t;
  t.write("a.cpp", "#include <unistd.h>\nint f() { return daemon(0, 0); }\n");
  t.write("crash.cpp", "#include <unistd.h>\nint g() { return setsid(); }\n");
  t.write("hang.cpp", "#include <unistd.h>\nint h() { return setsid(); }\n");
  t.write("deep.cpp", "#include <unistd.h>\nint k() { return setsid(); }\n");
  SECTION("a crash") {
    Scan s = scan_with_faults(t.path(), "crash:crash.cpp");
    CHECK(s.summary.translation_units == 4);
    CHECK(s.summary.parse_failures == 1);
    CHECK(s.evidence.size() == 3);  // the worker that crashed was replaced for the rest
    CHECK(noted(s, "crash.cpp: not parsed: the parser crashed (Aborted)"));
  }
  SECTION("a hang") {
    const auto start = std::chrono::steady_clock::now();
    Scan s = scan_with_faults(t.path(), "hang:hang.cpp", 1);
    CHECK(s.summary.parse_failures == 1);
    CHECK(s.evidence.size() == 3);
    CHECK(noted(s, "hang.cpp: not parsed: stopped after the 1 s time limit"));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(30));
  }
  SECTION("a stack overflow ends quickly with a note") {
    const auto start = std::chrono::steady_clock::now();
    Scan s = scan_with_faults(t.path(), "stack:deep.cpp");
    CHECK(s.summary.parse_failures == 1);
    CHECK(s.evidence.size() == 3);
    CHECK(noted(s, "deep.cpp: not parsed: the parse ran out of stack"));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(60));
  }
  SECTION("all of them at once, with one worker") {
    ::setenv("LAMBDAFIT_TEST_FAULT", "crash:crash.cpp,hang:hang.cpp,stack:deep.cpp", 1);
    ScanInput in;
    in.worker_path = LAMBDAFIT_TEST_FAULT_WORKER;
    in.unit_timeout_seconds = 1;
    in.root = t.path();
    in.jobs = 1;
    ScanOutput out;
    in.files = walk_workload(in.root, {}, out);
    cpp::CppParseAnalyzer().analyze(in, cpp_pack(), out);
    ::unsetenv("LAMBDAFIT_TEST_FAULT");
    CHECK(out.summary().parse_failures == 3);
    CHECK(out.evidence().size() == 1);  // a.cpp
  }
  CHECK(no_children_left());
}

TEST_CASE("cpp detectors: the time limit holds with in-process threads too", "[detectors][cpp][isolation]") {
  // A TU that keeps Clang's constant evaluator busy for seconds.
  testing::TempTree t;
  std::string slow = "constexpr long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }\n";
  for (int i = 0; i < 400; ++i)  // about 40 s of constant evaluation
    slow += "static_assert(fib(20 + " + std::to_string(i % 2) + ") > " + std::to_string(i) + " - " +
            std::to_string(i) + ");\n";
  t.write("slow.cpp", slow);
  t.write("fast.cpp", "#include <unistd.h>\nint f() { return daemon(0, 0); }\n");
  ScanInput in;
  in.isolation = Isolation::threads;
  in.unit_timeout_seconds = 1;
  const auto start = std::chrono::steady_clock::now();
  Scan s = scan(t.path(), in);
  const auto took = std::chrono::steady_clock::now() - start;
  CHECK(s.evidence.size() == 1);  // fast.cpp
  CHECK(s.summary.parse_failures == 1);
  CHECK(noted(s, "slow.cpp: not parsed: stopped after the 1 s time limit"));
  CHECK(took < std::chrono::seconds(20));
}

TEST_CASE("cpp detectors: worker processes are reaped when the scan is cancelled",
          "[detectors][cpp][isolation]") {
  testing::TempTree t;
  for (int i = 0; i < 6; ++i)
    t.write("u" + std::to_string(i) + ".cpp", "#include <unistd.h>\nint f() { return daemon(0, 0); }\n");
  ::setenv("LAMBDAFIT_TEST_FAULT", "hang:u", 1);
  std::atomic<bool> cancel{false};
  ScanInput in;
  in.worker_path = LAMBDAFIT_TEST_FAULT_WORKER;
  in.cancel = &cancel;
  in.root = t.path();
  in.jobs = 3;
  ScanOutput out;
  in.files = walk_workload(in.root, {}, out);
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    cancel = true;
  });
  const auto start = std::chrono::steady_clock::now();
  cpp::CppParseAnalyzer().analyze(in, cpp_pack(), out);
  stopper.join();
  ::unsetenv("LAMBDAFIT_TEST_FAULT");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(20));
  CHECK(no_children_left());
  CHECK(out.summary().coverage_notes.back() == "C/C++: the scan was cancelled before every source was parsed");
}

TEST_CASE("cpp detectors: without a worker executable the parse runs in-process and says so",
          "[detectors][cpp][isolation]") {
  const fs::path dir = fs::path(LAMBDAFIT_TEST_SOURCE_DIR) / "rules/cpp/os-tuning.test";
  ScanInput in;
  in.worker_path = "/nonexistent/lambdafit-worker";
  const Scan s = scan(dir, in);
  CHECK(format(s.evidence) == format(scan(dir).evidence));
  CHECK(s.summary.coverage_notes.back().find("C/C++: parsed in-process without isolation: no lambdafit-worker "
                                             "found (looked at /nonexistent/lambdafit-worker)") == 0);
}

TEST_CASE("cpp detectors: the installed-beside and build-tree workers are found", "[detectors][cpp][isolation]") {
  std::string looked;
  const auto found = cpp::find_worker("", &looked);
  INFO(looked);
  REQUIRE(found);
  CHECK(fs::path(*found).filename() == "lambdafit-worker");
  CHECK_FALSE(cpp::find_worker("/nonexistent/worker"));
}

TEST_CASE("cpp detectors: threads and worker processes find the same evidence",
          "[detectors][cpp]") {
  const fs::path dir = fs::path(LAMBDAFIT_TEST_SOURCE_DIR) / "rules/cpp/os-tuning.test";
  const std::string isolated = format(scan(dir).evidence);
  ScanInput threads;
  threads.isolation = Isolation::threads;
  const std::string threaded = format(scan(dir, threads).evidence);
  CHECK_FALSE(isolated.empty());
  CHECK(isolated == threaded);
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

TEST_CASE("cpp detectors: warnings a -Werror makes errors leave the unit whole; real errors count",
          "[detectors][cpp]") {
  testing::TempTree t;
  // Unused variable, a non-void function falling off its end: warnings, errors under -Werror.
  t.write("work/src/warns.cpp",
          "#include <unistd.h>\nint f(int x) { int unused = 0; if (x) return daemon(0, 0); }\n");
  t.write("work/src/broken.cpp", "#include <unistd.h>\nint g() { return setsid(); }\nint h = undeclared;\n");
  std::string db = "[";
  for (const char* f : {"src/warns.cpp", "src/broken.cpp"})
    db += std::string(db.size() > 1 ? "," : "") + "{\"directory\": \"" + t.path("work") +
          "\", \"command\": \"c++ -Wall -Wextra -Werror -c " + f + "\", \"file\": \"" + f + "\"}";
  t.write("work/build/compile_commands.json", db + "]");
  ScanInput in;
  in.root = t.path("work");
  in.jobs = 1;
  ScanOutput out;
  in.files = walk_workload(in.root, {}, out);
  cpp::CppParseAnalyzer().analyze(in, cpp_pack(), out);
  const std::string ev = format(out.evidence());
  CHECK(ev.find("src/warns.cpp:2:46: cpp-daemonize") != std::string::npos);
  CHECK(ev.find("src/broken.cpp:2:18: cpp-daemonize") != std::string::npos);
  std::string notes;
  for (const auto& n : out.summary().coverage_notes) notes += n + "\n";
  CHECK(notes.find("warns.cpp: parsed with") == std::string::npos);
  CHECK(notes.find("broken.cpp: parsed with 1 error; evidence kept (first: ") != std::string::npos);
  CHECK(notes.find("undeclared identifier 'undeclared'") != std::string::npos);
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

TEST_CASE("cpp detectors: undeclared names stand in only where a C unit misses a header",
          "[detectors][cpp]") {
  testing::TempTree t;
  const std::string body =
      "#include <sys/resource.h>\n"
      "int f(void) { struct rlimit rl = {1, 1}; return setrlimit(SDK_LIMIT, &rl); }\n";
  t.write("missing.c", "#include <sdk/limits.h>\n" + body);  // the name is the header's
  t.write("typo.c", "#include <stddef.h>\n" + body);          // every include found: a real error
  t.write("typo.cpp", "#include <sdk/limits.h>\n" + body);    // C++: not done
  CHECK(format(scan(t.path()).evidence) == "missing.c:3:49: cpp-resource-limit | " + body.substr(26, body.size() - 27) + "\n");
}

TEST_CASE("cpp detectors: #if blocks skipped on macros a missing header may define are noted",
          "[detectors][cpp]") {
  testing::TempTree t;
  t.write("a.c",
          "#ifdef HAVE_EARLY\n"            // before the missing include: nothing could define it
          "int early;\n"
          "#endif\n"
          "#include <sdk/config.h>\n"
          "#include <unistd.h>\n"
          "#ifdef HAVE_SETUID_WRAPPER\n"   // line 6: counted, the first
          "int drop(void) { return setuid(65534); }\n"
          "#endif\n"
          "#if defined(__APPLE__) || _WIN32\n"  // reserved names: the compiler's to define
          "int mac;\n"
          "#endif\n"
          "#if 0\n"                         // no macro at all
          "int never;\n"
          "#elif SDK_VERSION > 2\n"         // counted
          "int newer;\n"
          "#endif\n"
          "#if defined(STDC_HEADERS_X) && 1\n"  // counted
          "int x;\n"
          "#endif\n"
          "#if __has_include(\"sdk_extra.h\") || 'A' == 66 /* HAVE_NOTE */\n"  // names no macro
          "int extra;\n"
          "#endif\n"
          "#ifndef HAVE_SOMETHING\n"        // active: its own code is read
          "int y;\n"
          "#endif\n");
  t.write("b.c", "#include <unistd.h>\n#ifdef HAVE_SETUID_WRAPPER\nint z;\n#endif\nint k(void) { return setsid(); }\n");
  std::string notes;
  for (const auto& n : scan(t.path()).summary.coverage_notes) notes += n + "\n";
  INFO(notes);
  CHECK(notes.find("a.c: parsed with 1 error; evidence kept (first: ") != std::string::npos);
  CHECK(notes.find("a.c: 3 #if blocks not read: skipped on a macro nothing defined after a missing include, "
                   "which may define it (first: a.c:6)\n") != std::string::npos);
  CHECK(notes.find("b.c") == std::string::npos);  // every include found: undefined is undefined
}
