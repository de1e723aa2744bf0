"""Ingests one uploaded image per S3 event record."""
import os
from urllib.parse import unquote_plus

import boto3

from media import store

TABLE = boto3.resource("dynamodb").Table(os.environ["MEDIA_TABLE"])


def handler(event, context):
    done = []
    for record in event.get("Records", []):
        key = unquote_plus(record["s3"]["object"]["key"])
        body = store.fetch(key)
        target = "processed/" + key.split("/", 1)[-1]
        store.save(target, body, content_type=guess_type(key))
        TABLE.put_item(Item={"key": target, "size": len(body), "source": key})
        done.append(target)
    return {"processed": done}


def guess_type(key):
    ext = key.rsplit(".", 1)[-1].lower()
    return {"png": "image/png", "gif": "image/gif"}.get(ext, "image/jpeg")
