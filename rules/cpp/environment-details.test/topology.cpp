// Topology queries through hwloc (a stand-in header here).
// lambdafit-expect(cpp-topology-library)
#include "hwloc_stub/hwloc.h"

int cores() {
  hwloc_topology_t t;
  hwloc_topology_init(&t);                          // lambdafit-expect(cpp-topology-query)
  hwloc_topology_load(t);                           // lambdafit-expect(cpp-topology-query)
  int hwloc_cores = 4;                              // lambdafit-expect-not(cpp-topology-query): a look-alike variable
  // lambdafit-expect-not(cpp-cpu-features)
  return hwloc_cores;
}
