// A lambdafit-worker that misbehaves on purpose, for the isolation tests only (never built
// into the library or installed). LAMBDAFIT_TEST_FAULT=KIND:NAME[,KIND:NAME…] makes the unit
// whose path contains NAME crash (abort), hang (sleep forever), spin (burn CPU) or overflow
// its stack (endless recursion).
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <string_view>

#include "scanning/clang/worker_main.hpp"

namespace {

[[gnu::noinline]] int recurse(volatile int depth) {
  volatile char pad[4096];
  pad[0] = static_cast<char>(depth);
  return recurse(depth + 1) + pad[0];
}

void fault(const lambdafit::cpp::TuJob& job) {
  const char* spec = std::getenv("LAMBDAFIT_TEST_FAULT");
  if (!spec) return;
  std::string_view rest(spec);
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string_view one = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    const auto colon = one.find(':');
    if (colon == std::string_view::npos || job.display.find(one.substr(colon + 1)) == std::string::npos)
      continue;
    const std::string_view kind = one.substr(0, colon);
    if (kind == "crash") std::abort();
    if (kind == "hang")
      for (;;) ::pause();
    if (kind == "spin")
      for (volatile unsigned long i = 0;; i = i + 1) {
      }
    if (kind == "stack") std::exit(recurse(0));
  }
}

}  // namespace

int main(int argc, char** argv) {
  lambdafit::cpp::worker::Hooks hooks;
  hooks.before_unit = fault;
  return lambdafit::cpp::worker::serve(argc, argv, &hooks);
}
