// The aws-lambda-cpp runtime loop, declared here so the case parses without the library.
#include <string>

namespace aws::lambda_runtime {
struct invocation_request { std::string payload; };
struct invocation_response {
  static invocation_response success(const std::string&, const std::string&) { return {}; }
};
// A token detector also sees the declaration (known, harmless: the library's own header is
// never part of a workload).
void run_handler(invocation_response (*handler)(const invocation_request&));  // lambdafit-expect(cpp-lambda-run-handler)
}  // namespace aws::lambda_runtime

static aws::lambda_runtime::invocation_response echo(const aws::lambda_runtime::invocation_request& r) {
  return aws::lambda_runtime::invocation_response::success(r.payload, "text/plain");
}

// run_handler(echo) in a comment is not a call
static const char* kName = "run_handler";  // lambdafit-expect-not(cpp-lambda-run-handler)

int main() {
  aws::lambda_runtime::run_handler(echo);  // lambdafit-expect(cpp-lambda-run-handler)
  return kName[0] == 'r' ? 0 : 1;
}
