// A C++ function (not extern "C") found by its name, called with an argument of the missing
// SDK: argument-dependent lookup in the SDK's namespaces could find a better one, so the call
// stays unresolved rather than be guessed.
#include <aws/core/Aws.h>

int daemon(int nochdir, int noclose);

int start() {
  return daemon(aws_nochdir(), 0);  // lambdafit-expect-not(cpp-daemonize): not known which function
}
