#!/bin/bash
crontab -u reporter ./report.crontab  # lambdafit-expect(shell-crontab-install)
(crontab -l; echo "0 * * * * /opt/report.sh") | crontab -  # lambdafit-expect(shell-crontab-install)
# crontab -e   lambdafit-expect-not(shell-crontab-install)
crontab -l  # lambdafit-expect-not(shell-crontab-install)
echo "edit with crontab -e"  # lambdafit-expect-not(shell-crontab-install)
