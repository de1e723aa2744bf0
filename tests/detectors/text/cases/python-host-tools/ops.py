import os
import subprocess

subprocess.run(["sysctl", "-w", "vm.swappiness=10"], check=True)
subprocess.check_output(["/usr/bin/ffmpeg", "-i", "in.mov", "out.mp4"])
os.system("sudo systemctl restart nginx")
# subprocess.run(["useradd", "x"])  negative: comment
subprocess.run(["python3", "report.py"], check=True)
subprocess.run(["git", "status"])
parser_help = "runs sysctl for you"
subprocess.check_call(["dpkg-source", "-x"])
