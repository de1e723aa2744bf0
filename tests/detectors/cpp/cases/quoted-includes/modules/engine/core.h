// Reached only through the inferred -I modules.
#pragma once
#include <sys/mman.h>
inline int start_engine() { return mlockall(MCL_CURRENT); }  // lambdafit-expect(cpp-memory-lock): in the found header
