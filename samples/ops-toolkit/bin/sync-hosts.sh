#!/bin/bash
# Pushes the toolkit to every ops host and restarts the agent there.
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"

for host in ops1.internal ops2.internal ops3.internal; do
  rsync -az --delete /opt/ops-toolkit/ "deploy@$host:/opt/ops-toolkit/"
  ssh "deploy@$host" 'sudo systemctl restart ops-agent'
  log "synced $host"
done
