// Positive and negative cases for the environment-details detectors.
#include <cpuid.h>
// lambdafit-expect(cpp-topology-library)
#include <linux/ethtool.h>
// lambdafit-expect-not(cpp-topology-library)
#include <linux/sockios.h>
// lambdafit-expect(cpp-topology-library)
#include <numa.h>  // missing here: the include is still evidence

#include <fstream>
#include <string>

bool fast_path() {
  if (__builtin_cpu_supports("avx2")) return true;           // lambdafit-expect(cpp-cpu-features)
  unsigned a, b, c, d;
  __get_cpuid(1, &a, &b, &c, &d);                             // lambdafit-expect(cpp-cpuid)
  std::ifstream info("/proc/cpuinfo");                        // lambdafit-expect(cpp-host-info-path)
  std::ifstream speed("/sys/class/net/eth0/speed");           // lambdafit-expect(cpp-host-info-path)
  int req = SIOCETHTOOL;                                      // lambdafit-expect(cpp-ethtool)
  (void)req;
  int ethtool_gset = 0;                                       // lambdafit-expect-not(cpp-ethtool): a look-alike
  (void)ethtool_gset;
  std::string doc = "read /proc/cpuinfo yourself";            // lambdafit-expect-not(cpp-host-info-path): not at the start
  // __builtin_cpu_supports("avx512f") in a comment
#if defined(NOT_DEFINED_ANYWHERE)
  std::ifstream other("/sys/devices/system/cpu/online");
#endif
  int cpuid_count = 0;                                        // lambdafit-expect-not(cpp-cpuid): a look-alike name
  return cpuid_count > 0;
}
