// Renders frames of an animation on the GPU and writes them as PPM files.
#include <cuda_runtime.h>

#include <cstdio>
#include <vector>

#include "scene.h"

void launch_shade(const Sphere* spheres, int count, float3* out, int width, int height);

int main(int argc, char** argv) {
  const int width = 3840, height = 2160, frames = argc > 1 ? std::atoi(argv[1]) : 240;
  std::vector<Sphere> scene(64);
  Sphere* device_scene = nullptr;
  float3* device_image = nullptr;
  cudaMalloc(&device_scene, scene.size() * sizeof(Sphere));
  cudaMalloc(&device_image, sizeof(float3) * width * height);
  std::vector<float3> image(static_cast<size_t>(width) * height);
  for (int f = 0; f < frames; ++f) {
    cudaMemcpy(device_scene, scene.data(), scene.size() * sizeof(Sphere), cudaMemcpyHostToDevice);
    launch_shade(device_scene, static_cast<int>(scene.size()), device_image, width, height);
    cudaMemcpy(image.data(), device_image, sizeof(float3) * image.size(), cudaMemcpyDeviceToHost);
    char name[64];
    std::snprintf(name, sizeof name, "frame-%04d.ppm", f);
    if (FILE* out = std::fopen(name, "wb")) {
      std::fprintf(out, "P6 %d %d 255\n", width, height);
      std::fclose(out);
    }
  }
  cudaFree(device_image);
  cudaFree(device_scene);
  return 0;
}
