/* Positive and negative cases for the os-settings detectors, in C. */
#include <stdio.h>
#include <sys/resource.h>

// lambdafit-expect-not(cpp-proc-sys-path, cpp-sysctl-call)
static int write_setting(const char* path, const char* value) {
  FILE* f = fopen(path, "w");
  if (!f) return -1;
  fputs(value, f);
  return fclose(f);
}

int tune(void) {
  struct rlimit rl = {65536, 65536};
  // lambdafit-expect(cpp-resource-limit)
  if (setrlimit(RLIMIT_NOFILE, &rl) != 0) return 1;            /* match */
  // lambdafit-expect(cpp-resource-limit)
  prlimit(0, RLIMIT_CORE, &rl, NULL);                          /* match */
  // lambdafit-expect(cpp-proc-sys-path)
  write_setting("/proc/sys/net/core/somaxconn", "4096");       /* match: the path */
  puts("see /proc/sys/fs/file-max for the limit");            /* no: not a path literal */
  // lambdafit-expect-not(cpp-resource-limit)
  /* setrlimit(RLIMIT_NOFILE, &rl); in a comment */
#ifdef NEVER_DEFINED
  setrlimit(RLIMIT_AS, &rl);
  write_setting("/proc/sys/vm/swappiness", "1");
#endif
  int setrlimit_calls = 0;                                      /* no: a look-alike name */
  return setrlimit_calls;
}
