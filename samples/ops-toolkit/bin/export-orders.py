#!/usr/bin/env python3
"""Exports yesterday's orders from DynamoDB to a CSV in S3 for the finance team."""
import argparse
import csv
import datetime
import io

import boto3

parser = argparse.ArgumentParser(description="export orders to S3")
parser.add_argument("--days", type=int, default=1, help="how many days back to export")
args = parser.parse_args()

since = (datetime.date.today() - datetime.timedelta(days=args.days)).isoformat()
table = boto3.resource("dynamodb").Table("orders")
items = table.query(IndexName="by-day", KeyConditionExpression="order_day = :d",
                    ExpressionAttributeValues={":d": since})["Items"]
out = io.StringIO()
writer = csv.writer(out)
writer.writerow(["order_id", "total"])
for item in items:
    writer.writerow([item["order_id"], item["total"]])
boto3.client("s3").put_object(Bucket="finance-exports", Key=f"orders/{since}.csv",
                              Body=out.getvalue())
