#!/bin/sh
# Calls the deployed function every two seconds to watch cold and warm starts.
set -eu
while true; do
  aws lambda invoke --function-name "${FUNCTION:-InvoiceFunction}" \
    --cli-binary-format raw-in-base64-out \
    --payload '{"pathParameters": {"orderId": "o-42"}}' /dev/stdout
  sleep 2
done
