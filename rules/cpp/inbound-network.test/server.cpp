// Positive and negative cases for the inbound-network detectors.
// lambdafit-expect-not(cpp-http-server-include)
#include <netinet/in.h>
#include <sys/socket.h>

// lambdafit-expect(cpp-http-server-include)
#include "httplib.h"

namespace audio {
struct Mixer {
  void listen(int) {}  // unrelated method named listen
  int accept(int x) { return x; }
};
}  // namespace audio

void serve(int fd) {
  listen(fd, 128);                                   // lambdafit-expect(cpp-socket-listen)
  int c = accept(fd, nullptr, nullptr);              // lambdafit-expect(cpp-socket-listen)
  (void)c;
  audio::Mixer m;
  m.listen(3);                                       // lambdafit-expect-not(cpp-socket-listen): method
  m.accept(4);                                       // lambdafit-expect-not(cpp-socket-listen): method
  httplib::Server svr;                               // lambdafit-expect(cpp-server-object)
  svr.listen("0.0.0.0", 8080);                       // lambdafit-expect-not(cpp-socket-listen): the object already counts
  // listen(fd, 5); in a comment
  const char* help = "listen(2) and accept(2) are used";  // lambdafit-expect-not(cpp-socket-listen): a string
  (void)help;
}
