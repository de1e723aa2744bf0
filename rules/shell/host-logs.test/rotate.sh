#!/bin/bash
grep "Failed password" /var/log/auth.log | tail -n 20  # lambdafit-expect(shell-host-logs)
journalctl -u nginx --since today > /tmp/nginx.txt  # lambdafit-expect(shell-host-logs)
LOG=/var/log/app/current.log  # lambdafit-expect(shell-host-logs)
./report.sh >> /var/log/report.log 2>&1  # lambdafit-expect(shell-host-logs)
# tail /var/log/syslog   lambdafit-expect-not(shell-host-logs)
echo "logs go to var/log in the bucket"  # lambdafit-expect-not(shell-host-logs)
logrotate_conf=./conf/logrotate.conf  # lambdafit-expect-not(shell-host-logs)
log "rotated /var/log/app"  # lambdafit-expect-not(shell-host-logs)
echo "see /var/log/app for details"  # lambdafit-expect-not(shell-host-logs)
case "$bin" in
  journalctl) JOURNALCTL="$bin" ;;  # lambdafit-expect-not(shell-host-logs)
esac
