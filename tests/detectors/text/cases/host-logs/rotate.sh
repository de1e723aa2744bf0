#!/bin/bash
grep "Failed password" /var/log/auth.log | tail -n 20
journalctl -u nginx --since today > /tmp/nginx.txt
LOG=/var/log/app/current.log
# tail /var/log/syslog   (negative: comment)
echo "logs go to var/log in the bucket"
logrotate_conf=./conf/logrotate.conf
log "rotated /var/log/app"
echo "see /var/log/app for details"
