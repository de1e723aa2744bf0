#!/bin/bash
# A worker that never stops.
while true; do
  ./process-queue.sh
  sleep 30
done
