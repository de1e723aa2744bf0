#!/bin/sh
# Invokes the function with a canned payload every two seconds.
set -eu
while true; do
  aws lambda invoke --function-name "${FUNCTION:-ChecksumFunction}" \
    --cli-binary-format raw-in-base64-out --payload '{"probe": 1}' /dev/stdout
  sleep 2
done
