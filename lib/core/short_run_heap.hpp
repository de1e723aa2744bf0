// A heap policy for short runs of the command-line tool (a pre-commit lint is over in tens of
// milliseconds). On the machines lambdafit is measured on, a first touch of a fresh page costs
// ~10 µs, and a lint touched ~2,500 of them: glibc gives blocks of 128 KiB or more their own
// mmap and hands freed memory at the top of the heap back, so the rule pack's YAML trees and
// tree-sitter's 4 MB query-analysis table are faulted in page by page, freed, and faulted in
// again. tune_heap_for_short_run() keeps big blocks in the heap, keeps freed memory for reuse,
// grows the heap in one step and asks for transparent huge pages on that step: a lint now
// takes ~900 faults instead of ~2,500.
//
// Process-wide (mallopt, madvise): the CLI calls it first thing; a program embedding the
// library decides its own heap policy and should not.
#pragma once

#include <cstddef>

namespace lambdafit {

struct HeapTuning {
  bool options_set = false;       ///< mallopt accepted every setting
  std::size_t advised_bytes = 0;  ///< heap bytes given MADV_HUGEPAGE (0: none, or refused)
};

HeapTuning tune_heap_for_short_run();

}  // namespace lambdafit
