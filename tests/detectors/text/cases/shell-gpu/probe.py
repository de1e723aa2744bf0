import subprocess

subprocess.run(["nvidia-smi", "-L"], check=True)
# subprocess.run(["nvidia-smi"])  negative: comment
HELP = "requires nvidia-smi on the PATH"
