// Positive and negative cases for the native-os detectors.
#include <grp.h>
#include <pwd.h>
#include <security/pam_appl.h>  // a stand-in in this case
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
  passwd* pw = getpwnam(user);                 // match
  if (!pw) return 1;
  initgroups(user, pw->pw_gid);                // match
  if (setgid(pw->pw_gid) != 0) return 1;       // match
  if (::setuid(pw->pw_uid) != 0) return 1;     // match
  group* g = getgrnam("wheel");                // match
  (void)g;
  chown("/srv/app", pw->pw_uid, pw->pw_gid);   // match
  app::setuid(3);                              // no: app::setuid
  app::Directory d;
  d.getpwnam("x");                             // no: method
  // getpwnam(user) in a comment does not count
  const char* help = "call setuid() to switch users";  // no: a string
  (void)help;
#if 0
  setuid(0);  // inactive block
#endif
  pam_handle_t* pamh = nullptr;
  pam_start("login", user, nullptr, &pamh);    // match
  cap_t caps = cap_get_proc();                 // match
  (void)caps;
  return 0;
}
