#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "scanning/clang/tu_cache.hpp"
#include "support/temp_tree.hpp"

namespace fs = std::filesystem;
using lambdafit::cpp::TuCache;
using lambdafit::cpp::TuJob;
using lambdafit::cpp::TuResult;
using Clock = std::chrono::system_clock;

namespace {

void set_mtime(const std::string& p, Clock::time_point t) {
  fs::last_write_time(p, fs::file_time_type::clock::now() + (t - Clock::now()));
}

std::size_t entries(const std::string& dir) {
  std::size_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) ++n;
  return n;
}

}  // namespace

TEST_CASE("tu cache: a result is reused while every input it read holds", "[clang][cache]") {
  lambdafit::testing::TempTree tmp;
  const std::string work = tmp.path("work"), cache_dir = tmp.path("cache");
  const auto main = tmp.write("work/a.cpp", "#include \"inc/h.h\"\n");
  const auto header = tmp.write("work/inc/h.h", "int f();\n");
  const auto system = tmp.write("sys/s.h", "#define S 1\n");  // outside the workload
  const std::string absent = work + "/inc/absent.h";
  const auto past = Clock::now() - std::chrono::hours(1);
  for (const auto& p : {main, header, system}) set_mtime(p, past);

  TuJob job{main, "a.cpp", work, {"clang++", "-Iinc", main}, {work}};
  TuResult r;
  r.outcome = lambdafit::TuOutcome::errors;
  lambdafit::Evidence e;
  e.path = "a.cpp";
  e.line = 1;
  e.column = 1;
  e.detector = "cpp-x";
  e.fact = "f.x";
  e.snippet = "#include \"inc/h.h\"";
  r.evidence.push_back(e);
  r.notes.push_back("a.cpp: parsed with 1 error");
  r.inputs = {main, header, system};
  r.missing = {absent};

  TuCache cache(cache_dir, "salt", work);
  REQUIRE(cache.enabled());
  CHECK_FALSE(cache.lookup(job));
  cache.store(job, r, Clock::now());
  REQUIRE(cache.stored() == 1);

  auto hit = cache.lookup(job);
  REQUIRE(hit);
  CHECK(hit->outcome == lambdafit::TuOutcome::errors);
  REQUIRE(hit->evidence.size() == 1);
  CHECK(hit->evidence[0].snippet == e.snippet);
  CHECK(hit->notes == r.notes);
  CHECK(hit->inputs.empty());

  SECTION("a workload file with new times but the same text still holds") {
    set_mtime(header, Clock::now() - std::chrono::minutes(1));
    CHECK(cache.lookup(job));
  }
  SECTION("a workload file with new text does not; the old text again does") {
    tmp.write("work/inc/h.h", "int g();\n");
    CHECK_FALSE(cache.lookup(job));
    tmp.write("work/inc/h.h", "int f();\n");
    CHECK(cache.lookup(job));
  }
  SECTION("a header that appears where the parse found none") {
    tmp.write("work/inc/absent.h", "\n");
    CHECK_FALSE(cache.lookup(job));
    fs::remove(absent);
    CHECK(cache.lookup(job));
  }
  SECTION("a system header with another size or time") {
    set_mtime(system, Clock::now() - std::chrono::minutes(1));
    CHECK_FALSE(cache.lookup(job));
  }
  SECTION("a deleted input") {
    fs::remove(header);
    CHECK_FALSE(cache.lookup(job));
  }
  SECTION("another command, salt or readable set is another entry") {
    TuJob other = job;
    other.command.push_back("-DX");
    CHECK_FALSE(cache.lookup(other));
    other = job;
    other.readable.push_back("/usr");
    CHECK_FALSE(cache.lookup(other));
    TuCache salted(cache_dir, "other salt", work);
    CHECK_FALSE(salted.lookup(job));
  }
  SECTION("a damaged entry is a miss, never a crash") {
    for (const auto& f : fs::recursive_directory_iterator(cache_dir))
      if (f.is_regular_file()) {
        const auto size = f.file_size();
        fs::resize_file(f.path(), size / 2);
        CHECK_FALSE(cache.lookup(job));
        std::ofstream(f.path(), std::ios::binary) << "lambdafit tu cache 1\n\xff\xff\xff\xff";
        CHECK_FALSE(cache.lookup(job));
      }
  }
  SECTION("trimming removes least recently used entries down to the bound") {
    TuJob second = job;
    second.command.push_back("-DSECOND");
    cache.store(second, r, Clock::now());
    REQUIRE(entries(cache_dir) == 2);
    cache.trim(1);
    CHECK(entries(cache_dir) == 0);
  }
}

TEST_CASE("tu cache: what is not kept", "[clang][cache]") {
  lambdafit::testing::TempTree tmp;
  const std::string work = tmp.path("work"), cache_dir = tmp.path("cache");
  const auto main = tmp.write("work/a.cpp", "int x;\n");
  TuJob job{main, "a.cpp", work, {"clang++", main}, {work}};
  TuResult r;
  r.outcome = lambdafit::TuOutcome::ok;

  TuCache cache(cache_dir, "salt", work);
  SECTION("a parse that recorded no inputs (no read guard)") {
    cache.store(job, r, Clock::now());
    CHECK(cache.stored() == 0);
  }
  SECTION("an input changed after the parse started") {
    r.inputs = {main};
    cache.store(job, r, Clock::now() - std::chrono::hours(1));
    CHECK(cache.stored() == 0);
    CHECK_FALSE(cache.lookup(job));
  }
  SECTION("no cache directory: off") {
    TuCache off("", "salt", work);
    CHECK_FALSE(off.enabled());
    r.inputs = {main};
    off.store(job, r, Clock::now());
    CHECK_FALSE(off.lookup(job));
  }
}
