// lambdafit: parse the command line, call the library, print `lambdafit: error: …`.
#include <cstdlib>
#include <string>

#include "cli.hpp"
#include "core/known_good.hpp"
#include "core/short_run_heap.hpp"

namespace {

// $XDG_CACHE_HOME/lambdafit or ~/.cache/lambdafit; none with LAMBDAFIT_NO_CACHE=1.
std::string cache_dir() {
  if (const char* off = std::getenv("LAMBDAFIT_NO_CACHE"); off && std::string(off) == "1") return {};
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && x[0] == '/') return std::string(x) + "/lambdafit";
  if (const char* h = std::getenv("HOME"); h && h[0] == '/') return std::string(h) + "/.cache/lambdafit";
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  // Most runs are short (a pre-commit lint): fewer, larger page faults (core/short_run_heap.hpp).
  lambdafit::tune_heap_for_short_run();
  // Rule texts a costly check accepted (Clang matchers, which this binary without Clang has a
  // worker check; tree-sitter queries) are remembered there, so the next load skips the check.
  lambdafit::set_cache_dir(cache_dir());
  return lambdafit::cli::run(argc, argv);
}
