#!/bin/sh
# Layer with the Python tool the release job uses to verify checksums.
set -eu
mkdir -p layer/python
pip3 install --target layer/python crcmod==1.7
