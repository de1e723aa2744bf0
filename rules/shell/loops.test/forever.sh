#!/bin/bash
# A worker that never stops.
while true; do  # lambdafit-expect(shell-endless-loop)
  ./process-queue.sh
  sleep 30
done
