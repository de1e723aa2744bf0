#!/bin/sh
# Endless loops written the other usual ways.
while :; do  # lambdafit-expect(shell-endless-loop)
  run-once
  sleep 60
done

while [ 1 ]  # lambdafit-expect(shell-endless-loop)
do
  rotate-logs; sleep 3600
done

while true  # lambdafit-expect(shell-endless-loop)
do
  date >> /tmp/heartbeat && sleep 10
done
