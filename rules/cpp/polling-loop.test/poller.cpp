// Positive and negative cases for the polling-loop detector.
#include <aws/s3/S3Client.h>
#include <dirent.h>
#include <unistd.h>

#include <chrono>
#include <thread>

void poll_bucket(Aws::S3::S3Client& s3) {
  while (true) {                                     // lambdafit-expect(cpp-polling-loop): lists and sleeps
    Aws::S3::Model::ListObjectsV2Request req;
    s3.ListObjectsV2(req);
    std::this_thread::sleep_for(std::chrono::seconds(30));
  }
}

void poll_dir() {
  for (;;) {                                         // lambdafit-expect(cpp-polling-loop): lists a directory and sleeps
    DIR* d = opendir("incoming");
    if (d) closedir(d);
    sleep(10);
  }
}

void once(Aws::S3::S3Client& s3) {
  Aws::S3::Model::ListObjectsV2Request req;
  s3.ListObjectsV2(req);                             // lambdafit-expect-not(cpp-polling-loop): no loop
  for (int i = 0; i < 3; ++i) sleep(1);              // lambdafit-expect-not(cpp-polling-loop): sleeps, lists nothing
}
