#!/bin/sh
# Builds a layer with the Python report helper used by the on-call runbook.
set -eu
mkdir -p layer/python
pip3 install --target layer/python requests==2.31.0
