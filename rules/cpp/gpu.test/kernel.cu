// Positive and negative cases for the gpu detectors in a .cu file, without the CUDA SDK.
// lambdafit-expect(cpp-gpu-include)
#include <cuda_runtime.h>
// lambdafit-expect(cpp-gpu-include)
#include <cublas_v2.h>

__global__ void scale(float* x, float a, int n) {   // lambdafit-expect(cpp-cuda-kernel)
  __shared__ float tile[256];                        // lambdafit-expect(cpp-cuda-kernel)
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) x[i] *= a;
  (void)tile;
}

// lambdafit-expect-not(cpp-cuda-api, cpp-cuda-kernel)
void run(float* host, int n) {
  // lambdafit-expect-not(cpp-opencl-vulkan-compute)
  float* dev = nullptr;
  cudaMalloc(&dev, n * sizeof(float));               // lambdafit-expect(cpp-cuda-api)
  cublasHandle_t h;                                  // lambdafit-expect(cpp-cuda-api)
  cublasCreate(&h);                                  // lambdafit-expect(cpp-cuda-api)
  // cudaFree(dev) in a comment
  const char* doc = "cudaMemcpy copies memory";      // lambdafit-expect-not(cpp-cuda-api): a string
  int cuda_devices = 0;                              // lambdafit-expect-not(cpp-cuda-api): not a CUDA API name
  (void)doc;
  (void)cuda_devices;
#if 0
  cudaDeviceSynchronize();
#endif
}
