"""Writes each paid order from the checkout queue to the orders table."""
import json
import os

import boto3

TABLE = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])


def to_item(body):
    order = json.loads(body)
    return {
        "order_id": order["id"],
        "customer": order["customer"],
        "total_cents": int(order["total_cents"]),
        "status": "paid",
    }


def lambda_handler(event, context):
    failures = []
    with TABLE.batch_writer() as batch:
        for record in event["Records"]:
            try:
                batch.put_item(Item=to_item(record["body"]))
            except (KeyError, ValueError):
                failures.append({"itemIdentifier": record["messageId"]})
    # Partial batch response: only the bad messages go back to the queue.
    return {"batchItemFailures": failures}
