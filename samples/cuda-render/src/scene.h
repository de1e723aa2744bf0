#pragma once

struct Sphere {
  float x, y, z, radius;
  float r, g, b;
};

#ifdef __CUDACC__
__device__ inline float3 accumulate(float3 c, const Sphere& s, int x, int y) {
  const float dx = x - s.x, dy = y - s.y;
  if (dx * dx + dy * dy < s.radius * s.radius) return make_float3(c.x + s.r, c.y + s.g, c.z + s.b);
  return c;
}
#endif
