#!/usr/bin/env bash
useradd --system --no-create-home reporter  # lambdafit-expect(shell-user-accounts)
sudo usermod -aG docker reporter  # lambdafit-expect(shell-user-accounts)
chown -R reporter:reporter /srv/reports  # lambdafit-expect(shell-user-accounts)
# useradd somebody   lambdafit-expect-not(shell-user-accounts)
echo "create the user with useradd first"  # lambdafit-expect-not(shell-user-accounts)
my_chown_helper /tmp/x  # lambdafit-expect-not(shell-user-accounts)
id -u reporter || exit 1  # lambdafit-expect-not(shell-user-accounts)
passwd -S "$user"  # lambdafit-expect-not(shell-user-accounts)
