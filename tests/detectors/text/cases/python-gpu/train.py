import argparse

import torch
import cupy as cp

parser = argparse.ArgumentParser()
parser.add_argument("--cuda", action="store_true", help="use torch.cuda. when available")
model = torch.nn.Linear(4, 2).cuda()
x = torch.zeros(4).to("cuda")
if torch.cuda.is_available():
    pass
# y = x.cuda()  negative: comment
device = "cpu"
cuda_enabled = False
