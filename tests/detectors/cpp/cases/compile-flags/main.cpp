// Flags come from compile_flags.txt: WITH_TUNING is defined there, and inc/ is on the path.
#include <sys/mman.h>

#include "tuning.h"

void setup() {
#if WITH_TUNING
  mlockall(MCL_CURRENT);          // lambdafit-expect(cpp-memory-lock): active only with the database's -D
#else
  setuid(0);                      // inactive with the database's flags
#endif
  tune_more();
}
