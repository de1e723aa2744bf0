#!/usr/bin/env python3
"""Waits for the nightly exports to land in S3, then writes a sales summary.

Run from cron every 15 minutes; gives up after two minutes if the exports are not there.
"""
import csv
import io
import time

import boto3

EXPORT_BUCKET = "acme-exports"
REPORT_BUCKET = "acme-reports"
DEADLINE_SECONDS = 120

s3 = boto3.client("s3")


def pending_exports():
    listing = s3.list_objects_v2(Bucket=EXPORT_BUCKET, Prefix="sales/")
    return [o["Key"] for o in listing.get("Contents", []) if o["Key"].endswith(".csv")]


def summarize(keys):
    totals = {}
    for key in keys:
        body = s3.get_object(Bucket=EXPORT_BUCKET, Key=key)["Body"].read().decode()
        for row in csv.DictReader(io.StringIO(body)):
            totals[row["region"]] = totals.get(row["region"], 0.0) + float(row["amount"])
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["region", "total"])
    for region, total in sorted(totals.items()):
        writer.writerow([region, f"{total:.2f}"])
    return out.getvalue()


def main():
    started = time.time()
    while True:
        keys = pending_exports()
        if keys:
            s3.put_object(Bucket=REPORT_BUCKET, Key="daily/summary.csv", Body=summarize(keys))
            return 0
        if time.time() - started > DEADLINE_SECONDS:
            return 1
        time.sleep(20)


if __name__ == "__main__":
    raise SystemExit(main())
