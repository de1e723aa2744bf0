#!/bin/bash
# Waits for the export to appear, for up to ten minutes.
deadline=$((SECONDS + 600))
until aws s3 ls s3://exports/today/done.flag; do
  [ $SECONDS -gt $deadline ] && exit 1
  sleep 20
done
