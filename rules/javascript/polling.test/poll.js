const { S3Client, ListObjectsV2Command } = require("@aws-sdk/client-s3");
const { SQSClient, ReceiveMessageCommand } = require("@aws-sdk/client-sqs");

const s3 = new S3Client({});
const sqs = new SQSClient({});
setInterval(async () => {
  const out = await s3.send(new ListObjectsV2Command({ Bucket: "exports" }));  // lambdafit-expect(node-polling-loop)
  console.log(out.KeyCount);
}, 60000);
// setInterval(check, 1000)  lambdafit-expect-not(node-polling-loop)

async function drain() {
  while (true) {
    const r = await sqs.send(new ReceiveMessageCommand({ QueueUrl: "q" }));  // lambdafit-expect(node-polling-loop)
    if (!r.Messages) break;
  }
}

async function once() {
  return s3.send(new ListObjectsV2Command({ Bucket: "b" }));  // lambdafit-expect-not(node-polling-loop)
}
