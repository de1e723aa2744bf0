#!/bin/bash
# Positive: sysctl -w, ulimit raises and /proc/sys writes run as commands.
set -euo pipefail
sysctl -w net.core.somaxconn=4096  # lambdafit-expect(shell-sysctl-write)
sudo sysctl net.ipv4.tcp_tw_reuse=1  # lambdafit-expect(shell-sysctl-write)
sysctl -p /etc/sysctl.d/90-app.conf  # lambdafit-expect(shell-sysctl-write)
ulimit -n 65536  # lambdafit-expect(shell-ulimit-raise)
echo 1 > /proc/sys/net/ipv4/ip_forward  # lambdafit-expect(shell-proc-sys-write)
echo 262144 | sudo tee /proc/sys/vm/max_map_count  # lambdafit-expect(shell-proc-sys-write)
# Negative: a comment mentioning sysctl -w net.core.somaxconn=1 and ulimit -n 1024
echo "usage: run sysctl -w yourself, then ulimit -n 4096"  # lambdafit-expect-not(shell-sysctl-write)
sysctl -a | grep somaxconn  # lambdafit-expect-not(shell-sysctl-write)
sysctl_helper=1  # lambdafit-expect-not(shell-sysctl-write)
ulimit -n  # lambdafit-expect-not(shell-ulimit-raise)
cat /proc/sys/fs/file-max  # lambdafit-expect-not(shell-proc-sys-write)
cat /proc/sys/vm/swappiness > /tmp/swappiness.txt  # lambdafit-expect-not(shell-proc-sys-write)
read -r cur < /proc/sys/vm/swappiness  # lambdafit-expect-not(shell-proc-sys-write)
cat <<EOT
sysctl -w vm.swappiness=1
EOT
