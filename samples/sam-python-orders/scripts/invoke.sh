#!/bin/sh
# Sends a test order every two seconds while you watch the logs (stop with Ctrl-C).
set -eu
QUEUE_URL=${QUEUE_URL:?set QUEUE_URL to the stack output}
n=0
while true; do
  n=$((n + 1))
  aws sqs send-message --queue-url "$QUEUE_URL" \
    --message-body "{\"id\": \"test-$n\", \"customer\": \"c-1\", \"total_cents\": 1299}"
  sleep 2
done
