"""Deletes shopping carts nobody touched for 30 days, once a night."""
import datetime as dt

import boto3
from boto3.dynamodb.conditions import Key

TABLE = boto3.resource("dynamodb").Table("carts")
MAX_AGE = dt.timedelta(days=30)


def is_stale(updated_at, now):
    return now - dt.datetime.fromisoformat(updated_at) > MAX_AGE


def handler(event, context):
    now = dt.datetime.now(dt.timezone.utc)
    removed = 0
    page = TABLE.query(IndexName="by-status", KeyConditionExpression=Key("status").eq("open"))
    for cart in page["Items"]:
        if is_stale(cart["updated_at"], now):
            TABLE.delete_item(Key={"cart_id": cart["cart_id"]})
            removed += 1
    return {"removed": removed}
