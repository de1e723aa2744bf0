// No compile database and a third-party header that is not installed: the parse goes on
// and the calls after the missing include are still found.
#include <aws/core/Aws.h>
#include <aws/s3/S3Client.h>
#include <sys/resource.h>
#include <unistd.h>
#include <fcntl.h>
#include <cstdio>

#include "util/paths.h"

int main() {
  Aws::SDKOptions options;       // unknown type: an error, not the end of the parse
  Aws::InitAPI(options);
  rlimit rl{1024, 1024};
  setrlimit(RLIMIT_NOFILE, &rl);  // lambdafit-expect(cpp-resource-limit) after the missing header
  return daemon(0, 0);            // lambdafit-expect(cpp-daemonize)
}

// Calls whose arguments call the missing SDK's C functions: Clang leaves them unresolved;
// each names one C function and passes what it takes, so it is that function's call.
// ("unresolved call" marks the places clang-query cannot match: differential_test.py.)
int sdk_args() {
  fopen(aws_state_path(), "w");  // not a literal path: nothing to report
  open("/var/lib/app/state.db", aws_open_flags());  // lambdafit-expect(cpp-state-file): unresolved call
  if (aws_ready()) return daemon(aws_nochdir(), 0);  // lambdafit-expect(cpp-daemonize): unresolved call
  return daemon(aws_nochdir());  // lambdafit-expect-not(cpp-daemonize): one argument of two
}
