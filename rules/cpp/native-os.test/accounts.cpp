// Positive and negative cases for the native-os detectors.
#include <grp.h>
#include <pwd.h>
// lambdafit-expect(cpp-pam-include)
#include <security/pam_appl.h>  // a stand-in in this case
// lambdafit-expect(cpp-capabilities-include)
#include <sys/capability.h>      // a stand-in in this case
#include <sys/types.h>
#include <unistd.h>

namespace app {
// Look-alike: a function of the project's own namespace with a libc name.
int setuid(int id) { return id; }
struct Directory {
  int getpwnam(const char*) { return 0; }  // a method, not the libc call
};
}  // namespace app

int drop(const char* user) {
  passwd* pw = getpwnam(user);                 // lambdafit-expect(cpp-user-lookup)
  if (!pw) return 1;
  initgroups(user, pw->pw_gid);                // lambdafit-expect(cpp-privilege-change)
  if (setgid(pw->pw_gid) != 0) return 1;       // lambdafit-expect(cpp-privilege-change)
  if (::setuid(pw->pw_uid) != 0) return 1;     // lambdafit-expect(cpp-privilege-change)
  group* g = getgrnam("wheel");                // lambdafit-expect(cpp-user-lookup)
  (void)g;
  chown("/srv/app", pw->pw_uid, pw->pw_gid);   // lambdafit-expect(cpp-privilege-change)
  app::setuid(3);                              // lambdafit-expect-not(cpp-privilege-change): app::setuid
  app::Directory d;
  d.getpwnam("x");                             // lambdafit-expect-not(cpp-user-lookup): method
  // getpwnam(user) in a comment does not count
  const char* help = "call setuid() to switch users";  // lambdafit-expect-not(cpp-privilege-change): a string
  (void)help;
#if 0
  setuid(0);  // inactive block
#endif
  // lambdafit-expect-not(cpp-pam)
  pam_handle_t* pamh = nullptr;
  pam_start("login", user, nullptr, &pamh);    // lambdafit-expect(cpp-pam)
  cap_t caps = cap_get_proc();                 // lambdafit-expect(cpp-capabilities)
  (void)caps;
  return 0;
}
