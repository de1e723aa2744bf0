#!/bin/bash
# Negative: a bounded retry loop with break, and no store listing.
while true; do  # lambdafit-expect-not(shell-endless-loop)
  curl -fsS https://example.com/health && break
  sleep 5
done
for i in 1 2 3; do echo "$i"; done
