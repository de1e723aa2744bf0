/* A misspelled call is not the function it resembles. Clang would otherwise correct the
 * unknown name to the nearest declared one (setrlimit) and the detector would report a call
 * the code does not make; lambdafit parses with spelling correction off. */
#include <sys/resource.h>

int tune_typo() {
  rlimit rl = {65536, 65536};
  // lambdafit-expect-not(cpp-resource-limit)
  return setrlimt(RLIMIT_NOFILE, &rl);
}
