import argparse

import torch
import tensorflow as tf
import cupy as cp  # lambdafit-expect(python-gpu-api)
from numba import cuda  # lambdafit-expect(python-gpu-api)

parser = argparse.ArgumentParser()
parser.add_argument("--cuda", action="store_true", help="use torch.cuda. when available")  # lambdafit-expect-not(python-gpu-api)
model = torch.nn.Linear(4, 2).cuda()  # lambdafit-expect(python-gpu-api)
x = torch.zeros(4).to("cuda")  # lambdafit-expect(python-gpu-device)
y = torch.zeros(4, device="cuda:0")  # lambdafit-expect(python-gpu-device)
if torch.cuda.is_available():  # lambdafit-expect(python-gpu-api)
    pass
gpus = tf.config.list_physical_devices("GPU")  # lambdafit-expect(python-gpu-device)
# y = x.cuda()  lambdafit-expect-not(python-gpu-api)
device = "cpu"  # lambdafit-expect-not(python-gpu-device)
cuda_enabled = False  # lambdafit-expect-not(python-gpu-api)
z = x.to("cpu")  # lambdafit-expect-not(python-gpu-device)
