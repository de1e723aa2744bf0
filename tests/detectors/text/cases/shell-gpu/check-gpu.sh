#!/bin/bash
nvidia-smi --query-gpu=name --format=csv
GPUS=$(nvidia-smi -L | wc -l)
# nvidia-smi   (negative: comment)
echo "install nvidia-smi before running"
