// Positive and negative cases for the inbound-network detectors.
#include <netinet/in.h>
#include <sys/socket.h>

#include "httplib.h"

namespace audio {
struct Mixer {
  void listen(int) {}  // unrelated method named listen
  int accept(int x) { return x; }
};
}  // namespace audio

void serve(int fd) {
  listen(fd, 128);                                   // match
  int c = accept(fd, nullptr, nullptr);              // match
  (void)c;
  audio::Mixer m;
  m.listen(3);                                       // no: method
  m.accept(4);                                       // no: method
  httplib::Server svr;                               // match
  svr.listen("0.0.0.0", 8080);                       // no: the object already counts
  // listen(fd, 5); in a comment
  const char* help = "listen(2) and accept(2) are used";  // no: a string
  (void)help;
}
