// Positive and negative cases for the gpu detectors in a .cu file, without the CUDA SDK.
#include <cuda_runtime.h>
#include <cublas_v2.h>

__global__ void scale(float* x, float a, int n) {   // match
  __shared__ float tile[256];                        // match
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) x[i] *= a;
  (void)tile;
}

void run(float* host, int n) {
  float* dev = nullptr;
  cudaMalloc(&dev, n * sizeof(float));               // match
  cublasHandle_t h;                                  // match
  cublasCreate(&h);                                  // match
  // cudaFree(dev) in a comment
  const char* doc = "cudaMemcpy copies memory";      // no: a string
  int cuda_devices = 0;                              // no: not a CUDA API name
  (void)doc;
  (void)cuda_devices;
#if 0
  cudaDeviceSynchronize();
#endif
}
