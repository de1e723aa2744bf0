#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cerrno>
#include <chrono>

#include "core/subprocess.hpp"

using namespace lambdafit;
using namespace std::chrono_literals;

namespace {

// No child of this process is left unreaped.
bool no_children_left() {
  int status = 0;
  return ::waitpid(-1, &status, WNOHANG) < 0 && errno == ECHILD;
}

}  // namespace

TEST_CASE("subprocess: argv entries reach the program unchanged, no shell involved", "[subprocess]") {
  const std::string tricky = "a b'c\"$(touch /tmp/never);`x` *";
  auto r = subprocess::run({"printf", "%s|%s", tricky, "--"});
  CHECK(r.status == 0);
  CHECK(r.out == tricky + "|--");
  CHECK(no_children_left());
}

TEST_CASE("subprocess: exit codes, stderr and a missing program", "[subprocess]") {
  auto r = subprocess::run({"sh", "-c", "echo oops >&2; exit 3"});
  CHECK(r.status == 3);
  CHECK(r.err == "oops\n");
  auto missing = subprocess::run({"lambdafit-no-such-program-xyz"});
  CHECK(missing.status == -1);
  CHECK_THAT(missing.error, Catch::Contains("cannot run lambdafit-no-such-program-xyz"));
  CHECK(no_children_left());
}

TEST_CASE("subprocess: a child over its time limit is killed and reaped", "[subprocess]") {
  const auto start = std::chrono::steady_clock::now();
  auto r = subprocess::run({"sleep", "30"}, {}, 200ms);
  CHECK(r.timed_out);
  CHECK(r.status == -1);
  CHECK(std::chrono::steady_clock::now() - start < 5s);
  CHECK(no_children_left());
}

TEST_CASE("subprocess: the working directory and output cap apply", "[subprocess]") {
  auto r = subprocess::run({"pwd"}, "/");
  CHECK(r.out == "/\n");
  auto capped = subprocess::run({"sh", "-c", "yes | head -c 100000"}, {}, 10s, 1000);
  CHECK(capped.status == 0);
  CHECK(capped.out.size() == 1000);
}
