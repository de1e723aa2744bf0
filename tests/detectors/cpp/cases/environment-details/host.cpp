// Positive and negative cases for the environment-details detectors.
#include <cpuid.h>
#include <linux/ethtool.h>
#include <linux/sockios.h>
#include <numa.h>  // missing here: the include is still evidence

#include <fstream>
#include <string>

bool fast_path() {
  if (__builtin_cpu_supports("avx2")) return true;           // match
  unsigned a, b, c, d;
  __get_cpuid(1, &a, &b, &c, &d);                             // match
  std::ifstream info("/proc/cpuinfo");                        // match
  std::ifstream speed("/sys/class/net/eth0/speed");           // match
  int req = SIOCETHTOOL;                                      // match
  (void)req;
  std::string doc = "read /proc/cpuinfo yourself";            // no: not at the start
  // __builtin_cpu_supports("avx512f") in a comment
#if defined(NOT_DEFINED_ANYWHERE)
  std::ifstream other("/sys/devices/system/cpu/online");
#endif
  int cpuid_count = 0;                                        // no: a look-alike name
  return cpuid_count > 0;
}
