#!/bin/bash
find /var/spool/reports -name '*.csv' -mtime +7 -delete  # lambdafit-expect(shell-local-housekeeping)
find /srv/uploads -type f -mtime +30 -exec rm {} \;  # lambdafit-expect(shell-local-housekeeping)
rm -rf /var/cache/report-builder/  # lambdafit-expect(shell-local-housekeeping)
# find /var/tmp -delete   lambdafit-expect-not(shell-local-housekeeping)
find /tmp/work -delete  # lambdafit-expect-not(shell-local-housekeeping)
rm -f ./build/out.txt  # lambdafit-expect-not(shell-local-housekeeping)
echo "rm -rf /var/cache is done by ops"  # lambdafit-expect-not(shell-local-housekeeping)
find /var/log -name '*.log'  # lambdafit-expect-not(shell-local-housekeeping)
