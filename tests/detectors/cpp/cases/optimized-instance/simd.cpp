// Positive and negative cases for the optimized-instance detectors.
#include <immintrin.h>
#include <rte_eal.h>  // missing here: still evidence

float sum16(const float* x) {
  __m512 v = _mm512_loadu_ps(x);                     // match (type and intrinsic)
  return _mm512_reduce_add_ps(v);                    // match
}

float sum8(const float* x) {
  __m256 v = _mm256_loadu_ps(x);                     // no: AVX2 runs anywhere
  (void)v;
  // _mm512_setzero_ps() in a comment
  const char* s = "_mm512_add_ps";                   // no: a string
  (void)s;
  return 0;
}

int init(int argc, char** argv) {
  return rte_eal_init(argc, argv);                   // match
}
