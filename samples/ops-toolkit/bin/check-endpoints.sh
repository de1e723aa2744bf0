#!/bin/bash
# Probes the public endpoints and publishes their latency as CloudWatch metrics.
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"

for url in https://shop.example.com/health https://api.example.com/health; do
  ms=$(curl -o /dev/null -s -w '%{time_total}' --max-time 10 "$url")
  put_metric "latency-$(basename "$(dirname "$url")")" "$ms"
  log "checked $url in $ms s"
done
