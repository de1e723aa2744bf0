#!/bin/sh
# Runs the purge by hand in a loop while testing the index (Ctrl-C to stop).
set -eu
while true; do
  npx serverless invoke --function purge --log
  sleep 5
done
