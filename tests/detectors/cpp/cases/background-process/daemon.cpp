// Positive and negative cases for the background-process detectors.
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

struct Job {
  void detach() {}  // a method called detach on an unrelated class
};

void worker() {}

int main() {
  if (daemon(0, 0) != 0) return 1;                   // match
  setsid();                                          // match
  std::thread t(worker);
  t.detach();                                        // match
  std::thread(worker).join();                        // no: joined
  Job j;
  j.detach();                                        // no: not std::thread
  for (;;) {                                         // match: loops forever on accept
    int c = accept(3, nullptr, nullptr);
    close(c);
  }
  // daemon(1, 1); in a comment
}

void bounded() {
  for (int i = 0; i < 3; ++i) accept(3, nullptr, nullptr);  // inbound only: the loop ends
  while (true) {                                     // no: no wait for connections
    break;
  }
}
