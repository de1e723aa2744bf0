// Positive and negative cases for the host-logs detectors.
#include <systemd/sd-journal.h>  // missing here: the include is evidence

#include <cstdio>
#include <fstream>
#include <string>

void follow() {
  std::ifstream auth("/var/log/auth.log");                    // match
  std::FILE* f = std::fopen("/var/log/syslog", "r");          // match
  if (f) std::fclose(f);
  std::string hint = "logs go to /var/log/app by default";    // no: not at the start
  std::string varlog = "/var/logger";                         // no: another directory
  // std::ifstream old("/var/log/messages");
#if 0
  std::ifstream kern("/var/log/kern.log");
#endif
}
