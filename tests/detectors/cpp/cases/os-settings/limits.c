/* Positive and negative cases for the os-settings detectors, in C. */
#include <stdio.h>
#include <sys/resource.h>

static int write_setting(const char* path, const char* value) {
  FILE* f = fopen(path, "w");
  if (!f) return -1;
  fputs(value, f);
  return fclose(f);
}

int tune(void) {
  struct rlimit rl = {65536, 65536};
  if (setrlimit(RLIMIT_NOFILE, &rl) != 0) return 1;            /* match */
  prlimit(0, RLIMIT_CORE, &rl, NULL);                          /* match */
  write_setting("/proc/sys/net/core/somaxconn", "4096");       /* match: the path */
  puts("see /proc/sys/fs/file-max for the limit");            /* no: not a path literal */
  /* setrlimit(RLIMIT_NOFILE, &rl); in a comment */
#ifdef NEVER_DEFINED
  setrlimit(RLIMIT_AS, &rl);
  write_setting("/proc/sys/vm/swappiness", "1");
#endif
  int setrlimit_calls = 0;                                      /* no: a look-alike name */
  return setrlimit_calls;
}
