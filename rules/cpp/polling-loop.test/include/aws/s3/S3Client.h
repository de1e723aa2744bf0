// A stand-in for the AWS SDK's S3 client header: only what the fixture calls.
#pragma once
namespace Aws::S3 {
namespace Model {
struct ListObjectsV2Request {};
}  // namespace Model
class S3Client {
 public:
  int ListObjectsV2(const Model::ListObjectsV2Request&) { return 0; }
};
}  // namespace Aws::S3
