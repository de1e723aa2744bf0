#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <string>

#include <unistd.h>

#include "core/short_run_heap.hpp"

#if defined(__SANITIZE_ADDRESS__)
#define LAMBDAFIT_OWN_ALLOCATOR 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LAMBDAFIT_OWN_ALLOCATOR 1
#endif
#endif

using namespace lambdafit;

namespace {

// "always [madvise] never": the bracketed word is the kernel's setting.
bool huge_pages_possible() {
  std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return s.find("[always]") != std::string::npos || s.find("[madvise]") != std::string::npos;
}

}  // namespace

// Process-wide, like in the CLI; later tests in this process simply run with the policy on.
TEST_CASE("short-run heap: big blocks come from the heap and freed memory is kept", "[core]") {
  const HeapTuning t = tune_heap_for_short_run();
#ifdef LAMBDAFIT_OWN_ALLOCATOR
  // The sanitizer's allocator ignores mallopt; nothing here applies to it.
  CHECK_FALSE(t.options_set);
#else
  REQUIRE(t.options_set);
  if (huge_pages_possible()) CHECK(t.advised_bytes >= (std::size_t{2} << 20));
  // A 4 MB block (tree-sitter's query analysis table is one) is carved from the heap, below
  // its top, instead of getting an mmap of its own far above it...
  void* volatile block = std::malloc(std::size_t{4} << 20);
  REQUIRE(block != nullptr);
  auto* top = static_cast<char*>(sbrk(0));
  CHECK(static_cast<char*>(block) < top);
  // ...and freeing it gives nothing back to the kernel, so the next one is not faulted in again.
  std::free(block);
  CHECK(static_cast<char*>(sbrk(0)) == top);
#endif
}
