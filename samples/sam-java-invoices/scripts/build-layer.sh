#!/bin/sh
# Packages the shared formatting helpers of the Python ops scripts as a layer.
set -eu
rm -rf layer && mkdir -p layer/python
pip3 install --target layer/python tabulate==0.9.0
