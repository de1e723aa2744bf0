// Positive and negative cases for the os-tuning detectors.
#include <sched.h>
#include <sys/io.h>
#include <sys/mman.h>

#include <cstdio>
#include <string>

struct Memory {
  void mlockall(int) {}  // a method with a libc name
};

void tune(int cpu, void* buf, unsigned long len) {
  mlockall(MCL_CURRENT | MCL_FUTURE);                         // match
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  sched_setaffinity(0, sizeof set, &set);                     // match
  madvise(buf, len, MADV_HUGEPAGE);                           // match: the flag
  madvise(buf, len, MADV_DONTNEED);                           // no: an ordinary flag
  void* p = mmap(nullptr, len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB, -1, 0);  // match
  (void)p;
  ioperm(0x378, 3, 1);                                        // match
  std::FILE* f = std::fopen("/proc/irq/24/smp_affinity", "w");  // match: the path
  if (f) std::fclose(f);
  std::string gov = "/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor";  // match (and a host detail)
  std::system("modprobe vfio-pci");                           // match (and a host tool)
  Memory m;
  m.mlockall(0);                                              // no: method
  // mlockall(MCL_CURRENT) in a comment; MAP_HUGETLB in a comment
  std::puts("tuning /proc/irq by hand is not needed");        // no: not at the start
}
