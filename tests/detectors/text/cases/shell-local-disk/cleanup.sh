#!/bin/bash
find /var/spool/reports -name '*.csv' -mtime +7 -delete
find /srv/uploads -type f -mtime +30 -exec rm {} \;
rm -rf /var/cache/report-builder/
# find /var/tmp -delete   (negative: comment)
find /tmp/work -delete
rm -f ./build/out.txt
echo "rm -rf /var/cache is done by ops"
