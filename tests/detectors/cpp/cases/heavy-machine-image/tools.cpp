// Positive and negative cases for the heavy-machine-image detectors.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

namespace shell {
int system(const char*) { return 0; }  // the project's own function with a libc name
}

void convert() {
  std::system("/opt/imagemagick/bin/convert in.png out.jpg");    // match (call and path)
  FILE* p = popen("ffmpeg -version", "r");                        // match
  if (p) pclose(p);
  execlp("gs", "gs", "-q", nullptr);                              // match
  std::string lib = "/usr/local/lib/libvendor.so";                // match: the path
  shell::system("ls");                                            // no: not libc
  std::string note = "install under /opt if you like";            // no: not at the start
  // system("rm -rf /") in a comment
}
