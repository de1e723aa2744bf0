/* BSD-style sysctl; glibc no longer ships sys/sysctl.h, so a stand-in declares it. */
#include "sys/bsd_sysctl.h"

int raise_maxfiles(void) {
  int value = 65536;
  // lambdafit-expect(cpp-sysctl-call)
  return sysctlbyname("kern.maxfiles", 0, 0, &value, sizeof value); /* match */
}

int sysctl_like(int x) { return x; }  /* look-alike name, never a call to sysctl */
int use(void) { return sysctl_like(1); }
