import os
import subprocess
import subprocess as sp
from os import system as run_shell
from subprocess import check_call

subprocess.run(["sysctl", "-w", "vm.swappiness=10"], check=True)  # lambdafit-expect(python-host-tool)
subprocess.check_output(["/usr/bin/ffmpeg", "-i", "in.mov", "out.mp4"])  # lambdafit-expect(python-host-tool)
os.system("sudo systemctl restart nginx")  # lambdafit-expect(python-host-tool)
sp.check_call(["sysctl", "-w", "net.core.somaxconn=1024"])  # lambdafit-expect(python-host-tool)
run_shell("modprobe br_netfilter")  # lambdafit-expect(python-host-tool)
check_call(["bash", "-c", "iptables -L"])  # lambdafit-expect(python-host-tool)
# subprocess.run(["useradd", "x"])  lambdafit-expect-not(python-host-tool)
subprocess.run(["python3", "report.py"], check=True)  # lambdafit-expect-not(python-host-tool)
subprocess.run(["git", "status"])  # lambdafit-expect-not(python-host-tool)
parser_help = "runs sysctl for you"  # lambdafit-expect-not(python-host-tool)
subprocess.check_call(["dpkg-source", "-x"])  # lambdafit-expect-not(python-host-tool)
other.run(["sysctl", "-w", "a=1"])  # lambdafit-expect-not(python-host-tool)
out = subprocess.check_output(["nvidia-smi", "-L"])  # lambdafit-expect(python-nvidia-smi) lambdafit-expect(python-host-tool)
print("run nvidia-smi to check")  # lambdafit-expect-not(python-nvidia-smi)
