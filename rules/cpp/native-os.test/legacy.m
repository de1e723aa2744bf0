/* Objective-C sources are translation units too. */
#include <pwd.h>

int owner_uid(const char* name) {
  // lambdafit-expect(cpp-user-lookup)
  struct passwd* pw = getpwnam(name); /* match */
  return pw ? (int)pw->pw_uid : -1;
}
