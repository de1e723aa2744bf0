"""Makes a thumbnail of every image uploaded to the photos bucket."""
import io
import os
import urllib.parse

import boto3
from PIL import Image

s3 = boto3.client("s3")
THUMB_BUCKET = os.environ["THUMB_BUCKET"]
THUMB_SIZE = (256, 256)


def make_thumbnail(data: bytes) -> bytes:
    image = Image.open(io.BytesIO(data))
    image.thumbnail(THUMB_SIZE)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def handler(event, context):
    """Entry point for S3 ObjectCreated notifications."""
    count = 0
    for record in event["Records"]:
        bucket = record["s3"]["bucket"]["name"]
        key = urllib.parse.unquote_plus(record["s3"]["object"]["key"])
        body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
        s3.put_object(Bucket=THUMB_BUCKET, Key=f"thumbs/{key}.png",
                      Body=make_thumbnail(body), ContentType="image/png")
        count += 1
    return {"thumbnails": count}
