// Positive and negative cases for the host-logs detectors.
// lambdafit-expect(cpp-log-reader-include)
#include <systemd/sd-journal.h>  // missing here: the include is evidence

#include <cstdio>
#include <fstream>
#include <string>

void follow() {
  std::ifstream auth("/var/log/auth.log");                    // lambdafit-expect(cpp-var-log-path)
  std::FILE* f = std::fopen("/var/log/syslog", "r");          // lambdafit-expect(cpp-var-log-path)
  if (f) std::fclose(f);
  std::string hint = "logs go to /var/log/app by default";    // lambdafit-expect-not(cpp-var-log-path): not at the start
  std::string varlog = "/var/logger";                         // lambdafit-expect-not(cpp-var-log-path): another directory
  // lambdafit-expect-not(cpp-var-log-path)
  // std::ifstream old("/var/log/messages");
#if 0
  std::ifstream kern("/var/log/kern.log");
#endif
}
