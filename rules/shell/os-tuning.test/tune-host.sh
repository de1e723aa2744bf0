#!/bin/sh
echo never > /sys/kernel/mm/transparent_hugepage/enabled  # lambdafit-expect(shell-sys-write)
echo performance | tee /sys/devices/system/cpu/cpu0/cpufreq/scaling_governor  # lambdafit-expect(shell-sys-write)
modprobe ixgbe  # lambdafit-expect(shell-host-tuning-tool)
sudo cpupower frequency-set -g performance  # lambdafit-expect(shell-host-tuning-tool)
numactl --membind=0 ./server  # lambdafit-expect(shell-host-tuning-tool)
# echo never > /sys/kernel/mm/transparent_hugepage/enabled  lambdafit-expect-not(shell-sys-write)
cat /sys/class/net/eth0/speed  # lambdafit-expect-not(shell-sys-write)
thp=$(cat /sys/kernel/mm/transparent_hugepage/enabled)  # lambdafit-expect-not(shell-sys-write)
grep -q never /sys/kernel/mm/transparent_hugepage/enabled  # lambdafit-expect-not(shell-sys-write)
echo "run modprobe ixgbe first"  # lambdafit-expect-not(shell-host-tuning-tool)
lsmod | grep modprobe_helper  # lambdafit-expect-not(shell-host-tuning-tool)
Display "- Checking kernel modules (modprobe config)"  # lambdafit-expect-not(shell-host-tuning-tool)
case "$tool" in
  modprobe)  # lambdafit-expect-not(shell-host-tuning-tool)
    echo "modprobe is handled elsewhere"
    ;;
esac
numactl --hardware  # lambdafit-expect-not(shell-host-tuning-tool)
