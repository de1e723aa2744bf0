#!/bin/sh
# Vendors the dependencies next to the handler for a manual zip deploy.
set -eu
pip3 install --target ./package -r requirements.txt
