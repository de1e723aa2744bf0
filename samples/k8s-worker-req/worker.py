"""Builds search-index shards from the product feed, one shard per message."""
import json
import os

import boto3

SQS = boto3.client("sqs")
QUEUE_URL = os.environ["QUEUE_URL"]


def build_shard(message):
    spec = json.loads(message["Body"])
    return {"shard": spec["shard"], "documents": len(spec.get("ids", []))}


def main():
    while True:
        resp = SQS.receive_message(QueueUrl=QUEUE_URL, WaitTimeSeconds=20, MaxNumberOfMessages=1)
        for m in resp.get("Messages", []):
            print(json.dumps(build_shard(m)))
            SQS.delete_message(QueueUrl=QUEUE_URL, ReceiptHandle=m["ReceiptHandle"])


if __name__ == "__main__":
    main()
