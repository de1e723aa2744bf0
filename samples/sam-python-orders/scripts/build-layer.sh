#!/bin/sh
# Builds the dependency layer into layer/python (as Lambda layers expect).
set -eu
rm -rf layer && mkdir -p layer/python
pip3 install --target layer/python -r src/requirements.txt
cd layer && zip -qr ../layer.zip python
