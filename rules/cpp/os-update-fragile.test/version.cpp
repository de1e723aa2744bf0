// Positive and negative cases for the os-update-fragile detectors.
#include <gnu/libc-version.h>

#include <cstring>
#include <fstream>

bool supported() {
  std::ifstream v("/proc/version");                                  // lambdafit-expect(cpp-os-version-path)
  std::ifstream os("/etc/os-release");                               // lambdafit-expect(cpp-os-version-path)
  if (std::strcmp(gnu_get_libc_version(), "2.36") != 0) return false;  // lambdafit-expect(cpp-os-version-check)
  std::ifstream ver("/proc/versions-are-not-a-file");                // lambdafit-expect-not(cpp-os-version-path): another name
  // lambdafit-expect-not(cpp-os-version-check)
  // gnu_get_libc_version() in a comment
  return true;
}
