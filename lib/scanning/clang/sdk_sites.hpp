// What the C/C++ parses see of aws-sdk-cpp, for the permission analysis: calls of a client's
// member functions resolved through the SDK's own headers, so the service comes from the
// client's declared class (`Aws::S3::S3Client`) whatever the variable, typedef or macro the
// code goes through. Kept free of Clang so the library's non-LLVM side can hold it.
#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace lambdafit::cpp {

/// One call of a member function of a class declared directly in `Aws::<Service>` whose name
/// ends in "Client", made from the workload's own code.
struct SdkSite {
  std::string path;  ///< workload-relative
  int line = 0, column = 0;
  std::string ns;       ///< the service namespace under Aws: "S3", "DynamoDB"
  std::string method;   ///< as declared: "PutObject", "PutObjectAsync", "GeneratePresignedUrl"
  std::string request;  ///< the first argument's type when it is `Aws::<ns>::Model::X`: "X"
  /// What the request was given as string literals through `SetX`/`WithX` ("Bucket", "thumbs"),
  /// on the variable passed or along a chain of `With` calls on a temporary.
  std::vector<std::pair<std::string, std::string>> literals;
  /// What it was given from environment variables (`SetBucket(std::getenv("BUCKET"))`, also
  /// through a variable initialised so): ("Bucket", "BUCKET").
  std::vector<std::pair<std::string, std::string>> env;
  bool operator==(const SdkSite&) const = default;
};

/// What every parse of a scan saw of the SDK.
struct SdkCalls {
  bool parsed = false;  ///< C/C++ units were parsed (else nothing below is known)
  std::map<std::string, std::vector<SdkSite>> sites;  ///< by workload-relative file
  /// Workload files read in a unit where every `<aws/…>` include resolved (and one did): for
  /// them the calls above are complete, and a reader of text is not needed.
  std::set<std::string> files;
};

}  // namespace lambdafit::cpp
