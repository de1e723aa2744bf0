// Path-tracing kernel: one thread per pixel.
#include <cuda_runtime.h>

#include "scene.h"

__global__ void shade(const Sphere* spheres, int count, float3* out, int width, int height) {
  const int x = blockIdx.x * blockDim.x + threadIdx.x;
  const int y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x >= width || y >= height) return;
  float3 color = make_float3(0.f, 0.f, 0.f);
  for (int i = 0; i < count; ++i) color = accumulate(color, spheres[i], x, y);
  out[y * width + x] = color;
}

void launch_shade(const Sphere* spheres, int count, float3* out, int width, int height) {
  dim3 block(16, 16);
  dim3 grid((width + 15) / 16, (height + 15) / 16);
  shade<<<grid, block>>>(spheres, count, out, width, height);
}
