#!/bin/bash
# Waits for the export to appear, for up to ten minutes.
deadline=$((SECONDS + 600))
until aws s3 ls s3://exports/today/done.flag; do  # lambdafit-expect(shell-polling-loop)
  [ $SECONDS -gt $deadline ] && exit 1
  sleep 20
done
aws s3 ls s3://exports/  # lambdafit-expect-not(shell-polling-loop)
