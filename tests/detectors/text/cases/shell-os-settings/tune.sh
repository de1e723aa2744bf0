#!/bin/bash
# Positive: sysctl -w, ulimit raises and /proc/sys writes run as commands.
set -euo pipefail
sysctl -w net.core.somaxconn=4096
sudo sysctl net.ipv4.tcp_tw_reuse=1
ulimit -n 65536
echo 1 > /proc/sys/net/ipv4/ip_forward
echo 262144 | sudo tee /proc/sys/vm/max_map_count
# Negative: a comment mentioning sysctl -w net.core.somaxconn=1 and ulimit -n 1024
echo "usage: run sysctl -w yourself, then ulimit -n 4096"
sysctl -a | grep somaxconn
sysctl_helper=1
ulimit -n
cat /proc/sys/fs/file-max
