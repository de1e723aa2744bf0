#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>

#include "scanning/engine/file_cache.hpp"
#include "scanning/scan.hpp"
#include "support/temp_tree.hpp"

namespace fs = std::filesystem;
using lambdafit::DetectorSpec;
using lambdafit::Evidence;
using lambdafit::ScanInput;
using lambdafit::WorkloadFile;
using lambdafit::engine::FileCache;
using lambdafit::engine::FileOutcome;

namespace {

// A workload of files written an hour ago (older than the cache's two-second guard), a rule
// file for the detectors, and a cache directory.
struct Workload {
  lambdafit::testing::TempTree tmp;
  ScanInput in;
  DetectorSpec a, b;

  Workload() {
    in.root = tmp.path("work");
    in.cache_dir = tmp.path("cache");
    const auto rules = tmp.write("rules/r.yaml", "detectors: []\n");
    a.id = "det-a";
    a.fact = "fact.a";
    a.message = "message a";
    a.at.file = rules;
    b = a;
    b.id = "det-b";
    b.fact = "fact.b";
    b.message = "message b";
  }
  void file(const std::string& rel, const std::string& text, bool old = true) {
    const auto p = tmp.write("work/" + rel, text);
    if (old) fs::last_write_time(p, fs::file_time_type::clock::now() - std::chrono::hours(1));
    for (auto& f : in.files)
      if (f.path == rel) {
        f.size = text.size();
        return;
      }
    in.files.push_back(WorkloadFile{rel, p, text.size()});
  }
  std::vector<const DetectorSpec*> detectors() const { return {&a, &b}; }
};

FileOutcome outcome(const std::string& path) {
  FileOutcome o;
  Evidence e;
  e.path = path;
  e.line = 2;
  e.column = 5;
  e.snippet = "  subprocess.run(['useradd', name])";
  e.detector = "det-b";
  e.fact = "fact.b";
  e.message = "message b";
  o.evidence.push_back(e);
  o.note = path + ": parse has a syntax error";
  o.reason = "syntax errors";
  o.code = 3;
  return o;
}

// One run: looks every file up, stores `make(path)` for the misses, saves; returns the hits.
std::vector<bool> run(const Workload& w, std::vector<const DetectorSpec*> ds,
                      const std::function<FileOutcome(const std::string&)>& make = outcome) {
  FileCache c(w.in, "text", std::move(ds));
  REQUIRE(c.enabled());
  std::vector<bool> hits;
  for (std::size_t i = 0; i < w.in.files.size(); ++i) {
    auto hit = c.lookup(i);
    hits.push_back(hit.has_value());
    if (!hit) c.store(i, make(w.in.files[i].path));
  }
  c.save();
  CHECK(c.hits() == static_cast<std::size_t>(std::count(hits.begin(), hits.end(), true)));
  return hits;
}

}  // namespace

TEST_CASE("file cache: an unchanged file's outcome comes back whole", "[engine][cache]") {
  Workload w;
  w.file("app.py", "import subprocess\n  subprocess.run(['useradd', name])\n");
  CHECK(run(w, w.detectors()) == std::vector<bool>{false});

  FileCache c(w.in, "text", w.detectors());
  auto hit = c.lookup(0);
  REQUIRE(hit);
  const auto want = outcome("app.py");
  CHECK(hit->note == want.note);
  CHECK(hit->reason == want.reason);
  CHECK(hit->code == 3);
  REQUIRE(hit->evidence.size() == 1);
  const Evidence& e = hit->evidence[0];
  CHECK(e.path == "app.py");
  CHECK(e.line == 2);
  CHECK(e.column == 5);
  CHECK(e.snippet == want.evidence[0].snippet);
  CHECK(e.detector == "det-b");
  CHECK(e.fact == "fact.b");  // rebuilt from the detector, not stored
  CHECK(e.message == "message b");
}

TEST_CASE("file cache: a changed file is scanned again", "[engine][cache]") {
  Workload w;
  w.file("a.sh", "ulimit -n 4096\n");
  w.file("b.sh", "echo hi\n");
  run(w, w.detectors());

  SECTION("new text of another size") {
    w.file("a.sh", "ulimit -n 65536\n");
    CHECK(run(w, w.detectors()) == std::vector<bool>{false, true});
  }
  SECTION("new times, same text: the content key decides, and the entry is refreshed") {
    fs::last_write_time(w.in.files[0].absolute, fs::file_time_type::clock::now() - std::chrono::hours(2));
    CHECK(run(w, w.detectors()) == std::vector<bool>{true, true});
    CHECK(run(w, w.detectors()) == std::vector<bool>{true, true});
  }
  SECTION("new text of the same size under old times") {
    w.file("a.sh", "ulimit -n 9999\n");
    CHECK(run(w, w.detectors()) == std::vector<bool>{false, true});
  }
  SECTION("a file that is gone has no outcome") {
    fs::remove(w.in.files[1].absolute);
    FileCache c(w.in, "text", w.detectors());
    CHECK_FALSE(c.lookup(1));
  }
}

TEST_CASE("file cache: a file written just before the run is not kept", "[engine][cache]") {
  // A write right after the scan read it could keep the same times on a coarse clock.
  Workload w;
  w.file("fresh.py", "import os\n", /*old=*/false);
  w.file("old.py", "import os\n");
  run(w, w.detectors());
  CHECK(run(w, w.detectors()) == std::vector<bool>{false, true});
}

TEST_CASE("file cache: another rule set, workload or build dir keeps its own store", "[engine][cache]") {
  Workload w;
  w.file("a.py", "x = 1\n");
  run(w, w.detectors());
  CHECK(run(w, {&w.a}) == std::vector<bool>{false});           // fewer detectors
  CHECK(run(w, {&w.b, &w.a}) == std::vector<bool>{false});     // another order: other indices
  w.tmp.write("rules/r.yaml", "detectors: [changed]\n");       // a rule file changed
  CHECK(run(w, w.detectors()) == std::vector<bool>{false});
  CHECK(run(w, w.detectors()) == std::vector<bool>{true});
}

TEST_CASE("file cache: detectors of a loaded pack name their rule file by the key it was loaded with",
          "[engine][cache]") {
  Workload w;
  w.a.rules_key = w.b.rules_key = "key-1";  // as the loader sets them
  const std::string salt = lambdafit::engine::detectors_salt("text", w.detectors());
  REQUIRE_FALSE(salt.empty());
  // The file on disk is not read again: changing or removing it does not change the salt…
  fs::remove(w.a.at.file);
  CHECK(lambdafit::engine::detectors_salt("text", w.detectors()) == salt);
  // …the key it was loaded with does, and so does a detector whose file must be read and cannot.
  w.a.rules_key = w.b.rules_key = "key-2";
  CHECK(lambdafit::engine::detectors_salt("text", w.detectors()) != salt);
  w.b.rules_key.clear();
  CHECK(lambdafit::engine::detectors_salt("text", w.detectors()).empty());
}

TEST_CASE("file cache: entries of files a run did not look at stay while unchanged", "[engine][cache]") {
  Workload w;
  w.file("a.py", "a = 1\n");
  w.file("b.py", "b = 1\n");
  run(w, w.detectors());
  const auto all = w.in.files;
  w.in.files = {all[0]};  // lint of one file
  CHECK(run(w, w.detectors()) == std::vector<bool>{true});
  w.in.files = {all[1]};
  CHECK(run(w, w.detectors()) == std::vector<bool>{true});
}

TEST_CASE("file cache: what it cannot rebuild is not kept", "[engine][cache]") {
  Workload w;
  w.file("Dockerfile", "FROM debian\n");
  auto stated = [](const std::string& path) {
    auto o = outcome(path);
    o.evidence[0].value = std::string("debian");  // a stated value is not part of an entry
    return o;
  };
  run(w, w.detectors(), stated);
  CHECK(run(w, w.detectors()) == std::vector<bool>{false});
  auto unknown = [](const std::string& path) {
    auto o = outcome(path);
    o.evidence[0].detector = "not-in-this-run";
    return o;
  };
  Workload v;
  v.file("x.sh", "echo\n");
  run(v, v.detectors(), unknown);
  CHECK(run(v, v.detectors()) == std::vector<bool>{false});
}

TEST_CASE("file cache: a damaged store is ignored and written again", "[engine][cache]") {
  Workload w;
  w.file("a.py", "a = 1\n");
  run(w, w.detectors());
  std::size_t damaged = 0;
  for (const auto& e : fs::recursive_directory_iterator(w.in.cache_dir)) {
    if (!e.is_regular_file()) continue;
    const auto size = e.file_size();
    fs::resize_file(e.path(), size - 7);  // cut inside the last entry
    ++damaged;
  }
  REQUIRE(damaged == 1);
  CHECK(run(w, w.detectors()) == std::vector<bool>{false});
  CHECK(run(w, w.detectors()) == std::vector<bool>{true});
}

TEST_CASE("file cache: off without a cache directory and for a mirror of the index", "[engine][cache]") {
  Workload w;
  w.file("a.py", "a = 1\n");
  ScanInput none = w.in;
  none.cache_dir.clear();
  CHECK_FALSE(FileCache(none, "text", w.detectors()).enabled());
  ScanInput staged = w.in;
  staged.mirror_of = w.tmp.path("elsewhere");
  CHECK_FALSE(FileCache(staged, "text", w.detectors()).enabled());
}

TEST_CASE("file cache: the folder is trimmed when a store grows, not on every rewrite", "[engine][cache]") {
  Workload w;
  w.file("app.py", "import subprocess\n  subprocess.run(['useradd', name])\n");
  const fs::path folder = fs::path(w.in.cache_dir) / "files-1";
  // Another workload's store, least recently used, larger than the bound given below.
  auto other = [&] {
    const auto p = w.tmp.write("cache/files-1/other", std::string(4000, 'x'));
    fs::last_write_time(p, fs::file_time_type::clock::now() - std::chrono::hours(2));
    return fs::path(p);
  };
  auto save = [&](std::size_t expect_hits) {
    FileCache c(w.in, "text", w.detectors());
    REQUIRE(c.enabled());
    std::size_t hits = 0;
    for (std::size_t i = 0; i < w.in.files.size(); ++i) {
      if (c.lookup(i)) ++hits;
      else c.store(i, outcome(w.in.files[i].path));
    }
    CHECK(hits == expect_hits);
    c.save(/*max_bytes=*/1000);
  };
  const auto first = other();
  save(0);  // a new store: the folder is over its bound, the oldest entry goes
  CHECK_FALSE(fs::exists(first));

  const auto second = other();
  // The same text under new times: the store is rewritten at the same size, nothing listed.
  fs::last_write_time(w.in.files[0].absolute, fs::file_time_type::clock::now() - std::chrono::minutes(30));
  save(1);
  CHECK(fs::exists(second));

  w.file("job.py", "import os\nos.setuid(0)\n");  // the store grows: trimmed again
  save(1);
  CHECK_FALSE(fs::exists(second));
  CHECK(std::distance(fs::directory_iterator(folder), fs::directory_iterator()) == 1);
}
