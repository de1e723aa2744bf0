// Topology queries through hwloc (a stand-in header here).
#include "hwloc_stub/hwloc.h"

int cores() {
  hwloc_topology_t t;
  hwloc_topology_init(&t);                          // match
  hwloc_topology_load(t);                           // match
  int hwloc_cores = 4;                              // no: a look-alike variable
  return hwloc_cores;
}
