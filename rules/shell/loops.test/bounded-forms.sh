#!/bin/sh
# Negative: loops that end, or that do not wait between rounds.
while read -r line; do  # lambdafit-expect-not(shell-endless-loop)
  echo "$line"
  sleep 1
done < input.txt

while sleep 5; do  # lambdafit-expect-not(shell-endless-loop)
  check-once || break
done

while true; do  # lambdafit-expect-not(shell-endless-loop)
  sleep "$interval"
  [ -f /tmp/stop ] && break
done

while [ "$n" -lt 3 ]; do  # lambdafit-expect-not(shell-endless-loop)
  n=$((n + 1)); sleep 2
done

while true; do echo "no pause"; done  # lambdafit-expect-not(shell-endless-loop)
