"""Polls the queue.

while True: time.sleep(5) in a docstring does not count.
"""
import time

import boto3

sqs = boto3.client("sqs")


def main():
    while True:
        resp = sqs.receive_message(QueueUrl="q", WaitTimeSeconds=10)
        for m in resp.get("Messages", []):
            print(m["Body"])
        time.sleep(5)
