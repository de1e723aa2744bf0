// Positive and negative cases for the optimized-instance detectors.
// lambdafit-expect-not(cpp-dpdk-rdma-include)
#include <immintrin.h>
// lambdafit-expect(cpp-dpdk-rdma-include)
#include <rte_eal.h>  // missing here: still evidence

float sum16(const float* x) {
  __m512 v = _mm512_loadu_ps(x);                     // lambdafit-expect(cpp-avx512) (type and intrinsic)
  return _mm512_reduce_add_ps(v);                    // lambdafit-expect(cpp-avx512)
}

float sum8(const float* x) {
  __m256 v = _mm256_loadu_ps(x);                     // lambdafit-expect-not(cpp-avx512): AVX2 runs anywhere
  (void)v;
  // _mm512_setzero_ps() in a comment
  const char* s = "_mm512_add_ps";                   // lambdafit-expect-not(cpp-avx512): a string
  (void)s;
  // lambdafit-expect-not(cpp-avx512)
  return 0;
}

// lambdafit-expect-not(cpp-dpdk-rdma-call)
int init(int argc, char** argv) {
  return rte_eal_init(argc, argv);                   // lambdafit-expect(cpp-dpdk-rdma-call)
}
