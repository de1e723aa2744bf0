// Positive and negative cases for the heavy-machine-image detectors.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

namespace shell {
int system(const char*) { return 0; }  // the project's own function with a libc name
}

void convert() {
  std::system("/opt/imagemagick/bin/convert in.png out.jpg");    // lambdafit-expect(cpp-host-command, cpp-install-path) (call and path)
  FILE* p = popen("ffmpeg -version", "r");                        // lambdafit-expect(cpp-host-command)
  if (p) pclose(p);
  execlp("gs", "gs", "-q", nullptr);                              // lambdafit-expect(cpp-host-command)
  std::string lib = "/usr/local/lib/libvendor.so";                // lambdafit-expect(cpp-install-path): the path
  shell::system("ls");                                            // lambdafit-expect-not(cpp-host-command): not libc
  std::string note = "install under /opt if you like";            // lambdafit-expect-not(cpp-install-path): not at the start
  // system("rm -rf /") in a comment
}
