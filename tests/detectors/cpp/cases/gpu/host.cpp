// OpenCL host code; the headers are not installed here.
#include <CL/cl.h>

int devices() {
  cl_uint n = 0;
  clGetPlatformIDs(0, nullptr, &n);                  // match
  int clGetPlatformIDsCount = 0;                     // no: another name
  return clGetPlatformIDsCount;
}
