// OpenCL host code; the headers are not installed here.
// lambdafit-expect(cpp-gpu-include)
#include <CL/cl.h>
// lambdafit-expect-not(cpp-gpu-include)
// #include <cuda_runtime.h> in a comment

int devices() {
  cl_uint n = 0;
  clGetPlatformIDs(0, nullptr, &n);                  // lambdafit-expect(cpp-opencl-vulkan-compute)
  int clGetPlatformIDsCount = 0;                     // lambdafit-expect-not(cpp-opencl-vulkan-compute): another name
  return clGetPlatformIDsCount;
}
