#!/bin/sh
echo never > /sys/kernel/mm/transparent_hugepage/enabled
echo performance | tee /sys/devices/system/cpu/cpu0/cpufreq/scaling_governor
modprobe ixgbe
sudo cpupower frequency-set -g performance
# echo never > /sys/kernel/mm/transparent_hugepage/enabled  (comment: negative)
cat /sys/class/net/eth0/speed
echo "run modprobe ixgbe first"
lsmod | grep modprobe_helper
