"""Reads and writes objects of the media bucket."""
import os

import boto3 as aws

BUCKET = os.environ.get("MEDIA_BUCKET")
_s3 = aws.client("s3")


def fetch(key):
    return _s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()


def save(key, body, content_type):
    _s3.put_object(Bucket=BUCKET, Key=key, Body=body, ContentType=content_type)
