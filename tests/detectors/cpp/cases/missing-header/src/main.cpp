// No compile database and a third-party header that is not installed: the parse goes on
// and the calls after the missing include are still found.
#include <aws/core/Aws.h>
#include <aws/s3/S3Client.h>
#include <sys/resource.h>
#include <unistd.h>

#include "util/paths.h"

int main() {
  Aws::SDKOptions options;       // unknown type: an error, not the end of the parse
  Aws::InitAPI(options);
  rlimit rl{1024, 1024};
  setrlimit(RLIMIT_NOFILE, &rl);  // lambdafit-expect(cpp-resource-limit) after the missing header
  return daemon(0, 0);            // lambdafit-expect(cpp-daemonize)
}
