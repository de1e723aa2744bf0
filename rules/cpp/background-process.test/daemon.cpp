// Positive and negative cases for the background-process detectors.
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

struct Job {
  void detach() {}  // a method called detach on an unrelated class
};

void worker() {}

int main() {
  if (daemon(0, 0) != 0) return 1;                   // lambdafit-expect(cpp-daemonize)
  setsid();                                          // lambdafit-expect(cpp-daemonize)
  std::thread t(worker);
  t.detach();                                        // lambdafit-expect(cpp-detached-thread)
  std::thread(worker).join();                        // lambdafit-expect-not(cpp-detached-thread): joined
  Job j;
  j.detach();                                        // lambdafit-expect-not(cpp-detached-thread): not std::thread
  for (;;) {                                         // lambdafit-expect(cpp-endless-server-loop): loops forever on accept
    int c = accept(3, nullptr, nullptr);
    close(c);
  }
  // lambdafit-expect-not(cpp-daemonize)
  // daemon(1, 1); in a comment
}

void bounded() {
  for (int i = 0; i < 3; ++i) accept(3, nullptr, nullptr);  // inbound only: the loop ends
  while (true) {                                     // lambdafit-expect-not(cpp-endless-server-loop): no wait for connections
    break;
  }
}
