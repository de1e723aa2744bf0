#include "core/safe_file.hpp"

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <catch2/catch.hpp>

namespace fs = std::filesystem;
using namespace lambdafit;

namespace {

struct Scratch {
  fs::path dir;
  Scratch() {
    std::string t = (fs::temp_directory_path() / "lambdafit-safe-XXXXXX").string();
    REQUIRE(::mkdtemp(t.data()) != nullptr);
    dir = t;
  }
  ~Scratch() {
    std::error_code ec;
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(dir, ec);
  }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

std::size_t entries(const fs::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

}  // namespace

TEST_CASE("safe output does not follow a planted temporary-file symlink", "[core][safe_file]") {
  Scratch s;
  const auto victim = s.dir / "victim";
  std::ofstream(victim) << "precious";
  // The old writer used FILE.tmp: a link planted there redirected the write.
  fs::create_symlink(victim, s.dir / "r.json.tmp");
  std::string err;
  REQUIRE(write_file_safely(s.dir / "r.json", "report", err));
  CHECK(slurp(victim) == "precious");
  CHECK(slurp(s.dir / "r.json") == "report");
  CHECK(entries(s.dir) == 3);  // victim, the planted link, the report: no leftovers
}

TEST_CASE("safe output keeps the mode of a replaced file and refuses a read-only one", "[core][safe_file]") {
  Scratch s;
  const auto f = s.dir / "lambdafit.yaml";
  std::ofstream(f) << "old";
  fs::permissions(f, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  std::string err;
  REQUIRE(write_file_safely(f, "new", err));
  CHECK(slurp(f) == "new");
  CHECK((fs::status(f).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));

  fs::permissions(f, fs::perms::owner_read | fs::perms::group_read);
  CHECK_FALSE(write_file_safely(f, "newer", err));
  CHECK(err.find("read-only") != std::string::npos);
  CHECK(slurp(f) == "new");
}

TEST_CASE("safe output keeps the owner of a replaced file when run as root", "[core][safe_file]") {
  if (::geteuid() != 0) return;  // needs root to own a file as another user
  Scratch s;
  const auto f = s.dir / "lambdafit.yaml";
  std::ofstream(f) << "old";
  REQUIRE(::chown(f.c_str(), 1234, 1234) == 0);
  std::string err;
  REQUIRE(write_file_safely(f, "new", err));
  struct stat st {};
  REQUIRE(::stat(f.c_str(), &st) == 0);
  CHECK(st.st_uid == 1234u);
  CHECK(st.st_gid == 1234u);
}

TEST_CASE("safe output writes through a symlink to its target or refuses a dangling one", "[core][safe_file]") {
  Scratch s;
  fs::create_directory(s.dir / "real");
  std::ofstream(s.dir / "real" / "lambdafit.yaml") << "old";
  fs::create_symlink("real/lambdafit.yaml", s.dir / "lambdafit.yaml");
  std::string err;
  REQUIRE(write_file_safely(s.dir / "lambdafit.yaml", "new", err));
  CHECK(fs::is_symlink(s.dir / "lambdafit.yaml"));
  CHECK(slurp(s.dir / "real" / "lambdafit.yaml") == "new");

  fs::create_symlink("missing.yaml", s.dir / "dangling.yaml");
  CHECK_FALSE(write_file_safely(s.dir / "dangling.yaml", "x", err));
  CHECK(err.find("symlink to a missing file") != std::string::npos);
  CHECK_FALSE(fs::exists(s.dir / "missing.yaml"));
}

TEST_CASE("safe output gives the reason when the disk is full", "[core][safe_file]") {
  if (!fs::exists("/dev/full")) return;
  std::string err;
  CHECK_FALSE(write_file_safely("/dev/full", "report", err));
  CHECK(err.find("No space left on device") != std::string::npos);
}

TEST_CASE("a kill during a safe write leaves no temporary file behind", "[core][safe_file]") {
  Scratch s;
  const std::string big(256u << 20, 'x');
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    std::string err;
    write_file_safely(s.dir / "lambdafit.yaml", big, err);
    ::_exit(0);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  // Either the whole file arrived or nothing did; no hidden temporary remains.
  for (const auto& e : fs::directory_iterator(s.dir)) {
    CHECK(e.path().filename() == "lambdafit.yaml");
    CHECK(fs::file_size(e.path()) == big.size());
  }
}

TEST_CASE("safe input reads regular files only, inside the workload, capped", "[core][safe_file]") {
  Scratch s;
  std::string err;
  std::ofstream(s.dir / "ok.yaml") << "a: 1\n";
  CHECK(read_regular_file(s.dir / "ok.yaml", {s.dir}, err).value_or("") == "a: 1\n");

  SECTION("a FIFO does not block") {
    REQUIRE(::mkfifo((s.dir / "fifo").c_str(), 0600) == 0);
    CHECK_FALSE(read_regular_file(s.dir / "fifo", {}, err));
    CHECK(err.find("not a regular file") != std::string::npos);
  }
  SECTION("a link to a device is refused") {
    fs::create_symlink("/dev/zero", s.dir / "zero.yaml");
    CHECK_FALSE(read_regular_file(s.dir / "zero.yaml", {}, err));
    CHECK(err.find("not a regular file") != std::string::npos);
  }
  SECTION("a /proc entry is refused") {
    CHECK_FALSE(read_regular_file("/proc/self/status", {}, err));
    CHECK(err.find("/proc") != std::string::npos);
  }
  SECTION("a path leaving the workload is refused, also through a link") {
    fs::create_directory(s.dir / "w");
    CHECK_FALSE(read_regular_file(s.dir / "ok.yaml", {s.dir / "w"}, err));
    CHECK(err.find("outside the workload") != std::string::npos);
    fs::create_symlink(s.dir / "ok.yaml", s.dir / "w" / "link.yaml");
    CHECK_FALSE(read_regular_file(s.dir / "w" / "link.yaml", {s.dir / "w"}, err));
    CHECK(err.find("outside the workload") != std::string::npos);
  }
  SECTION("a file over the cap is refused with its size") {
    std::ofstream(s.dir / "big.yaml") << std::string(2000, 'a');
    CHECK_FALSE(read_regular_file(s.dir / "big.yaml", {{}, 1000}, err));
    CHECK(err.find("over the") != std::string::npos);
  }
}
