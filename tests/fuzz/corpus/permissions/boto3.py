import os, boto3
s3 = boto3.client("s3")
table = boto3.resource("dynamodb").Table(os.environ["TABLE"])
def handler(event, context):
    s3.put_object(Bucket="media", Key=event["k"], Body=b"")
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket="media"):
        table.put_item(Item={"id": page["KeyCount"]})
