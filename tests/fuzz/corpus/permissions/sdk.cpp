// Golden fixture for the aws-sdk-cpp reader (text only, no SDK headers needed).
#include <aws/core/Aws.h>
#include <aws/s3/S3Client.h>
#include <aws/s3/model/GetObjectRequest.h>
#include <aws/dynamodb/DynamoDBClient.h>

using namespace Aws::DynamoDB;

void copy(const Aws::S3::S3Client& s3, const DynamoDBClient& db) {
  Aws::S3::Model::PutObjectRequest put;
  put.SetBucket("thumbs");
  s3.PutObject(put);
  Model::GetObjectRequest get;  // from the included model header
  get.WithBucket("originals").WithKey("k");
  s3.GetObject(get);
  Model::PutItemRequest item;  // from `using namespace Aws::DynamoDB`
  item.SetTableName("photos");
  db.PutItem(item);
  // Model::DeleteObjectRequest in a comment is not a call
  const char* text = "Model::DeleteItemRequest in a string is not a call";
}
