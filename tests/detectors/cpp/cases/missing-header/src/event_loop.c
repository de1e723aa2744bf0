// C with the event library's and an SDK's headers missing: their constants are undeclared
// names. A name that can only be an operand stands in as an int, so the statement around it
// is kept and its call found. ("undeclared name" marks the places clang-query cannot match:
// differential_test.py.)
#include <event2/event.h>
#include <sdk/limits.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

struct event_base *main_base;

int serve(const char *path) {
  struct rlimit rl = {1024, 1024};
  setrlimit(SDK_LIMIT_FILES, &rl);  // lambdafit-expect(cpp-resource-limit): undeclared name
  if (daemon(SDK_NOCHDIR, 0) != 0) return 1;  // lambdafit-expect(cpp-daemonize): undeclared name
  chown(path, SDK_UID | 1, SDK_GID);  // lambdafit-expect(cpp-privilege-change): undeclared name
  // In C a declaration with the header's type is dropped (the name before a declarator gets
  // no stand-in), so `fd` is undeclared too, and stands in where it is an operand.
  evutil_socket_t fd = sdk_socket();
  fchown(fd, 0, 0);  // lambdafit-expect(cpp-privilege-change): undeclared name
  sdk_group_t groups = sdk_groups();
  setgroups(1, &groups);  // lambdafit-expect(cpp-privilege-change): undeclared name
  // `sizeof(T)`, `(T)x`: T may be a type there, so it is left as Clang leaves it.
  char buf[64];
  mlock(buf, sizeof(sdk_handle_t));  // lambdafit-expect-not(cpp-memory-lock): T may be a type
  while (1) {
    if (event_base_loop(main_base, EVLOOP_ONCE) != 0) break;  // lambdafit-expect(cpp-event-loop): undeclared name
  }
  return 0;
}
