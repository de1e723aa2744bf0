#!/bin/bash
# lambdafit-expect(shell-host-logs)
grep "Failed password" /var/log/auth.log | tail -n 20
# lambdafit-expect(shell-host-logs)
journalctl -u nginx --since today > /tmp/nginx.txt
# lambdafit-expect(shell-host-logs)
LOG=/var/log/app/current.log
# lambdafit-expect-not(shell-host-logs)
# tail /var/log/syslog   (negative: comment)
echo "logs go to var/log in the bucket"
logrotate_conf=./conf/logrotate.conf
log "rotated /var/log/app"
echo "see /var/log/app for details"
