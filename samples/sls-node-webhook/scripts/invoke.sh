#!/bin/sh
# Posts a fake webhook every two seconds against the deployed endpoint.
set -eu
URL=${URL:?set URL to the httpApi endpoint}
while true; do
  curl -s -X POST "$URL/webhooks/payments" -d '{"paymentId": "p-1", "amount": 10}'
  sleep 2
done
