// Found through the database's -Iinc.
#pragma once
#include <sched.h>
inline void tune_more() {
  cpu_set_t s;
  CPU_ZERO(&s);
  sched_setaffinity(0, sizeof s, &s);  // lambdafit-expect(cpp-cpu-affinity): in a header of the workload
}
