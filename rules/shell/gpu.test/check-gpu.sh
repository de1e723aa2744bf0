#!/bin/bash
nvidia-smi --query-gpu=name --format=csv  # lambdafit-expect(shell-nvidia-smi)
GPUS=$(nvidia-smi -L | wc -l)  # lambdafit-expect(shell-nvidia-smi)
# nvidia-smi   lambdafit-expect-not(shell-nvidia-smi)
echo "install nvidia-smi before running"  # lambdafit-expect-not(shell-nvidia-smi)
