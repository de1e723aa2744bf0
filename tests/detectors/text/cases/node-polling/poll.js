const { S3Client, ListObjectsV2Command } = require("@aws-sdk/client-s3");

const s3 = new S3Client({});
setInterval(async () => {
  const out = await s3.send(new ListObjectsV2Command({ Bucket: "exports" }));
  console.log(out.KeyCount);
}, 60000);
// setInterval(check, 1000)  negative: comment
