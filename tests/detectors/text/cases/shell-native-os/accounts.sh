#!/usr/bin/env bash
useradd --system --no-create-home reporter
sudo usermod -aG docker reporter
chown -R reporter:reporter /srv/reports
# useradd somebody   <- a comment, negative
echo "create the user with useradd first"
my_chown_helper /tmp/x
id -u reporter || exit 1
