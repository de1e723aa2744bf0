// Positive and negative cases for the os-update-fragile detectors.
#include <gnu/libc-version.h>

#include <cstring>
#include <fstream>

bool supported() {
  std::ifstream v("/proc/version");                                  // match
  std::ifstream os("/etc/os-release");                               // match
  if (std::strcmp(gnu_get_libc_version(), "2.36") != 0) return false;  // match
  std::ifstream ver("/proc/versions-are-not-a-file");                // no: another name
  // gnu_get_libc_version() in a comment
  return true;
}
