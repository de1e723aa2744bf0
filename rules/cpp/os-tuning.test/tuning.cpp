// Positive and negative cases for the os-tuning detectors.
#include <sched.h>
#include <sys/io.h>
#include <sys/mman.h>

#include <cstdio>
#include <string>

struct Memory {
  void mlockall(int) {}  // a method with a libc name
};

struct Ports {
  void ioperm(int) {}  // a method with a libc name
};

void tune(int cpu, void* buf, unsigned long len) {
  mlockall(MCL_CURRENT | MCL_FUTURE);                         // lambdafit-expect(cpp-memory-lock)
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  sched_setaffinity(0, sizeof set, &set);                     // lambdafit-expect(cpp-cpu-affinity)
  madvise(buf, len, MADV_HUGEPAGE);                           // lambdafit-expect(cpp-huge-pages): the flag
  madvise(buf, len, MADV_DONTNEED);                           // lambdafit-expect-not(cpp-huge-pages): an ordinary flag
  void* p = mmap(nullptr, len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB, -1, 0);  // lambdafit-expect(cpp-huge-pages)
  (void)p;
  ioperm(0x378, 3, 1);                                        // lambdafit-expect(cpp-io-ports)
  std::FILE* f = std::fopen("/proc/irq/24/smp_affinity", "w");  // lambdafit-expect(cpp-tuning-path): the path
  if (f) std::fclose(f);
  std::string gov = "/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor";  // lambdafit-expect(cpp-tuning-path) (and a host detail)
  std::system("modprobe vfio-pci");                           // lambdafit-expect(cpp-kernel-module-command) (and a host tool)
  Memory m;
  m.mlockall(0);                                              // lambdafit-expect-not(cpp-memory-lock): method
  // mlockall(MCL_CURRENT) in a comment; MAP_HUGETLB in a comment
  std::puts("tuning /proc/irq by hand is not needed");        // lambdafit-expect-not(cpp-tuning-path): not at the start
  std::puts("see modprobe(8) for the options");               // lambdafit-expect-not(cpp-kernel-module-command): prose
  // lambdafit-expect-not(cpp-cpu-affinity)
  // sched_setaffinity(0, sizeof set, &set) in a comment
  Ports ports;
  ports.ioperm(1);                                            // lambdafit-expect-not(cpp-io-ports): a method
}
