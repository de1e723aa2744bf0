"""Polls the queue.

while True: sqs.receive_message() in a docstring does not count.
"""
import time

import boto3

sqs = boto3.client("sqs")
s3 = boto3.client("s3")


def main():
    while True:
        resp = sqs.receive_message(QueueUrl="q", WaitTimeSeconds=10)  # lambdafit-expect(python-polling-loop)
        for m in resp.get("Messages", []):
            print(m["Body"])
        time.sleep(5)


def once():
    # One listing per call, no loop: lambdafit-expect-not(python-polling-loop)
    return s3.list_objects_v2(Bucket="b")


def retry(fn):
    while True:
        try:
            return fn()  # lambdafit-expect-not(python-polling-loop)
        except OSError:
            time.sleep(1)
