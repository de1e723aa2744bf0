// A stand-in for hwloc's header: only what the case calls.
#pragma once
extern "C" {
typedef struct hwloc_topology* hwloc_topology_t;
// lambdafit-expect-not(cpp-topology-query)
int hwloc_topology_init(hwloc_topology_t* topology);
int hwloc_topology_load(hwloc_topology_t topology);
}
