#include "core/short_run_heap.hpp"

#include <cstdint>
#include <cstdlib>

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

namespace lambdafit {

namespace {

constexpr std::size_t kMiB = std::size_t{1} << 20;
constexpr std::size_t kHugePage = 2 * kMiB;
// Enough for a lint's peak (~20 MB resident) with room; address space only until touched.
constexpr std::size_t kHeapStep = 48 * kMiB;

}  // namespace

HeapTuning tune_heap_for_short_run() {
  HeapTuning t;
  t.options_set = mallopt(M_MMAP_THRESHOLD, static_cast<int>(16 * kMiB)) == 1 &&
                  mallopt(M_TRIM_THRESHOLD, static_cast<int>(128 * kMiB)) == 1 &&
                  mallopt(M_TOP_PAD, static_cast<int>(kHeapStep)) == 1;
  if (!t.options_set) return t;
  // One allocation past the heap's top makes glibc extend it by the pad at once; the extension
  // is one mapping that madvise can mark (a later extension would be a new, unmarked one).
  auto* before = static_cast<char*>(sbrk(0));
  // volatile: a malloc whose block is never used may be optimised away, free and all.
  void* volatile probe = std::malloc(kMiB);
  auto* after = static_cast<char*>(sbrk(0));
  std::free(probe);
  if (before == reinterpret_cast<char*>(-1) || after == reinterpret_cast<char*>(-1)) return t;
  const auto start = (reinterpret_cast<std::uintptr_t>(before) + kHugePage - 1) & ~(kHugePage - 1);
  const auto end = reinterpret_cast<std::uintptr_t>(after) & ~(kHugePage - 1);
  if (end <= start) return t;
  // Refused where the kernel has no transparent huge pages: then only the mallopt part helps.
  if (madvise(reinterpret_cast<void*>(start), end - start, MADV_HUGEPAGE) == 0) t.advised_bytes = end - start;
  return t;
}

}  // namespace lambdafit
