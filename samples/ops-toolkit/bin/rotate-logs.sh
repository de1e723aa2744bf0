#!/bin/bash
# Compresses the application's logs on this host and removes those older than a week.
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"

for f in /var/log/app/*.log; do
  gzip -f "$f"
done
find /var/log/app -name '*.gz' -mtime +7 -delete
log "rotated /var/log/app"
